package dev.dfs.policy;

import static dev.dfs.policy.Requests.req;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dfs.authz.AccessRequest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConditionEvaluatorTest {
  static boolean holds(String op, String key, List<String> values, AccessRequest r)
      throws Exception {
    return ConditionEvaluator.holds(
        new Condition(ConditionOperator.parse(op), key, values), r, true);
  }

  static boolean holds(String op, String key, String value, AccessRequest r) throws Exception {
    return holds(op, key, List.of(value), r);
  }

  @Test
  void strings() throws Exception {
    AccessRequest r = req().query("prefix", "home/Bob/").build();
    assertThat(holds("StringEquals", "s3:prefix", "home/Bob/", r)).isTrue();
    assertThat(holds("StringEquals", "S3:Prefix", "home/Bob/", r))
        .as("key names ignore case")
        .isTrue();
    assertThat(holds("StringEquals", "s3:prefix", "home/bob/", r)).isFalse();
    assertThat(holds("StringEquals", "s3:prefix", List.of("x", "home/Bob/"), r))
        .as("values OR")
        .isTrue();
    assertThat(holds("StringNotEquals", "s3:prefix", List.of("x", "home/Bob/"), r)).isFalse();
    assertThat(holds("StringNotEquals", "s3:prefix", List.of("x", "y"), r)).isTrue();
    assertThat(holds("StringEqualsIgnoreCase", "s3:prefix", "HOME/BOB/", r)).isTrue();
    assertThat(holds("StringNotEqualsIgnoreCase", "s3:prefix", "HOME/BOB/", r)).isFalse();
    assertThat(holds("StringLike", "s3:prefix", "home/*", r)).isTrue();
    assertThat(holds("StringLike", "s3:prefix", "home/?ob/", r)).isTrue();
    assertThat(holds("StringLike", "s3:prefix", "Home/*", r)).isFalse();
    assertThat(holds("StringNotLike", "s3:prefix", "home/*", r)).isFalse();
    assertThat(holds("StringNotLike", "s3:prefix", "tmp/*", r)).isTrue();
  }

  @Test
  void missingKeys() throws Exception {
    AccessRequest r = req().build();
    assertThat(holds("StringEquals", "s3:prefix", "a", r)).isFalse();
    assertThat(holds("StringNotEquals", "s3:prefix", "a", r))
        .as("negated: true when missing")
        .isTrue();
    assertThat(holds("StringLike", "s3:prefix", "*", r)).isFalse();
    assertThat(holds("StringNotLike", "s3:prefix", "*", r)).isTrue();
    assertThat(holds("NotIpAddress", "aws:unknownKey", "10.0.0.0/8", r)).isTrue();
    assertThat(holds("StringEqualsIfExists", "s3:prefix", "a", r)).isTrue();
    assertThat(holds("NumericLessThanIfExists", "s3:max-keys", "10", r)).isTrue();
    assertThat(
            holds(
                "NumericLessThanIfExists",
                "s3:max-keys",
                "10",
                req().query("max-keys", "50").build()))
        .isFalse();
    assertThat(holds("Null", "s3:prefix", "true", r)).isTrue();
    assertThat(holds("Null", "s3:prefix", "false", r)).isFalse();
    assertThat(holds("Null", "aws:SourceIp", "false", r)).isTrue();
    assertThat(holds("Null", "aws:username", "true", req().anonymous().build())).isTrue();
  }

  @Test
  void numbers() throws Exception {
    AccessRequest r = req().query("max-keys", "10").build();
    assertThat(holds("NumericEquals", "s3:max-keys", "10", r)).isTrue();
    assertThat(holds("NumericEquals", "s3:max-keys", "10.0", r)).isTrue();
    assertThat(holds("NumericNotEquals", "s3:max-keys", "10", r)).isFalse();
    assertThat(holds("NumericLessThan", "s3:max-keys", "11", r)).isTrue();
    assertThat(holds("NumericLessThan", "s3:max-keys", "10", r)).isFalse();
    assertThat(holds("NumericLessThanEquals", "s3:max-keys", "10", r)).isTrue();
    assertThat(holds("NumericGreaterThan", "s3:max-keys", "9", r)).isTrue();
    assertThat(holds("NumericGreaterThan", "s3:max-keys", "10", r)).isFalse();
    assertThat(holds("NumericGreaterThanEquals", "s3:max-keys", "10", r)).isTrue();
    assertThat(holds("NumericEquals", "s3:max-keys", "10", req().query("max-keys", "ten").build()))
        .as("a request value that is no number matches nothing")
        .isFalse();
  }

  @Test
  void dates() throws Exception {
    AccessRequest r = req().time(Instant.parse("2026-11-25T10:00:00Z")).build();
    assertThat(holds("DateEquals", "aws:CurrentTime", "2026-11-25T10:00:00Z", r)).isTrue();
    assertThat(holds("DateNotEquals", "aws:CurrentTime", "2026-11-25T10:00:00Z", r)).isFalse();
    assertThat(holds("DateLessThan", "aws:CurrentTime", "2027-01-01T00:00:00Z", r)).isTrue();
    assertThat(holds("DateLessThan", "aws:CurrentTime", "2026-01-01", r)).isFalse();
    assertThat(holds("DateLessThanEquals", "aws:CurrentTime", "2026-11-25T11:00:00+01:00", r))
        .isTrue();
    assertThat(holds("DateGreaterThan", "aws:CurrentTime", "2026-11-25T09:59:59Z", r)).isTrue();
    assertThat(holds("DateGreaterThanEquals", "aws:CurrentTime", "2026-11-25T10:00:01Z", r))
        .isFalse();
    long epoch = Instant.parse("2026-11-25T10:00:00Z").getEpochSecond();
    assertThat(holds("DateEquals", "aws:CurrentTime", Long.toString(epoch), r)).isTrue();
    assertThat(holds("NumericEquals", "aws:EpochTime", Long.toString(epoch), r)).isTrue();
    assertThat(holds("DateGreaterThan", "aws:EpochTime", "2026-11-25T09:00:00Z", r)).isTrue();
  }

  @Test
  void booleansAndPrincipalKeys() throws Exception {
    assertThat(holds("Bool", "aws:SecureTransport", "false", req().build())).isTrue();
    assertThat(holds("Bool", "aws:SecureTransport", "true", req().build())).isFalse();
    assertThat(holds("Bool", "aws:SecureTransport", "TRUE", req().tls(true).build())).isTrue();
    assertThat(holds("StringEquals", "aws:username", "bob", req().build())).isTrue();
    assertThat(holds("StringEquals", "aws:username", "bob", req().anonymous().build())).isFalse();
    assertThat(holds("StringEquals", "aws:userid", "anonymous", req().anonymous().build()))
        .isTrue();
    assertThat(holds("StringEquals", "aws:PrincipalType", "Anonymous", req().anonymous().build()))
        .isTrue();
    assertThat(holds("StringEquals", "aws:PrincipalType", "Account", req().build())).isTrue();
  }

  @Test
  void ipAddresses() throws Exception {
    assertThat(holds("IpAddress", "aws:SourceIp", "127.0.0.0/8", req().build())).isTrue();
    assertThat(
            holds(
                "IpAddress", "aws:SourceIp", List.of("10.0.0.0/8", "127.0.0.1/32"), req().build()))
        .isTrue();
    assertThat(holds("NotIpAddress", "aws:SourceIp", "127.0.0.0/8", req().build())).isFalse();
    assertThat(holds("NotIpAddress", "aws:SourceIp", "10.0.0.0/8", req().build())).isTrue();
    assertThat(holds("IpAddress", "aws:SourceIp", "2001:db8::/32", req().ip("2001:db8::7").build()))
        .isTrue();
    assertThat(holds("IpAddress", "aws:SourceIp", "2001:db8::/32", req().ip("2001:db9::7").build()))
        .isFalse();
    assertThat(
            holds("NotIpAddress", "aws:SourceIp", "2001:db8::/32", req().ip("127.0.0.1").build()))
        .isTrue();
  }

  @Test
  void arns() throws Exception {
    AccessRequest r = req().header("referer", "arn:aws:s3:::photos/x").build();
    assertThat(holds("ArnEquals", "aws:Referer", "arn:aws:s3:::photos/x", r)).isTrue();
    assertThat(holds("ArnLike", "aws:Referer", "arn:aws:s3:::photos/*", r)).isTrue();
    assertThat(holds("ArnNotEquals", "aws:Referer", "arn:aws:s3:::photos/x", r)).isFalse();
    assertThat(holds("ArnNotLike", "aws:Referer", "arn:aws:s3:::other/*", r)).isTrue();
    assertThat(holds("ArnLike", "aws:Referer", "arn:aws:s3:::other/*", r)).isFalse();
  }

  @Test
  void setQualifiers() throws Exception {
    AccessRequest two = req().header("x-amz-tagging", "team=blue&env=prod").build();
    AccessRequest none = req().build();
    List<String> allowed = List.of("team", "env", "owner");
    assertThat(holds("ForAllValues:StringEquals", "s3:RequestObjectTagKeys", allowed, two))
        .isTrue();
    assertThat(holds("ForAllValues:StringEquals", "s3:RequestObjectTagKeys", List.of("team"), two))
        .isFalse();
    assertThat(holds("ForAllValues:StringEquals", "s3:RequestObjectTagKeys", List.of("team"), none))
        .as("ForAllValues on a missing key is true")
        .isTrue();
    assertThat(holds("ForAnyValue:StringEquals", "s3:RequestObjectTagKeys", List.of("env"), two))
        .isTrue();
    assertThat(holds("ForAnyValue:StringEquals", "s3:RequestObjectTagKeys", List.of("x"), two))
        .isFalse();
    assertThat(holds("ForAnyValue:StringEquals", "s3:RequestObjectTagKeys", List.of("env"), none))
        .as("ForAnyValue on a missing key is false")
        .isFalse();
    assertThat(holds("ForAnyValue:StringNotEquals", "s3:RequestObjectTagKeys", List.of("env"), two))
        .isTrue();
    assertThat(
            holds("ForAllValues:StringNotEquals", "s3:RequestObjectTagKeys", List.of("env"), two))
        .isFalse();
    assertThat(holds("ForAllValues:StringLike", "s3:RequestObjectTagKeys", List.of("*e*"), two))
        .isTrue();
    // without a qualifier a multi-valued key matches when any value does
    assertThat(holds("StringEquals", "s3:RequestObjectTagKeys", List.of("env"), two)).isTrue();
  }

  @Test
  void tags() throws Exception {
    AccessRequest r =
        req().header("x-amz-tagging", "class%20a=top+secret").tags(Map.of("public", "yes")).build();
    assertThat(holds("StringEquals", "s3:ExistingObjectTag/public", "yes", r)).isTrue();
    assertThat(holds("StringEquals", "s3:ExistingObjectTag/PUBLIC", "yes", r))
        .as("tag keys are case-sensitive")
        .isFalse();
    assertThat(holds("StringEquals", "s3:RequestObjectTag/class a", "top secret", r)).isTrue();
    assertThat(holds("Null", "s3:RequestObjectTag/none", "true", r)).isTrue();
  }

  @Test
  void otherRequestKeys() throws Exception {
    AccessRequest r =
        req()
            .header("x-amz-acl", "public-read")
            .header("user-agent", "aws-cli/2")
            .header("x-amz-server-side-encryption", "AES256")
            .query("delimiter", "/")
            .query("versionId", "v1")
            .build();
    assertThat(holds("StringEquals", "s3:x-amz-acl", "public-read", r)).isTrue();
    assertThat(holds("StringLike", "aws:UserAgent", "aws-cli/*", r)).isTrue();
    assertThat(holds("StringEquals", "s3:x-amz-server-side-encryption", "AES256", r)).isTrue();
    assertThat(holds("StringEquals", "s3:delimiter", "/", r)).isTrue();
    assertThat(holds("StringEquals", "s3:VersionId", "v1", r)).isTrue();
  }

  @Test
  void policyVariables() throws Exception {
    AccessRequest r = req().query("prefix", "home/bob/").build();
    assertThat(holds("StringLike", "s3:prefix", "home/${aws:username}/*", r)).isTrue();
    assertThat(
            holds(
                "StringLike",
                "s3:prefix",
                "home/${aws:username}/*",
                req().user("eve").query("prefix", "home/bob/").build()))
        .isFalse();
    assertThat(
            holds(
                "StringLike",
                "s3:prefix",
                "home/${aws:username}/*",
                req().anonymous().query("prefix", "home/bob/").build()))
        .as("no value: matches nothing")
        .isFalse();
  }
}
