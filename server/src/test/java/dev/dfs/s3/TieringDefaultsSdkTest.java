package dev.dfs.s3;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dfs.lifecycle.LifecycleDay;
import dev.dfs.store.ObjectAttributes;
import dev.dfs.store.ObjectRef;
import dev.dfs.store.tier.TierDefinition;
import dev.dfs.store.tier.TierRegistry;
import dev.dfs.testing.DfsServerExtension;
import dev.dfs.testing.DfsTestServer;
import dev.dfs.testing.DirectoryTiers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.model.StorageClass;

/**
 * Tiering around Intelligent-Tiering with a 50 ms lifecycle day (30 days are 1.5 s) and directory
 * tiers started by the test: a bucket's default storage class given to objects written without one
 * (refused for a class no tier serves); objects written with a class before any tier served it move
 * as soon as a tier for it is defined; Intelligent-Tiering's Archive Instant Access tier (90 idle
 * days, 4.5 s here: the GLACIER_IR tier, read through, no archive status), for noncurrent versions
 * as for current ones.
 */
class TieringDefaultsSdkTest {
  static final Duration DEADLINE = Duration.ofSeconds(40);

  @RegisterExtension
  static final DfsServerExtension DFS =
      DfsServerExtension.local().lifecycleDay(new LifecycleDay(Duration.ofMillis(50)));

  @TempDir static Path temp;
  static S3Client s3;

  @BeforeAll
  static void start() throws Exception {
    s3 = DFS.client();
    tiers().create(directory("ia", "STANDARD_IA"));
    tiers().create(directory("instant", "GLACIER_IR"));
  }

  static TierRegistry tiers() {
    return DirectoryTiers.registry(DFS.server());
  }

  static TierDefinition directory(String name, String storageClass) {
    return DirectoryTiers.directory(temp, name, storageClass);
  }

  static void await(String what, BooleanSupplier condition) throws InterruptedException {
    SdkTestSupport.await(what, DEADLINE, condition);
  }

