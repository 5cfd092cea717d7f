package dev.dfs.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BucketNamesTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "abc",
        "my-bucket",
        "my.bucket.name",
        "0123456789",
        "a1b",
        "bucket-2024.logs",
        "apis",
        "api-v1",
        "xn-abc",
        "a-s3alias-b",
        "192.168.1.1a",
        "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa" // 63
      })
  void accepts(String name) {
    assertThat(BucketNames.problem(name)).isNull();
    BucketNames.validate(name);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "ab",
        "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", // 64
        "MyBucket",
        "my_bucket",
        "my bucket",
        "bücket",
        "-abc",
        "abc-",
        ".abc",
        "abc.",
        "a..b",
        "192.168.5.4",
        "10.0.0.1",
        "xn--abc",
        "sthree-abc",
        "amzn-s3-demo-x",
        "abc-s3alias",
        "abc--ol-s3",
        "abc.mrap",
        "abc--x-s3",
        "abc--table-s3",
        "api",
        "a/b"
      })
  void rejects(String name) {
    assertThat(BucketNames.isValid(name)).isFalse();
    assertThatThrownBy(() -> BucketNames.validate(name))
        .isInstanceOfSatisfying(
            S3Exception.class,
            e -> {
              assertThat(e.code()).isEqualTo(S3ErrorCode.INVALID_BUCKET_NAME);
              assertThat(e.extra()).containsEntry("BucketName", name);
            });
  }

  @org.junit.jupiter.api.Test
  void reservedApiNameSaysWhy() {
    assertThatThrownBy(() -> BucketNames.validate("api")).hasMessageContaining("management API");
  }

  @org.junit.jupiter.api.Test
  void reservedConsoleNameSaysWhy() {
    assertThatThrownBy(() -> BucketNames.validate("console")).hasMessageContaining("web console");
  }

  @org.junit.jupiter.api.Test
  void nullIsInvalid() {
    assertThat(BucketNames.isValid(null)).isFalse();
  }
}
