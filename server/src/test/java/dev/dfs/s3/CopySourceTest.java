package dev.dfs.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CopySourceTest {

  @Test
  void plainAndLeadingSlash() {
    assertThat(CopySource.parse("bucket/dir/key.txt"))
        .isEqualTo(new CopySource("bucket", "dir/key.txt", null));
    assertThat(CopySource.parse("/bucket/dir/key.txt"))
        .isEqualTo(new CopySource("bucket", "dir/key.txt", null));
  }

  @Test
  void percentEncodedKeysDecodeAndPlusStaysPlus() {
    assertThat(CopySource.parse("src/a%20b%2Bc%25%2F%C3%BC"))
        .isEqualTo(new CopySource("src", "a b+c%/ü", null));
    assertThat(CopySource.parse("src/a+b")).isEqualTo(new CopySource("src", "a+b", null));
    assertThat(CopySource.parse("src/what%3F")).isEqualTo(new CopySource("src", "what?", null));
  }

  @Test
  void versionId() {
    assertThat(CopySource.parse("/b/k%3Fx?versionId=null"))
        .isEqualTo(new CopySource("b", "k?x", "null"));
    assertThat(CopySource.parse("b/k?versionId=abc%2Bd"))
        .isEqualTo(new CopySource("b", "k", "abc+d"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "  ", "bucket", "bucket/", "/bucket", "/bucket/", "/", "//key"})
  void missingBucketOrKeyIsInvalidArgument(String header) {
    assertThatThrownBy(() -> CopySource.parse(header))
        .isInstanceOfSatisfying(
            S3Exception.class,
            e -> {
              assertThat(e.code()).isEqualTo(S3ErrorCode.INVALID_ARGUMENT);
              assertThat(e.extra()).containsEntry("ArgumentName", "x-amz-copy-source");
            });
  }

  @Test
  void nullIsInvalid() {
    assertThatThrownBy(() -> CopySource.parse(null)).isInstanceOf(S3Exception.class);
  }

  @Test
  void overlongKey() {
    assertThatThrownBy(() -> CopySource.parse("b/" + "k".repeat(1025)))
        .isInstanceOfSatisfying(
            S3Exception.class, e -> assertThat(e.code()).isEqualTo(S3ErrorCode.KEY_TOO_LONG));
  }
}
