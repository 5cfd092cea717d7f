package dev.dfs.s3;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dfs.testing.DfsServerExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/** Keys S3 allows that naive servers mangle: slashes, dots, percent, plus, unicode, spaces. */
class OddKeysSdkTest {
  @RegisterExtension static final DfsServerExtension DFS = DfsServerExtension.local();
  static S3Client s3;

  @BeforeAll
  static void start() throws Exception {
    s3 = DFS.client();
    s3.createBucket(b -> b.bucket("odd"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "a//b",
        "//lead",
        "trail//",
        "/",
        "a/./b",
        "a/../b",
        "..",
        "%2F",
        "100%",
        "a+b c",
        "ü/日本/😀",
        "k?x=1&y",
        "#hash",
        "semi;colon",
        "tab\there",
        "~tilde"
      })
  void roundTrips(String key) {
    s3.putObject(b -> b.bucket("odd").key(key), RequestBody.fromString("v:" + key));
    assertThat(s3.getObjectAsBytes(b -> b.bucket("odd").key(key)).asUtf8String())
        .isEqualTo("v:" + key);
    assertThat(s3.listObjectsV2(b -> b.bucket("odd").prefix(key)).contents())
        .extracting(S3Object::key)
        .contains(key);
    s3.deleteObject(b -> b.bucket("odd").key(key));
  }
}
