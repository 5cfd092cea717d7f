package dev.dfs.policy;

import static dev.dfs.policy.Requests.req;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dfs.authz.Decision;
import org.junit.jupiter.api.Test;

class PolicyEvaluatorTest {
  static Decision eval(String statements, Requests r) throws Exception {
    return PolicyEvaluator.evaluate(
        PolicyParserTest.parse(PolicyParserTest.stmt(statements)), r.build());
  }

  static final String PUBLIC_READ =
      """
      {"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::photos/public/*"}""";

  @Test
  void allowMatchesActionResourceAndPrincipal() throws Exception {
    assertThat(eval(PUBLIC_READ, req())).isEqualTo(Decision.ALLOW);
    assertThat(eval(PUBLIC_READ, req().anonymous())).isEqualTo(Decision.ALLOW);
    assertThat(eval(PUBLIC_READ, req().action("s3:PutObject"))).isEqualTo(Decision.NONE);
    assertThat(eval(PUBLIC_READ, req().bucket("photos", "private/a"))).isEqualTo(Decision.NONE);
    assertThat(eval(PUBLIC_READ, req().bucket("photos", null).action("s3:ListBucket")))
        .isEqualTo(Decision.NONE);
  }

  @Test
  void actionsIgnoreCaseAndTakeWildcards() throws Exception {
    String s =
        """
        {"Effect":"Allow","Principal":"*","Action":["S3:GETOBJECT*","s3:list?ucket"],"Resource":["arn:aws:s3:::photos","arn:aws:s3:::photos/*"]}""";
    assertThat(eval(s, req())).isEqualTo(Decision.ALLOW);
    assertThat(eval(s, req().action("s3:GetObjectTagging"))).isEqualTo(Decision.ALLOW);
    assertThat(eval(s, req().action("s3:ListBucket").bucket("photos", null)))
        .isEqualTo(Decision.ALLOW);
    assertThat(eval(s, req().action("s3:ListBucketMultipartUploads").bucket("photos", null)))
        .isEqualTo(Decision.NONE);
    assertThat(eval(s, req().action("s3:PutObject"))).isEqualTo(Decision.NONE);
  }

  @Test
  void namedPrincipals() throws Exception {
    String s =
        """
        {"Effect":"Allow","Principal":{"AWS":["arn:aws:iam::123:user/bob","carol"]},"Action":"s3:*","Resource":"arn:aws:s3:::photos/*"}""";
    assertThat(eval(s, req())).isEqualTo(Decision.ALLOW);
    assertThat(eval(s, req().user("carol"))).isEqualTo(Decision.ALLOW);
    assertThat(eval(s, req().user("eve"))).isEqualTo(Decision.NONE);
    assertThat(eval(s, req().anonymous())).isEqualTo(Decision.NONE);
  }

  @Test
  void explicitDenyWins() throws Exception {
    String s =
        PUBLIC_READ
            + """
        ,{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"arn:aws:s3:::photos/public/secret*"}""";
    assertThat(eval(s, req())).isEqualTo(Decision.ALLOW);
    assertThat(eval(s, req().bucket("photos", "public/secret.txt"))).isEqualTo(Decision.DENY);
    // order does not matter
    String reversed =
        """
        {"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"arn:aws:s3:::photos/public/secret*"},"""
            + PUBLIC_READ;
    assertThat(eval(reversed, req().bucket("photos", "public/secret.txt")))
        .isEqualTo(Decision.DENY);
  }

  @Test
  void notActionNotResourceNotPrincipal() throws Exception {
    String notAction =
        """
        {"Effect":"Deny","Principal":"*","NotAction":"s3:Get*","Resource":"arn:aws:s3:::photos/*"}""";
    assertThat(eval(notAction, req().action("s3:PutObject"))).isEqualTo(Decision.DENY);
    assertThat(eval(notAction, req())).isEqualTo(Decision.NONE);
    String notResource =
        """
        {"Effect":"Allow","Principal":"*","Action":"s3:GetObject","NotResource":"arn:aws:s3:::photos/private/*"}""";
    assertThat(eval(notResource, req())).isEqualTo(Decision.ALLOW);
    assertThat(eval(notResource, req().bucket("photos", "private/x"))).isEqualTo(Decision.NONE);
    String notPrincipal =
        """
        {"Effect":"Deny","NotPrincipal":{"AWS":"bob"},"Action":"s3:*","Resource":"arn:aws:s3:::photos/*"}""";
    assertThat(eval(notPrincipal, req())).isEqualTo(Decision.NONE);
    assertThat(eval(notPrincipal, req().user("eve"))).isEqualTo(Decision.DENY);
    assertThat(eval(notPrincipal, req().anonymous())).isEqualTo(Decision.DENY);
  }

