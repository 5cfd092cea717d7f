package dev.dfs.s3;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dfs.testing.DfsTestServer;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

/**
 * KMS keys live in the identity store, durably: after a restart on the same data directory (same
 * master key) the keys, their rotated versions and the objects under each version are all back.
 */
class KmsRestartTest {

  @Test
  void keysVersionsAndObjectsSurviveARestart(@TempDir Path dir) throws Exception {
    String arn;
    try (DfsTestServer server = DfsTestServer.start(dir)) {
      arn =
          KmsSdkTest.admin(server, "POST", "/kms/keys", "{\"alias\":\"keep\"}", 201)
              .get("Arn")
              .asText();
      S3Client s3 = server.client();
      s3.createBucket(b -> b.bucket("keep"));
      put(s3, "v1", "before rotation");
      KmsSdkTest.admin(server, "POST", "/kms/keys/alias%2Fkeep/rotate", null, 200);
      put(s3, "v2", "after rotation");
      s3.putObject(
          b -> b.bucket("keep").key("dflt").serverSideEncryption(ServerSideEncryption.AWS_KMS),
          RequestBody.fromString("default key"));
    }
    try (DfsTestServer server = DfsTestServer.start(dir)) {
      S3Client s3 = server.client();
      assertThat(read(s3, "v1")).isEqualTo("before rotation");
      assertThat(read(s3, "v2")).isEqualTo("after rotation");
      assertThat(read(s3, "dflt")).isEqualTo("default key");
      var key = KmsSdkTest.admin(server, "GET", "/kms/keys/alias%2Fkeep", null, 200);
      assertThat(key.get("Arn").asText()).isEqualTo(arn);
      assertThat(key.get("KeyVersion").asInt()).isEqualTo(2);
      assertThat(KmsSdkTest.admin(server, "GET", "/kms/keys", null, 200).get("keys")).hasSize(2);
    }
  }

  private static void put(S3Client s3, String key, String body) {
    s3.putObject(
        b ->
            b.bucket("keep")
                .key(key)
                .serverSideEncryption(ServerSideEncryption.AWS_KMS)
                .ssekmsKeyId("alias/keep"),
        RequestBody.fromString(body));
  }

  private static String read(S3Client s3, String key) {
    return s3.getObjectAsBytes(b -> b.bucket("keep").key(key)).asUtf8String();
  }
}
