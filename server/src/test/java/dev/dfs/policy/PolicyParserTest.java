package dev.dfs.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.junit.jupiter.api.Test;

class PolicyParserTest {
  static Policy parse(String json) {
    return PolicyParser.parseBucketPolicy(json, "photos");
  }

  static void malformed(String json, String message) {
    assertThatThrownBy(() -> parse(json))
        .isInstanceOf(MalformedPolicyException.class)
        .hasMessageContaining(message);
  }

  static String stmt(String body) {
    return "{\"Version\":\"2012-10-17\",\"Statement\":[" + body + "]}";
  }

  @Test
  void parsesAFullDocument() {
    Policy p =
        parse(
            """
        {"Version": "2012-10-17", "Id": "P1", "Statement": [
          {"Sid": "Read", "Effect": "Allow", "Principal": {"AWS": ["arn:aws:iam::123456789012:user/team/alice", "bob", "arn:aws:iam::carol:root"]},
           "Action": ["s3:GetObject", "s3:List*"], "Resource": ["arn:aws:s3:::photos", "arn:aws:s3:::photos/*"],
           "Condition": {"IpAddress": {"aws:SourceIp": ["10.0.0.0/8", "2001:db8::/32"]}, "Bool": {"aws:SecureTransport": true}}},
          {"Effect": "Deny", "NotPrincipal": "*", "NotAction": "s3:*", "NotResource": "arn:aws:s3:::photos/x"}
        ]}""");
    assertThat(p.version()).isEqualTo("2012-10-17");
    assertThat(p.id()).isEqualTo("P1");
    assertThat(p.statements()).hasSize(2);
    Statement s = p.statements().get(0);
    assertThat(s.sid()).isEqualTo("Read");
    assertThat(s.effect()).isEqualTo(Effect.ALLOW);
    assertThat(s.principals().users()).isEqualTo(Set.of("alice", "bob", "carol"));
    assertThat(s.principals().any()).isFalse();
    assertThat(s.actions()).containsExactly("s3:GetObject", "s3:List*");
    assertThat(s.conditions()).hasSize(2);
    assertThat(s.conditions().get(1).values()).containsExactly("true");
    Statement d = p.statements().get(1);
    assertThat(d.notPrincipal()).isTrue();
    assertThat(d.notAction()).isTrue();
    assertThat(d.notResource()).isTrue();
    assertThat(d.principals().any()).isTrue();
  }

  @Test
  void statementMayBeOneObjectAndVersionMayBeOld() {
    Policy p =
        parse(
            """
        {"Version": "2008-10-17", "Statement": {"Effect": "Allow", "Principal": {"AWS": "*"},
         "Action": "s3:GetObject", "Resource": "arn:aws:s3:::photos/*"}}""");
    assertThat(p.statements()).hasSize(1);
    assertThat(p.statements().get(0).principals().any()).isTrue();
    assertThat(p.variables()).isFalse();
    Policy noVersion =
        parse(
            """
        {"Statement": {"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::photos/*"}}""");
    assertThat(noVersion.version()).isEqualTo("2008-10-17");
  }

  @Test
  void refusesWhatS3Refuses() {
    String ok =
        "\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::photos/*\"";
    malformed("{not json", "invalid Json");
    malformed("[]", "first byte must be '{'");
    malformed("", "first byte");
    malformed("{\"Version\":\"2012-10-17\"}", "Missing required field Statement");
    malformed("{\"Version\":\"2012-10-17\",\"Statement\":[]}", "Statement is empty");
    malformed("{\"Version\":\"2013-01-01\",\"Statement\":{" + ok + "}}", "valid version");
    malformed(
        stmt(
            "{\"Principal\":\"*\",\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::photos/*\"}"),
        "Missing required field Effect");
    malformed(stmt("{" + ok.replace("\"Allow\"", "\"Permit\"") + "}"), "Invalid effect: Permit");
    malformed(
        stmt("{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Resource\":\"arn:aws:s3:::photos/*\"}"),
        "Missing required field Action");
    malformed(
        stmt("{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"s3:GetObject\"}"),
        "Missing required field Resource");
    malformed(
        stmt(
            "{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::photos/*\"}"),
        "Missing required field Principal");
    malformed(
        stmt("{" + ok.replace("arn:aws:s3:::photos/*", "arn:aws:s3:::other/*") + "}"),
        "Policy has invalid resource");
    malformed(
        stmt("{" + ok.replace("arn:aws:s3:::photos/*", "*") + "}"), "Policy has invalid resource");
    malformed(
        stmt("{" + ok.replace("s3:GetObject", "iam:PassRole") + "}"), "Policy has invalid action");
    malformed(
        stmt("{" + ok + ",\"Condition\":{\"StringSorta\":{\"s3:prefix\":\"a\"}}}"),
        "Invalid Condition type : StringSorta");
    malformed(
        stmt("{" + ok + ",\"Condition\":{\"NumericEquals\":{\"s3:max-keys\":\"ten\"}}}"),
        "Invalid value");
    malformed(
        stmt("{" + ok + ",\"Condition\":{\"DateLessThan\":{\"aws:CurrentTime\":\"soon\"}}}"),
        "Invalid value");
    malformed(
        stmt("{" + ok + ",\"Condition\":{\"IpAddress\":{\"aws:SourceIp\":\"example.com\"}}}"),
        "Invalid value");
    malformed(
        stmt("{" + ok + ",\"Condition\":{\"Bool\":{\"aws:SecureTransport\":\"maybe\"}}}"),
        "Invalid value");
    malformed(
        stmt("{" + ok + ",\"Condition\":{\"StringEquals\":{\"prefix\":\"a\"}}}"),
        "invalid condition key");
    malformed(
        stmt("{" + ok + ",\"Condition\":{\"StringEquals\":{\"s3:prefix\":[]}}}"), "Invalid value");
    malformed(
        stmt("{" + ok + ",\"Condition\":{\"ForAnyValue:Null\":{\"s3:prefix\":\"true\"}}}"),
        "Invalid Condition type");
    malformed(stmt("{" + ok + ",\"Bogus\":1}"), "Unknown field Bogus");
    malformed("{\"Statement\":{" + ok + "},\"Extra\":true}", "Unknown field Extra");
    malformed(stmt("{" + ok + ",\"NotAction\":\"s3:PutObject\"}"), "both Action and NotAction");
    malformed(
        stmt("{" + ok.replace("\"*\"", "{\"Service\":\"s3.amazonaws.com\"}") + "}"),
        "Invalid principal");
    malformed(stmt("{" + ok.replace("\"*\"", "\"alice\"") + "}"), "Invalid principal");
    malformed(
        stmt("{" + ok.replace("\"*\"", "{\"AWS\":\"arn:aws:iam::1:group/x\"}") + "}"),
        "Invalid principal");
    malformed(stmt("{\"Sid\":\"a\"," + ok + "},{\"Sid\":\"a\"," + ok + "}"), "unique");
    malformed(stmt("{" + ok.replace("\"s3:GetObject\"", "[]") + "}"), "Action must be");
    malformed(stmt("{" + ok.replace("\"s3:GetObject\"", "[1]") + "}"), "Action must be");
    malformed("{\"Statement\":{" + ok + "},\"Statement\":{" + ok + "}}", "invalid Json");
  }

