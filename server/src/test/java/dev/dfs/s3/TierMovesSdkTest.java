package dev.dfs.s3;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dfs.lifecycle.LifecycleDay;
import dev.dfs.store.tier.TierRegistry;
import dev.dfs.testing.DfsServerExtension;
import dev.dfs.testing.DirectoryTiers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.ExpirationStatus;
import software.amazon.awssdk.services.s3.model.LifecycleRule;
import software.amazon.awssdk.services.s3.model.NoncurrentVersionTransition;
import software.amazon.awssdk.services.s3.model.ObjectVersion;
import software.amazon.awssdk.services.s3.model.TransitionStorageClass;

/**
 * Moves beyond the first transition, with a 50 ms lifecycle day and three directory tiers started
 * by the test (STANDARD_IA, GLACIER_IR, GLACIER): noncurrent versions move by
 * NoncurrentVersionTransition (NewerNoncurrentVersions kept where they are), a tiered object moves
 * on to a colder tier by a later transition, and writes with {@code x-amz-storage-class}
 * (PutObject, CopyObject, CompleteMultipartUpload) end in the class's tier. Tier file counts are
 * compared with their value before each step (the tests share the tiers).
 */
class TierMovesSdkTest {
  static final Duration DEADLINE = Duration.ofSeconds(30);

  @RegisterExtension
  static final DfsServerExtension DFS =
      DfsServerExtension.local().lifecycleDay(new LifecycleDay(Duration.ofMillis(50)));

  @TempDir static Path temp;
  static S3Client s3;

  @BeforeAll
  static void start() throws Exception {
    s3 = DFS.client();
    TierRegistry tiers = DirectoryTiers.registry(DFS.server());
    tiers.create(DirectoryTiers.directory(temp, "warm", "STANDARD_IA"));
    tiers.create(DirectoryTiers.directory(temp, "cool", "GLACIER_IR"));
    tiers.create(DirectoryTiers.directory(temp, "cold", "GLACIER"));
  }

  static void await(String what, BooleanSupplier condition) throws InterruptedException {
    SdkTestSupport.await(what, DEADLINE, condition);
  }

