package dev.dfs.policy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PolicyStatusTest {
  static boolean isPublic(String statements) {
    return PolicyStatus.isPublic(PolicyParserTest.parse(PolicyParserTest.stmt(statements)));
  }

  static final String ANYONE =
      "\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::photos/*\"";

  @Test
  void grantsToEveryoneArePublic() {
    assertThat(isPublic("{" + ANYONE + "}")).isTrue();
    assertThat(isPublic("{" + ANYONE.replace("\"*\"", "{\"AWS\":\"*\"}") + "}")).isTrue();
    assertThat(
            isPublic(
                "{"
                    + ANYONE
                        .replace("Principal", "NotPrincipal")
                        .replace("\"*\"", "{\"AWS\":\"bob\"}")
                    + "}"))
        .isTrue();
    assertThat(isPublic("{" + ANYONE + ",\"Condition\":{\"StringLike\":{\"s3:prefix\":\"a*\"}}}"))
        .as("a non-restricting condition")
        .isTrue();
  }

  @Test
  void namedPrincipalsDeniesAndFixedRestrictionsAreNot() {
    assertThat(
            isPublic("{" + ANYONE.replace("\"*\"", "{\"AWS\":\"arn:aws:iam::1:user/bob\"}") + "}"))
        .isFalse();
    assertThat(isPublic("{" + ANYONE.replace("Allow", "Deny") + "}")).isFalse();
    assertThat(
            isPublic(
                "{" + ANYONE + ",\"Condition\":{\"IpAddress\":{\"aws:SourceIp\":\"10.0.0.0/8\"}}}"))
        .isFalse();
    assertThat(
            isPublic(
                "{"
                    + ANYONE
                    + ",\"Condition\":{\"StringEquals\":{\"aws:SourceAccount\":\"123\"}}}"))
        .isFalse();
    assertThat(
            isPublic(
                "{"
                    + ANYONE
                    + ",\"Condition\":{\"ArnEquals\":{\"aws:SourceArn\":\"arn:aws:sns:::t\"}}}"))
        .isFalse();
    assertThat(
            isPublic(
                "{"
                    + ANYONE
                    + ",\"Condition\":{\"StringEquals\":{\"aws:PrincipalOrgID\":\"o-1\"}}}"))
        .isFalse();
  }

  @Test
  void openRestrictionsStayPublic() {
    assertThat(
            isPublic(
                "{" + ANYONE + ",\"Condition\":{\"IpAddress\":{\"aws:SourceIp\":\"0.0.0.0/0\"}}}"))
        .isTrue();
    assertThat(
            isPublic(
                "{" + ANYONE + ",\"Condition\":{\"StringLike\":{\"aws:SourceAccount\":\"*\"}}}"))
        .isTrue();
    assertThat(
            isPublic(
                "{"
                    + ANYONE
                    + ",\"Condition\":{\"NotIpAddress\":{\"aws:SourceIp\":\"10.0.0.0/8\"}}}"))
        .isTrue();
    assertThat(
            isPublic(
                "{"
                    + ANYONE
                    + ",\"Condition\":{\"StringEqualsIfExists\":{\"aws:SourceAccount\":\"1\"}}}"))
        .isTrue();
  }
}
