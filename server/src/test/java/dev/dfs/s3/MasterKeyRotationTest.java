package dev.dfs.s3;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dfs.crypto.MasterKey;
import dev.dfs.identity.IdentityStore;
import dev.dfs.identity.IdentityStores;
import dev.dfs.identity.NewAccessKey;
import dev.dfs.kms.KeyService;
import dev.dfs.server.MasterKeyRotation;
import dev.dfs.store.ObjectAttributes;
import dev.dfs.store.ObjectVersion;
import dev.dfs.store.VersionsQuery;
import dev.dfs.store.local.LocalStore;
import dev.dfs.testing.DfsTestServer;
import dev.dfs.util.SystemTable;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

/**
 * Master-key rotation on the local engine: every sealed value (access key secrets, the KMS key
 * material, SSE-S3 data keys of every version) is sealed again under the new key, the old key is
 * retired, and after a restart everything reads back; an interrupted rotation resumes where its
 * cursor stands.
 */
class MasterKeyRotationTest {
  private static final String ALLOW_ALL =
      "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":"
          + "\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\"}]}";

  @Test
  void rotatesEverySealedValueAndEverythingReadsBackAfterARestart(@TempDir Path dir)
      throws Exception {
    String oldId;
    NewAccessKey bob;
    try (DfsTestServer server = DfsTestServer.startWithKeyFile(dir)) {
      server.identities().addUser("bob", ALLOW_ALL);
      bob = server.identities().createAccessKey("bob");
      KmsSdkTest.admin(server, "POST", "/kms/keys", "{\"alias\":\"app\"}", 201);
      writeObjects(server.client(), 6);
      JsonNode idle = KmsSdkTest.admin(server, "GET", "/kms/master-key", null, 200);
      assertThat(idle.get("state").asText()).isEqualTo("IDLE");
      oldId = idle.get("keyId").asText();

      JsonNode started = KmsSdkTest.admin(server, "POST", "/kms/master-key/rotate", null, 202);
      assertThat(started.get("keyId").asText()).isNotEqualTo(oldId);
      server.masterKeyRotation().awaitWorker(Duration.ofSeconds(60));
      JsonNode done = KmsSdkTest.admin(server, "GET", "/kms/master-key", null, 200);
      assertThat(done.get("state").asText()).as(done.toString()).isEqualTo("DONE");
      // 1 access key + 2 KMS keys' material + 6 + 2 versions of SSE-S3 objects
      assertThat(done.get("total").asLong()).isEqualTo(11);
      assertThat(done.get("done").asLong()).isEqualTo(11);
      assertThat(done.get("previousKeyIds")).isEmpty();
      assertReadable(server, bob, 6);
    }
    assertThat(dir.resolve(MasterKey.PREVIOUS_FILE_NAME)).doesNotExist();
    assertThat(dir.resolve(MasterKey.RETIRED_FILE_PREFIX + oldId)).exists();
    try (DfsTestServer server = DfsTestServer.startWithKeyFile(dir)) {
      assertReadable(server, bob, 6);
      assertAllCurrent(server, MasterKey.resolve(null, dir));
      assertThat(
              KmsSdkTest.admin(server, "GET", "/kms/master-key", null, 200).get("state").asText())
          .isEqualTo("DONE");
    }
  }

  @Test
  void anInterruptedRotationResumesAfterARestartAndCompletes(@TempDir Path dir) throws Exception {
    try (DfsTestServer server = DfsTestServer.startWithKeyFile(dir)) {
      server.identities().addUser("bob", ALLOW_ALL);
      writeObjects(server.client(), 10);
    }
    MasterKey key = MasterKey.resolve(null, dir);
    try (LocalStore store = LocalStore.open(dir);
        IdentityStore identities = IdentityStores.open(dir, key)) {
      SystemTable table = identities.systemTable().orElseThrow();
      MasterKeyRotation rotation =
          new MasterKeyRotation(
              key,
              store,
              table,
              new KeyService(table, key, "us-east-1", Clock.systemUTC()),
              2,
              done -> done >= 4,
              Clock.systemUTC());
      rotation.rotate();
      rotation.awaitWorker(Duration.ofSeconds(60));
      var stopped = rotation.status();
      assertThat(stopped.state()).isEqualTo("RUNNING");
      assertThat(stopped.done()).isBetween(4L, 5L);
      assertThat(stopped.total()).isEqualTo(13); // 1 KMS key + 10 + 2 versions
    }
    try (DfsTestServer server = DfsTestServer.startWithKeyFile(dir)) {
      server.masterKeyRotation().awaitWorker(Duration.ofSeconds(60));
      JsonNode done = KmsSdkTest.admin(server, "GET", "/kms/master-key", null, 200);
      assertThat(done.get("state").asText()).as(done.toString()).isEqualTo("DONE");
      assertThat(done.get("done").asLong()).isEqualTo(13);
      assertReadable(server, null, 10);
      assertAllCurrent(server, MasterKey.resolve(null, dir));
    }
  }