  static HttpResponse<String> tiering(String bucket, String method, String json)
      throws IOException, InterruptedException {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(
                    URI.create(DFS.server().endpoint() + "/api/v1/buckets/" + bucket + "/tiering"))
                .header("X-Api-Key", DfsTestServer.API_KEY)
                .method(
                    method,
                    json == null
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json))
                .build(),
            HttpResponse.BodyHandlers.ofString());
  }

  static String tierOf(String bucket, String key) {
    return tierOf(ObjectRef.current(bucket, key));
  }

  static String tierOf(ObjectRef version) {
    try {
      return DFS.server()
          .store()
          .head(version)
          .orElseThrow()
          .metadata()
          .attribute(ObjectAttributes.TIER);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String classOf(String bucket, String key) {
    return s3.headObject(b -> b.bucket(bucket).key(key)).storageClassAsString();
  }

  static void put(String bucket, String key, byte[] data) {
    s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromBytes(data));
  }

  @Test
  void objectsWrittenWithoutAClassGetTheBucketsDefault() throws Exception {
    s3.createBucket(b -> b.bucket("dflt"));
    byte[] data = SdkTestSupport.randomBytes(10_000, 3);
    HttpResponse<String> refused = tiering("dflt", "PUT", "{\"defaultStorageClass\":\"GLACIER\"}");
    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(refused.body())
        .contains("InvalidRequest", "GLACIER", "STANDARD, INTELLIGENT_TIERING, STANDARD_IA");
    assertThat(tiering("dflt", "PUT", "{\"defaultStorageClass\":\"COLD\"}").statusCode())
        .isEqualTo(400);
    put("dflt", "before", data);

    HttpResponse<String> set =
        tiering(
            "dflt",
            "PUT",
            "{\"overrides\":[{\"prefix\":\"p/\",\"pin\":\"FREQUENT\"}],"
                + "\"defaultStorageClass\":\"INTELLIGENT_TIERING\"}");
    assertThat(set.statusCode()).as(set.body()).isEqualTo(200);
    assertThat(tiering("dflt", "GET", null).body())
        .contains("\"defaultStorageClass\":\"INTELLIGENT_TIERING\"", "\"prefix\":\"p/\"");
    put("dflt", "it", data);
    s3.putObject(
        b -> b.bucket("dflt").key("std").storageClass(StorageClass.STANDARD),
        RequestBody.fromBytes(data));
    s3.copyObject(
        b ->
            b.sourceBucket("dflt")
                .sourceKey("std")
                .destinationBucket("dflt")
                .destinationKey("copied"));
    String upload = s3.createMultipartUpload(b -> b.bucket("dflt").key("multi")).uploadId();
    String etag =
        s3.uploadPart(
                b -> b.bucket("dflt").key("multi").uploadId(upload).partNumber(1),
                RequestBody.fromBytes(data))
            .eTag();
    s3.completeMultipartUpload(
        b ->
            b.bucket("dflt")
                .key("multi")
                .uploadId(upload)
                .multipartUpload(
                    m ->
                        m.parts(
                            software.amazon.awssdk.services.s3.model.CompletedPart.builder()
                                .partNumber(1)
                                .eTag(etag)
                                .build())));

    assertThat(classOf("dflt", "before")).isNull(); // STANDARD, omitted as S3 does
    assertThat(classOf("dflt", "std")).isNull();
    for (String key : List.of("it", "copied", "multi")) {
      assertThat(classOf("dflt", key)).as(key).isEqualTo("INTELLIGENT_TIERING");
    }
    assertThat(s3.getObject(b -> b.bucket("dflt").key("it")).response().storageClassAsString())
        .isEqualTo("INTELLIGENT_TIERING");
    assertThat(s3.listObjectsV2(b -> b.bucket("dflt")).contents())
        .extracting(S3Object::key, S3Object::storageClassAsString)
        .contains(
            org.assertj.core.groups.Tuple.tuple("it", "INTELLIGENT_TIERING"),
            org.assertj.core.groups.Tuple.tuple("std", "STANDARD"));

    // a class a tier serves: the object goes straight to that tier
    assertThat(tiering("dflt", "PUT", "{\"defaultStorageClass\":\"STANDARD_IA\"}").statusCode())
        .isEqualTo(200);
    put("dflt", "ia", data);
    assertThat(classOf("dflt", "ia")).isEqualTo("STANDARD_IA");
    await("ia in its tier", () -> "ia".equals(tierOf("dflt", "ia")));
    assertThat(s3.getObjectAsBytes(b -> b.bucket("dflt").key("ia")).asByteArray()).isEqualTo(data);

    assertThat(tiering("dflt", "DELETE", null).statusCode()).isEqualTo(200);
    put("dflt", "after", data);
    assertThat(classOf("dflt", "after")).isNull();
  }

  @Test
  void objectsOfAClassNoTierServedMoveOnceATierServesIt() throws Exception {
    s3.createBucket(b -> b.bucket("late"));
    byte[] data = SdkTestSupport.randomBytes(20_000, 5);
    s3.putObject(
        b -> b.bucket("late").key("z").storageClass(StorageClass.ONEZONE_IA),
        RequestBody.fromBytes(data));
    assertThat(tierOf("late", "z")).isNull();
    assertThat(classOf("late", "z")).isEqualTo("ONEZONE_IA");
    tiers().create(directory("onezone", "ONEZONE_IA"));
    await("z in the new tier without a restart", () -> "onezone".equals(tierOf("late", "z")));
    assertThat(s3.getObjectAsBytes(b -> b.bucket("late").key("z")).asByteArray()).isEqualTo(data);
  }

  @Test
  void everyVersionGoesToArchiveInstantAccessAndIsReadThrough() throws Exception {
    s3.createBucket(b -> b.bucket("aia"));
    s3.putBucketVersioning(
        b ->
            b.bucket("aia")
                .versioningConfiguration(
                    v ->
                        v.status(
                            software.amazon.awssdk.services.s3.model.BucketVersioningStatus
                                .ENABLED)));
    byte[] old = SdkTestSupport.randomBytes(30_000, 8);
    byte[] now = SdkTestSupport.randomBytes(30_000, 9);
    String v1 =
        s3.putObject(
                b -> b.bucket("aia").key("k").storageClass(StorageClass.INTELLIGENT_TIERING),
                RequestBody.fromBytes(old))
            .versionId();
    s3.putObject(
        b -> b.bucket("aia").key("k").storageClass(StorageClass.INTELLIGENT_TIERING),
        RequestBody.fromBytes(now));
    ObjectRef noncurrent = new ObjectRef("aia", "k", v1);
    await(
        "both versions in the archive instant tier",
        () -> "instant".equals(tierOf("aia", "k")) && "instant".equals(tierOf(noncurrent)));
    var head = s3.headObject(b -> b.bucket("aia").key("k"));
    assertThat(head.storageClassAsString()).isEqualTo("INTELLIGENT_TIERING");
    assertThat(head.archiveStatus()).isNull(); // no restore needed, as in S3
    assertThat(s3.getObjectAsBytes(b -> b.bucket("aia").key("k").versionId(v1)).asByteArray())
        .isEqualTo(old);
    await("the noncurrent version read is back on local disk", () -> tierOf(noncurrent) == null);
    assertThat(tierOf("aia", "k")).isEqualTo("instant");
    assertThat(s3.getObjectAsBytes(b -> b.bucket("aia").key("k")).asByteArray()).isEqualTo(now);
    await("the current version read is back on local disk", () -> tierOf("aia", "k") == null);
  }
}