  static long files(String tier) {
    Path dir = temp.resolve(tier);
    try (var files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).filter(p -> !p.toString().contains(".tmp")).count();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  static List<String> versionClasses(String bucket) {
    return s3.listObjectVersions(l -> l.bucket(bucket)).versions().stream()
        .map(ObjectVersion::storageClassAsString)
        .toList();
  }

  @Test
  void noncurrentVersionsMoveKeepingTheNewerOnes() throws Exception {
    s3.createBucket(b -> b.bucket("history"));
    s3.putBucketVersioning(
        b ->
            b.bucket("history")
                .versioningConfiguration(v -> v.status(BucketVersioningStatus.ENABLED)));
    List<byte[]> data =
        List.of(
            SdkTestSupport.randomBytes(200_000, 1),
            SdkTestSupport.randomBytes(200_000, 2),
            SdkTestSupport.randomBytes(200_000, 3));
    long warm = files("warm");
    List<String> ids = new java.util.ArrayList<>();
    for (byte[] d : data) {
      ids.add(
          s3.putObject(b -> b.bucket("history").key("doc"), RequestBody.fromBytes(d)).versionId());
    }
    s3.putBucketLifecycleConfiguration(
        b ->
            b.bucket("history")
                .lifecycleConfiguration(
                    c ->
                        c.rules(
                            LifecycleRule.builder()
                                .id("old")
                                .status(ExpirationStatus.ENABLED)
                                .filter(f -> f.prefix(""))
                                .noncurrentVersionTransitions(
                                    NoncurrentVersionTransition.builder()
                                        .noncurrentDays(30)
                                        .newerNoncurrentVersions(1)
                                        .storageClass(TransitionStorageClass.STANDARD_IA)
                                        .build())
                                .build())));

    // newest first: the current version, the newest noncurrent (kept), the oldest (moved)
    await(
        "the oldest version in STANDARD_IA",
        () -> versionClasses("history").equals(List.of("STANDARD", "STANDARD", "STANDARD_IA")));
    assertThat(files("warm")).isEqualTo(warm + 1);
    for (int i = 0; i < 3; i++) {
      String id = ids.get(i);
      assertThat(
              s3.getObjectAsBytes(b -> b.bucket("history").key("doc").versionId(id)).asByteArray())
          .isEqualTo(data.get(i));
    }
    assertThat(
            s3.headObject(b -> b.bucket("history").key("doc").versionId(ids.getFirst()))
                .storageClassAsString())
        .isEqualTo("STANDARD_IA");
    // a delete marker makes the current version noncurrent (and the newest one): it stays
    s3.deleteObject(b -> b.bucket("history").key("doc"));
    await(
        "the middle version moved",
        () -> versionClasses("history").equals(List.of("STANDARD", "STANDARD_IA", "STANDARD_IA")));
    assertThat(files("warm")).isEqualTo(warm + 2);
    s3.deleteObject(b -> b.bucket("history").key("doc").versionId(ids.getFirst()));
    await("the deleted version's copy freed", () -> files("warm") == warm + 1);
  }

  static byte[] get(String bucket, String key) {
    return s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asByteArray();
  }

  static String storageClass(String bucket, String key) {
    return s3.headObject(b -> b.bucket(bucket).key(key)).storageClassAsString();
  }

  @Test
  void aTieredObjectMovesOnToAColderTier() throws Exception {
    s3.createBucket(b -> b.bucket("aging"));
    byte[] data = SdkTestSupport.randomBytes(150_000, 4);
    s3.putObject(b -> b.bucket("aging").key("log"), RequestBody.fromBytes(data));
    long warm = files("warm");
    long cold = files("cold");
    s3.putBucketLifecycleConfiguration(
        b ->
            b.bucket("aging")
                .lifecycleConfiguration(
                    c ->
                        c.rules(
                            LifecycleRule.builder()
                                .id("down")
                                .status(ExpirationStatus.ENABLED)
                                .filter(f -> f.prefix(""))
                                .transitions(
                                    software.amazon.awssdk.services.s3.model.Transition.builder()
                                        .days(30)
                                        .storageClass(TransitionStorageClass.STANDARD_IA)
                                        .build(),
                                    software.amazon.awssdk.services.s3.model.Transition.builder()
                                        .days(160)
                                        .storageClass(TransitionStorageClass.GLACIER)
                                        .build())
                                .build())));
    await("log in STANDARD_IA", () -> "STANDARD_IA".equals(storageClass("aging", "log")));
    assertThat(files("warm")).isEqualTo(warm + 1);
    assertThat(get("aging", "log")).isEqualTo(data);
    await("log in GLACIER", () -> "GLACIER".equals(storageClass("aging", "log")));
    assertThat(files("cold")).isEqualTo(cold + 1);
    await("the STANDARD_IA copy freed", () -> files("warm") == warm);
    SdkTestSupport.expectError(403, "InvalidObjectState", () -> get("aging", "log"));
    s3.restoreObject(b -> b.bucket("aging").key("log").restoreRequest(r -> r.days(100_000)));
    await(
        "log restored",
        () ->
            String.valueOf(s3.headObject(b -> b.bucket("aging").key("log")).restore())
                .contains("false"));
    assertThat(get("aging", "log")).isEqualTo(data);
  }

  @Test
  void writesWithAServedStorageClassEndInItsTier() throws Exception {
    s3.createBucket(b -> b.bucket("direct"));
    byte[] data = SdkTestSupport.randomBytes(120_000, 5);
    long warm = files("warm");
    long cold = files("cold");
    s3.putObject(
        b -> b.bucket("direct").key("put").storageClass("STANDARD_IA"),
        RequestBody.fromBytes(data));
    assertThat(files("warm")).isEqualTo(warm + 1); // moved before the PUT was answered
    assertThat(storageClass("direct", "put")).isEqualTo("STANDARD_IA");
    assertThat(get("direct", "put")).isEqualTo(data);

    s3.copyObject(
        b ->
            b.sourceBucket("direct")
                .sourceKey("put")
                .destinationBucket("direct")
                .destinationKey("copy")
                .storageClass("GLACIER"));
    assertThat(files("cold")).isEqualTo(cold + 1);
    assertThat(storageClass("direct", "copy")).isEqualTo("GLACIER");
    SdkTestSupport.expectError(403, "InvalidObjectState", () -> get("direct", "copy"));

    String upload =
        s3.createMultipartUpload(b -> b.bucket("direct").key("mpu").storageClass("GLACIER_IR"))
            .uploadId();
    byte[] part1 = SdkTestSupport.randomBytes(5 << 20, 6);
    String etag1 =
        s3.uploadPart(
                b -> b.bucket("direct").key("mpu").uploadId(upload).partNumber(1),
                RequestBody.fromBytes(part1))
            .eTag();
    String etag2 =
        s3.uploadPart(
                b -> b.bucket("direct").key("mpu").uploadId(upload).partNumber(2),
                RequestBody.fromBytes(data))
            .eTag();
    long cool = files("cool");
    s3.completeMultipartUpload(
        b ->
            b.bucket("direct")
                .key("mpu")
                .uploadId(upload)
                .multipartUpload(
                    m ->
                        m.parts(
                            CompletedPart.builder().partNumber(1).eTag(etag1).build(),
                            CompletedPart.builder().partNumber(2).eTag(etag2).build())));
    assertThat(files("cool")).isEqualTo(cool + 1);
    byte[] whole = new byte[part1.length + data.length];
    System.arraycopy(part1, 0, whole, 0, part1.length);
    System.arraycopy(data, 0, whole, part1.length, data.length);
    assertThat(get("direct", "mpu")).isEqualTo(whole);

    // a class no tier serves stays on the local disk, reported as asked
    long all = files("warm") + files("cool") + files("cold");
    s3.putObject(
        b -> b.bucket("direct").key("onezone").storageClass("ONEZONE_IA"),
        RequestBody.fromBytes(data));
    assertThat(storageClass("direct", "onezone")).isEqualTo("ONEZONE_IA");
    assertThat(files("warm") + files("cool") + files("cold")).isEqualTo(all);
  }

  /** A tier that fails during the write: the object is served locally, then moved later. */
  @Test
  void aWriteWhoseTierFailsIsMovedOnceTheTierWorksAgain() throws Exception {
    s3.createBucket(b -> b.bucket("later"));
    byte[] data = SdkTestSupport.randomBytes(90_000, 7);
    long warm = files("warm");
    Path tmp = temp.resolve("warm").resolve(".tmp");
    Path away = temp.resolve("warm").resolve(".tmp-away");
    Files.move(tmp, away); // the tier writes through .tmp/: every write fails now
    try {
      s3.putObject(
          b -> b.bucket("later").key("k").storageClass("STANDARD_IA"), RequestBody.fromBytes(data));
      assertThat(storageClass("later", "k")).isEqualTo("STANDARD_IA");
      assertThat(get("later", "k")).isEqualTo(data);
      assertThat(files("warm")).isEqualTo(warm);
    } finally {
      Files.move(away, tmp);
    }
    await("k moved once the tier works", () -> files("warm") == warm + 1);
    assertThat(get("later", "k")).isEqualTo(data);
  }

  /** A POST-form upload with x-amz-storage-class (signed policy naming it) ends in the tier. */
  @Test
  void aFormUploadWithAStorageClassEndsInItsTier() throws Exception {
    s3.createBucket(b -> b.bucket("forms"));
    long warm = files("warm");
    java.util.Map<String, String> f =
        PostObjectTest.signedFields(
            "uploads/note.txt",
            PostObjectTest.policy(
                PostObjectTest.inAnHour(), "{\"x-amz-storage-class\":\"STANDARD_IA\"}"),
            dev.dfs.testing.DfsTestServer.SECRET_KEY);
    f.put("x-amz-storage-class", "STANDARD_IA");
    String boundary = "----tierFormBoundary";
    StringBuilder body = new StringBuilder();
    f.forEach(
        (k, v) ->
            body.append("--")
                .append(boundary)
                .append("\r\nContent-Disposition: form-data; name=\"")
                .append(k)
                .append("\"\r\n\r\n")
                .append(v)
                .append("\r\n"));
    body.append("--")
        .append(boundary)
        .append(
            "\r\nContent-Disposition: form-data;"
                + " name=\"file\"; filename=\"note.txt\"\r\nContent-Type: text/plain\r\n\r\n"
                + "kept in the infrequent-access tier\r\n--")
        .append(boundary)
        .append("--\r\n");
    var r =
        PostObjectTest.HTTP.send(
            java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create(DFS.server().endpoint() + "/forms"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body.toString()))
                .build(),
            java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(204);
    assertThat(files("warm")).isEqualTo(warm + 1);
    assertThat(storageClass("forms", "uploads/note.txt")).isEqualTo("STANDARD_IA");
    assertThat(
            new String(get("forms", "uploads/note.txt"), java.nio.charset.StandardCharsets.UTF_8))
        .isEqualTo("kept in the infrequent-access tier");
  }
}
