package dev.dfs.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ContinuationTokensTest {

  @Property
  void roundTrips(@ForAll String key) {
    String wellFormed = new String(key.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
    String token = ContinuationTokens.encode(wellFormed);
    assertThat(token).matches("[A-Za-z0-9_-]+");
    assertThat(ContinuationTokens.decode(token, "continuation-token")).isEqualTo(wellFormed);
  }

  @Test
  void tokenIsNotTheKeyInClear() {
    assertThat(ContinuationTokens.encode("photos/2024/")).doesNotContain("photos");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "!!!", "a b", "AQ=x", "Ag" /* version 2 */})
  void rejectsWhatItDidNotIssue(String token) {
    assertThatThrownBy(() -> ContinuationTokens.decode(token, "continuation-token"))
        .isInstanceOfSatisfying(
            S3Exception.class,
            e -> {
              assertThat(e.code()).isEqualTo(S3ErrorCode.INVALID_ARGUMENT);
              assertThat(e.getMessage()).isEqualTo("The continuation token provided is incorrect");
              assertThat(e.extra()).containsEntry("ArgumentName", "continuation-token");
            });
  }

  @Test
  void rejectsMalformedUtf8() {
    String token =
        Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(new byte[] {1, (byte) 0xC3, (byte) 0x28});
    assertThatThrownBy(() -> ContinuationTokens.decode(token, "continuation-token"))
        .isInstanceOf(S3Exception.class);
  }
}
