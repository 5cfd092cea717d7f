package dev.dfs.s3;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dfs.testing.DfsTestServer;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/** Keys S3 allows that naive servers mangle: slashes, dots, percent, plus, unicode, spaces. */
class OddKeysSdkTest {
  @TempDir static Path dataDir;
  static DfsTestServer server;
  static S3Client s3;

  @BeforeAll
  static void start() throws Exception {
    server = DfsTestServer.start(dataDir);
    s3 = server.client();
    s3.createBucket(b -> b.bucket("odd"));
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  @ParameterizedTest
  @ValueSource(strings = {"a//b", "//lead", "trail//", "/", "a/./b", "a/../b", "..", "%2F",
      "100%", "a+b c", "ü/日本/😀", "k?x=1&y", "#hash", "semi;colon", "tab\there", "~tilde"})
  void roundTrips(String key) {
    s3.putObject(b -> b.bucket("odd").key(key), RequestBody.fromString("v:" + key));
    assertThat(s3.getObjectAsBytes(b -> b.bucket("odd").key(key)).asUtf8String())
        .isEqualTo("v:" + key);
    assertThat(s3.listObjectsV2(b -> b.bucket("odd").prefix(key)).contents())
        .extracting(S3Object::key).contains(key);
    s3.deleteObject(b -> b.bucket("odd").key(key));
  }
}