  @Test
  void conditionsAreAndedAcrossOperatorsAndKeys() throws Exception {
    String s =
        """
        {"Effect":"Allow","Principal":"*","Action":"s3:ListBucket","Resource":"arn:aws:s3:::photos",
         "Condition":{"StringLike":{"s3:prefix":["public/*","shared/*"]},"NumericLessThanEquals":{"s3:max-keys":"100"},
                      "IpAddress":{"aws:SourceIp":"127.0.0.0/8"}}}""";
    Requests list = req().action("s3:ListBucket").bucket("photos", null);
    assertThat(eval(s, list.query("prefix", "shared/x").query("max-keys", "50")))
        .isEqualTo(Decision.ALLOW);
    assertThat(
            eval(
                s,
                req()
                    .action("s3:ListBucket")
                    .bucket("photos", null)
                    .query("prefix", "shared/x")
                    .query("max-keys", "500")))
        .isEqualTo(Decision.NONE);
    assertThat(
            eval(
                s,
                req()
                    .action("s3:ListBucket")
                    .bucket("photos", null)
                    .query("prefix", "private/")
                    .query("max-keys", "5")))
        .isEqualTo(Decision.NONE);
    assertThat(
            eval(
                s,
                req()
                    .action("s3:ListBucket")
                    .bucket("photos", null)
                    .ip("10.0.0.1")
                    .query("prefix", "shared/x")
                    .query("max-keys", "5")))
        .isEqualTo(Decision.NONE);
  }

  @Test
  void denyUnlessSecureOrFromANetwork() throws Exception {
    String insecure =
        PUBLIC_READ
            + """
        ,{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"arn:aws:s3:::photos/*","Condition":{"Bool":{"aws:SecureTransport":"false"}}}""";
    assertThat(eval(insecure, req())).isEqualTo(Decision.DENY);
    assertThat(eval(insecure, req().tls(true))).isEqualTo(Decision.ALLOW);
    String network =
        PUBLIC_READ
            + """
        ,{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"arn:aws:s3:::photos/*","Condition":{"NotIpAddress":{"aws:SourceIp":["192.0.2.0/24","2001:db8::/32"]}}}""";
    assertThat(eval(network, req())).isEqualTo(Decision.DENY);
    assertThat(eval(network, req().ip("192.0.2.9"))).isEqualTo(Decision.ALLOW);
    assertThat(eval(network, req().ip("2001:db8::9"))).isEqualTo(Decision.ALLOW);
  }

  @Test
  void resourceVariablesOnlyIn2012() throws Exception {
    String s =
        """
        {"Effect":"Allow","Principal":"*","Action":"s3:*","Resource":"arn:aws:s3:::photos/home/${aws:username}/*"}""";
    assertThat(eval(s, req().bucket("photos", "home/bob/a"))).isEqualTo(Decision.ALLOW);
    assertThat(eval(s, req().user("eve").bucket("photos", "home/bob/a"))).isEqualTo(Decision.NONE);
    assertThat(eval(s, req().anonymous().bucket("photos", "home/bob/a"))).isEqualTo(Decision.NONE);
    Policy old =
        PolicyParser.parseBucketPolicy(
            "{\"Version\":\"2008-10-17\",\"Statement\":" + s + "}", "photos");
    assertThat(PolicyEvaluator.evaluate(old, req().bucket("photos", "home/bob/a").build()))
        .isEqualTo(Decision.NONE);
  }

  @Test
  void existingObjectTags() throws Exception {
    String s =
        """
        {"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::photos/*","Condition":{"StringEquals":{"s3:ExistingObjectTag/public":"yes"}}}""";
    assertThat(eval(s, req().tags(java.util.Map.of("public", "yes")))).isEqualTo(Decision.ALLOW);
    assertThat(eval(s, req().tags(java.util.Map.of("public", "no")))).isEqualTo(Decision.NONE);
    assertThat(eval(s, req())).isEqualTo(Decision.NONE);
  }
}