  @Test
  @SuppressWarnings("unchecked") // the SDK's varargs of builder consumers
  void anOpenMultipartUploadKeepsThePreviousKeyUntilItCompletes(@TempDir Path dir)
      throws Exception {
    try (DfsTestServer server = DfsTestServer.startWithKeyFile(dir)) {
      S3Client s3 = server.client();
      s3.createBucket(b -> b.bucket("mpu"));
      String upload =
          s3.createMultipartUpload(
                  b -> b.bucket("mpu").key("big").serverSideEncryption(ServerSideEncryption.AES256))
              .uploadId();
      String etag =
          s3.uploadPart(
                  b -> b.bucket("mpu").key("big").uploadId(upload).partNumber(1),
                  RequestBody.fromString("part one"))
              .eTag();

      KmsSdkTest.admin(server, "POST", "/kms/master-key/rotate", null, 202);
      server.masterKeyRotation().awaitWorker(Duration.ofSeconds(60));
      JsonNode waiting = KmsSdkTest.admin(server, "GET", "/kms/master-key", null, 200);
      assertThat(waiting.get("state").asText()).isEqualTo("WAITING");
      assertThat(waiting.get("pendingUploads").asLong()).isEqualTo(1);
      assertThat(waiting.get("previousKeyIds")).hasSize(1);
      assertThat(waiting.get("message").asText()).contains("multipart uploads");
      assertThat(dir.resolve(MasterKey.PREVIOUS_FILE_NAME)).exists();

      s3.completeMultipartUpload(
          b ->
              b.bucket("mpu")
                  .key("big")
                  .uploadId(upload)
                  .multipartUpload(m -> m.parts(p -> p.partNumber(1).eTag(etag))));
      assertThat(s3.getObjectAsBytes(b -> b.bucket("mpu").key("big")).asUtf8String())
          .isEqualTo("part one");

      KmsSdkTest.admin(server, "POST", "/kms/master-key/rotate", null, 202);
      server.masterKeyRotation().awaitWorker(Duration.ofSeconds(60));
      JsonNode done = KmsSdkTest.admin(server, "GET", "/kms/master-key", null, 200);
      assertThat(done.get("state").asText()).as(done.toString()).isEqualTo("DONE");
      assertThat(done.get("keyId").asText()).isEqualTo(waiting.get("keyId").asText());
      assertThat(done.get("done").asLong()).isEqualTo(1);
      assertThat(dir.resolve(MasterKey.PREVIOUS_FILE_NAME)).doesNotExist();
      assertThat(s3.getObjectAsBytes(b -> b.bucket("mpu").key("big")).asUtf8String())
          .isEqualTo("part one");
    }
  }

  /** SSE-S3 objects o0..o{n-1}, an SSE-KMS object, a plain one, and two SSE-S3 versions. */
  private static void writeObjects(S3Client s3, int n) {
    s3.createBucket(b -> b.bucket("rot"));
    for (int i = 0; i < n; i++) {
      String key = "o" + i;
      s3.putObject(
          b -> b.bucket("rot").key(key).serverSideEncryption(ServerSideEncryption.AES256),
          RequestBody.fromString("sse-s3 body " + i));
    }
    s3.putObject(
        b -> b.bucket("rot").key("kms").serverSideEncryption(ServerSideEncryption.AWS_KMS),
        RequestBody.fromString("kms body"));
    s3.putObject(b -> b.bucket("rot").key("plain"), RequestBody.fromString("plain body"));
    s3.createBucket(b -> b.bucket("ver"));
    s3.putBucketVersioning(
        b ->
            b.bucket("ver").versioningConfiguration(v -> v.status(BucketVersioningStatus.ENABLED)));
    for (String body : new String[] {"first", "second"}) {
      s3.putObject(
          b -> b.bucket("ver").key("k").serverSideEncryption(ServerSideEncryption.AES256),
          RequestBody.fromString(body));
    }
  }

  private static void assertReadable(DfsTestServer server, NewAccessKey user, int n) {
    S3Client s3 =
        user == null ? server.client() : server.client(user.key().accessKeyId(), user.secretKey());
    for (int i = 0; i < n; i++) {
      int j = i;
      assertThat(s3.getObjectAsBytes(b -> b.bucket("rot").key("o" + j)).asUtf8String())
          .isEqualTo("sse-s3 body " + i);
    }
    assertThat(s3.getObjectAsBytes(b -> b.bucket("rot").key("kms")).asUtf8String())
        .isEqualTo("kms body");
    assertThat(s3.getObjectAsBytes(b -> b.bucket("rot").key("plain")).asUtf8String())
        .isEqualTo("plain body");
    var versions = s3.listObjectVersions(b -> b.bucket("ver")).versions();
    assertThat(versions).hasSize(2);
    assertThat(
            s3.getObjectAsBytes(
                    b -> b.bucket("ver").key("k").versionId(versions.get(1).versionId()))
                .asUtf8String())
        .isEqualTo("first");
  }

  /** Every SSE-S3 data key, access key secret and KMS key material is under {@code key}. */
  private static void assertAllCurrent(DfsTestServer server, MasterKey key) throws Exception {
    int sseS3 = 0;
    for (String bucket : new String[] {"rot", "ver"}) {
      for (ObjectVersion v :
          server
              .engine()
              .versioning()
              .orElseThrow()
              .listVersions(bucket, new VersionsQuery(null, null, null, null, 1000))
              .versions()) {
        var md = v.info().metadata();
        if (!SseHeaders.AES256.equals(md.attribute(ObjectAttributes.SSE))) continue;
        sseS3++;
        assertThat(
                key.sealedByCurrent(
                    Base64.getDecoder().decode(md.attribute(ObjectAttributes.SSE_SEALED_KEY))))
            .isTrue();
      }
    }
    assertThat(sseS3).isGreaterThan(2);
    SystemTable table = server.identities().systemTable().orElseThrow();
    assertThat(IdentityStores.staleSecrets(table, key)).isZero();
    assertThat(new KeyService(table, key, "us-east-1", Clock.systemUTC()).staleMaterial()).isZero();
    assertThat(table.scan("kms/k/")).isNotEmpty();
  }
}