  @Test
  void sizeLimit() {
    String pad = "x".repeat(PolicyParser.MAX_BYTES);
    malformed("{\"Id\":\"" + pad + "\",\"Statement\":[]}", "maximum allowed document size");
  }

  @Test
  void resourcesMayUseWildcardsThatCoverTheBucket() {
    parse(
        stmt(
            "{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"s3:*\",\"Resource\":[\"arn:aws:s3:::pho*\",\"arn:aws:s3:::photos/a?c/*\"]}"));
    malformed(
        stmt(
            "{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"s3:*\",\"Resource\":\"arn:aws:s3:::x*\"}"),
        "Policy has invalid resource");
  }

  @Test
  void identityPoliciesHaveNoPrincipalAndAnyBucket() {
    Policy p =
        PolicyParser.parseIdentityPolicy(
            """
        {"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:*","Resource":["*","arn:aws:s3:::any/*"]}}""");
    assertThat(p.statements().get(0).principals()).isNull();
    assertThatThrownBy(
            () ->
                PolicyParser.parseIdentityPolicy(
                    """
        {"Statement":{"Effect":"Allow","Principal":"*","Action":"s3:*","Resource":"*"}}"""))
        .isInstanceOf(MalformedPolicyException.class);
  }

  @Test
  void principalMapping() {
    assertThat(PolicyParser.userOf("alice")).isEqualTo("alice");
    assertThat(PolicyParser.userOf("arn:aws:iam::123456789012:user/alice")).isEqualTo("alice");
    assertThat(PolicyParser.userOf("arn:aws:iam::123456789012:user/path/to/alice"))
        .isEqualTo("alice");
    assertThat(PolicyParser.userOf("arn:aws:iam::alice:root")).isEqualTo("alice");
    assertThatThrownBy(() -> PolicyParser.userOf("arn:aws:iam::1:role/x"))
        .isInstanceOf(MalformedPolicyException.class);
  }

  @Test
  void operatorsParseCaseInsensitivelyWithQualifiersAndIfExists() {
    ConditionOperator op = ConditionOperator.parse("ForAllValues:StringNotLikeIfExists");
    assertThat(op.kind()).isEqualTo(ConditionOperator.Kind.STRING_LIKE);
    assertThat(op.negated()).isTrue();
    assertThat(op.ifExists()).isTrue();
    assertThat(op.qualifier()).isEqualTo(ConditionOperator.Qualifier.FOR_ALL_VALUES);
    assertThat(ConditionOperator.parse("forAnyValue:stringequals").qualifier())
        .isEqualTo(ConditionOperator.Qualifier.FOR_ANY_VALUE);
    for (String name :
        new String[] {
          "StringEquals",
          "StringNotEquals",
          "StringEqualsIgnoreCase",
          "StringNotEqualsIgnoreCase",
          "StringLike",
          "StringNotLike",
          "NumericEquals",
          "NumericNotEquals",
          "NumericLessThan",
          "NumericLessThanEquals",
          "NumericGreaterThan",
          "NumericGreaterThanEquals",
          "DateEquals",
          "DateNotEquals",
          "DateLessThan",
          "DateLessThanEquals",
          "DateGreaterThan",
          "DateGreaterThanEquals",
          "Bool",
          "IpAddress",
          "NotIpAddress",
          "ArnEquals",
          "ArnLike",
          "ArnNotEquals",
          "ArnNotLike",
          "Null"
        }) {
      assertThat(ConditionOperator.parse(name).name()).isEqualTo(name);
      if (!name.equals("Null")) ConditionOperator.parse(name + "IfExists");
    }
  }
}
