package dev.dfs.store.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dfs.testing.DfsTestServer;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The gateway passes {@code x-amz-storage-class} through to its upstream (another DFS server on the
 * local engine) on PutObject, CopyObject and CreateMultipartUpload, and reports the upstream's
 * class on HEAD, GET, ListObjectsV2 and ListMultipartUploads.
 */
class GatewayStorageClassTest {
  @TempDir static Path temp;
  static DfsTestServer upstream;
  static DfsTestServer gateway;
  static S3Client gw;
  static S3Client up;

  @BeforeAll
  static void start() throws Exception {
    upstream = DfsTestServer.start(temp.resolve("upstream"));
    gateway =
        DfsTestServer.start(
            GatewayStore.open(
                GatewayOptions.of(
                    upstream.endpoint(),
                    "us-east-1",
                    DfsTestServer.ACCESS_KEY,
                    DfsTestServer.SECRET_KEY,
                    null,
                    true,
                    "gw-",
                    "us-east-1")));
    gw = gateway.client();
    up = upstream.client();
    gw.createBucket(b -> b.bucket("classes"));
  }

  @AfterAll
  static void stop() throws Exception {
    try {
      if (gateway != null) gateway.close();
    } finally {
      if (upstream != null) upstream.close();
    }
  }

  static String upstreamClass(String key) {
    return up.headObject(b -> b.bucket("gw-classes").key(key)).storageClassAsString();
  }

  static String gatewayClass(String key) {
    return gw.headObject(b -> b.bucket("classes").key(key)).storageClassAsString();
  }

  @Test
  void storageClassesGoUpstreamAndAreReported() {
    gw.putObject(
        b -> b.bucket("classes").key("put").storageClass("STANDARD_IA"),
        RequestBody.fromString("infrequent"));
    gw.putObject(b -> b.bucket("classes").key("plain"), RequestBody.fromString("standard"));
    gw.copyObject(
        b ->
            b.sourceBucket("classes")
                .sourceKey("put")
                .destinationBucket("classes")
                .destinationKey("copy")
                .storageClass("GLACIER_IR"));
    String id =
        gw.createMultipartUpload(b -> b.bucket("classes").key("mpu").storageClass("ONEZONE_IA"))
            .uploadId();
    assertThat(gw.listMultipartUploads(b -> b.bucket("classes")).uploads())
        .extracting(u -> u.storageClassAsString())
        .containsExactly("ONEZONE_IA");
    String etag =
        gw.uploadPart(
                b -> b.bucket("classes").key("mpu").uploadId(id).partNumber(1),
                RequestBody.fromString("one part"))
            .eTag();
    gw.completeMultipartUpload(
        b ->
            b.bucket("classes")
                .key("mpu")
                .uploadId(id)
                .multipartUpload(
                    m -> m.parts(CompletedPart.builder().partNumber(1).eTag(etag).build())));

    assertThat(upstreamClass("put")).isEqualTo("STANDARD_IA");
    assertThat(upstreamClass("copy")).isEqualTo("GLACIER_IR");
    assertThat(upstreamClass("mpu")).isEqualTo("ONEZONE_IA");
    assertThat(upstreamClass("plain")).isNull();
    assertThat(gatewayClass("put")).isEqualTo("STANDARD_IA");
    assertThat(gatewayClass("copy")).isEqualTo("GLACIER_IR");
    assertThat(gatewayClass("mpu")).isEqualTo("ONEZONE_IA");
    assertThat(gatewayClass("plain")).isNull(); // STANDARD is not sent, as S3 does
    var got = gw.getObject(b -> b.bucket("classes").key("put"));
    assertThat(got.response().storageClassAsString()).isEqualTo("STANDARD_IA");
    got.abort();
    assertThat(gw.listObjectsV2(b -> b.bucket("classes")).contents())
        .extracting(S3Object::key, S3Object::storageClassAsString)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("copy", "GLACIER_IR"),
            org.assertj.core.groups.Tuple.tuple("mpu", "ONEZONE_IA"),
            org.assertj.core.groups.Tuple.tuple("plain", "STANDARD"),
            org.assertj.core.groups.Tuple.tuple("put", "STANDARD_IA"));
  }
}
