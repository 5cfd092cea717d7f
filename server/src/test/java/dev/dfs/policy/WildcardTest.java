package dev.dfs.policy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WildcardTest {
  @Test
  void starAndQuestionMark() {
    assertThat(Wildcard.matches("*", "")).isTrue();
    assertThat(Wildcard.matches("*", "anything/at/all")).isTrue();
    assertThat(Wildcard.matches("a*c", "abbbc")).isTrue();
    assertThat(Wildcard.matches("a*c", "abbbd")).isFalse();
    assertThat(Wildcard.matches("a?c", "abc")).isTrue();
    assertThat(Wildcard.matches("a?c", "ac")).isFalse();
    assertThat(Wildcard.matches("arn:aws:s3:::b/p*", "arn:aws:s3:::b/p/x/y")).isTrue();
    assertThat(Wildcard.matches("*.jpg", "a.jpg.png")).isFalse();
    assertThat(Wildcard.matches("*a*b*", "xxaxxbxx")).isTrue();
    assertThat(Wildcard.matches("exact", "exact")).isTrue();
    assertThat(Wildcard.matches("exact", "exactly")).isFalse();
  }

  @Test
  void caseSensitivity() {
    assertThat(Wildcard.matches("s3:get*", "s3:GetObject")).isFalse();
    assertThat(Wildcard.matches("s3:get*", "s3:GetObject", true)).isTrue();
    assertThat(Wildcard.matches("S3:GETOBJECT", "s3:GetObject", true)).isTrue();
  }

  @Test
  void pathologicalPatternsStayFast() {
    String text = "a".repeat(5000);
    assertThat(Wildcard.matches("*a*a*a*a*a*a*a*b", text)).isFalse();
  }
}
