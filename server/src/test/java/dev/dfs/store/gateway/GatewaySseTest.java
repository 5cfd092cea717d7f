package dev.dfs.store.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dfs.testing.DfsTestServer;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

/**
 * The gateway engine does not encrypt at rest: SSE-S3, SSE-C and bucket default encryption are
 * answered with 501 NotImplemented and nothing is written upstream.
 */
class GatewaySseTest {
  @TempDir Path dir;

  @Test
  @SuppressWarnings("unchecked") // the SDK's varargs of builder consumers
  void sseRequestsAreNotImplemented() throws Exception {
    try (DfsTestServer upstream = DfsTestServer.start(dir.resolve("upstream"));
        DfsTestServer gateway =
            DfsTestServer.start(
                GatewayStore.open(
                    GatewayOptions.of(
                        upstream.endpoint(),
                        "us-east-1",
                        DfsTestServer.ACCESS_KEY,
                        DfsTestServer.SECRET_KEY,
                        null,
                        true,
                        "gws-",
                        "us-east-1")))) {
      S3Client s3 = gateway.client();
      s3.createBucket(b -> b.bucket("gws"));
      notImplemented(
          () ->
              s3.putObject(
                  b -> b.bucket("gws").key("k").serverSideEncryption(ServerSideEncryption.AES256),
                  RequestBody.fromString("x")));
      String key = java.util.Base64.getEncoder().encodeToString(new byte[32]);
      String md5 =
          java.util.Base64.getEncoder()
              .encodeToString(java.security.MessageDigest.getInstance("MD5").digest(new byte[32]));
      notImplemented(
          () ->
              s3.putObject(
                  b ->
                      b.bucket("gws")
                          .key("k")
                          .sseCustomerAlgorithm("AES256")
                          .sseCustomerKey(key)
                          .sseCustomerKeyMD5(md5),
                  RequestBody.fromString("x")));
      notImplemented(
          () ->
              s3.putBucketEncryption(
                  b ->
                      b.bucket("gws")
                          .serverSideEncryptionConfiguration(
                              c ->
                                  c.rules(
                                      r ->
                                          r.applyServerSideEncryptionByDefault(
                                              d -> d.sseAlgorithm(ServerSideEncryption.AES256))))));
      assertThat(s3.listObjectsV2(b -> b.bucket("gws")).contents()).isEmpty();
      s3.putObject(b -> b.bucket("gws").key("plain"), RequestBody.fromString("p"));
      assertThat(s3.getObjectAsBytes(b -> b.bucket("gws").key("plain")).asUtf8String())
          .isEqualTo("p");
      notImplemented(
          () ->
              s3.getObjectAsBytes(
                  b ->
                      b.bucket("gws")
                          .key("plain")
                          .sseCustomerAlgorithm("AES256")
                          .sseCustomerKey(key)
                          .sseCustomerKeyMD5(md5)));
    }
  }

  private static void notImplemented(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            S3Exception.class, e -> assertThat(e.statusCode()).as(e.getMessage()).isEqualTo(501));
  }
}
