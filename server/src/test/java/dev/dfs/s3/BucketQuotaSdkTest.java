package dev.dfs.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dfs.testing.DfsServerExtension;
import dev.dfs.testing.DfsTestServer;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * Bucket quotas through the management API and the S3 writes they refuse: PutObject of known and of
 * unknown length, overwrites counting the difference (unversioned) or everything (versioned), the
 * object count, UploadPart and UploadPartCopy against the parts so far, CompleteMultipartUpload,
 * CopyObject; refused writes leave nothing behind; concurrent writers together never exceed the
 * quota.
 */
class BucketQuotaSdkTest {
  @RegisterExtension static final DfsServerExtension DFS = DfsServerExtension.local();
  static final ObjectMapper JSON = new ObjectMapper();
  static final HttpClient HTTP = HttpClient.newHttpClient();

  static HttpResponse<String> quota(String method, String bucket, String body) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(
                URI.create(DFS.server().endpoint() + "/api/v1/buckets/" + bucket + "/quota"))
            .header("X-Api-Key", DfsTestServer.API_KEY)
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  static void setQuota(String bucket, Long maxBytes, Long maxObjects) throws Exception {
    HttpResponse<String> r =
        quota(
            "PUT", bucket, "{\"maxBytes\": " + maxBytes + ", \"maxObjects\": " + maxObjects + "}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
  }

  static void put(String bucket, String key, int size) {
    DFS.client().putObject(b -> b.bucket(bucket).key(key), RequestBody.fromBytes(new byte[size]));
  }

  static void assertRefused(Runnable write, String limit) {
    assertThatThrownBy(write::run)
        .isInstanceOfSatisfying(
            S3Exception.class,
            e -> {
              assertThat(e.statusCode()).isEqualTo(403);
              assertThat(e.awsErrorDetails().errorCode()).isEqualTo("QuotaExceeded");
              assertThat(e.awsErrorDetails().errorMessage()).contains(limit);
            });
  }

  static void createBucket(String name) {
    DFS.client().createBucket(b -> b.bucket(name));
  }

  @Test
  void theQuotaIsSetShownAndRemovedThroughTheManagementApi() throws Exception {
    createBucket("q-api");
    put("q-api", "a", 10);
    assertThat(JSON.readTree(quota("GET", "q-api", null).body()).get("maxBytes").isNull()).isTrue();
    setQuota("q-api", 1000L, 5L);
    JsonNode q = JSON.readTree(quota("GET", "q-api", null).body());
    assertThat(q.get("maxBytes").asLong()).isEqualTo(1000);
    assertThat(q.get("maxObjects").asLong()).isEqualTo(5);
    assertThat(q.get("bytes").asLong()).isEqualTo(10);
    assertThat(q.get("objects").asLong()).isEqualTo(1);
    assertThat(quota("PUT", "q-api", "{\"maxBytes\": -1}").statusCode()).isEqualTo(400);
    assertThat(quota("PUT", "q-api", "{}").statusCode()).isEqualTo(400);
    assertThat(quota("PUT", "q-api", "{\"maxBytes\": \"10\"}").statusCode()).isEqualTo(400);
    assertThat(quota("GET", "q-missing", null).statusCode()).isEqualTo(404);
    assertThat(quota("DELETE", "q-api", null).statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(quota("GET", "q-api", null).body()).get("maxObjects").isNull())
        .isTrue();
  }

  @Test
  void aPutOverTheByteLimitIsRefusedAndStoresNothing() throws Exception {
    createBucket("q-bytes");
    setQuota("q-bytes", 1000L, null);
    put("q-bytes", "a", 600);
    assertRefused(() -> put("q-bytes", "b", 600), "quota of 1000 bytes");
    assertThatThrownBy(() -> DFS.client().headObject(b -> b.bucket("q-bytes").key("b")))
        .isInstanceOf(S3Exception.class);
    put("q-bytes", "b", 400); // exactly up to the limit
    put("q-bytes", "a", 500); // an overwrite counts the difference: 1000 - 600 + 500
    assertRefused(() -> put("q-bytes", "a", 700), "1000 bytes");
    assertThat(DFS.client().headObject(b -> b.bucket("q-bytes").key("a")).contentLength())
        .isEqualTo(500);
  }

  @Test
  void theObjectLimitCountsObjects() throws Exception {
    createBucket("q-objects");
    setQuota("q-objects", null, 2L);
    put("q-objects", "a", 1);
    put("q-objects", "b", 1);
    put("q-objects", "b", 2); // an overwrite adds no object
    assertRefused(() -> put("q-objects", "c", 1), "quota of 2 objects");
    DFS.client().deleteObject(b -> b.bucket("q-objects").key("a"));
    put("q-objects", "c", 1);
  }

  @Test
  void aVersionedBucketCountsEveryVersion() throws Exception {
    createBucket("q-versions");
    DFS.client()
        .putBucketVersioning(
            b ->
                b.bucket("q-versions")
                    .versioningConfiguration(v -> v.status(BucketVersioningStatus.ENABLED)));
    setQuota("q-versions", 1000L, null);
    put("q-versions", "a", 600);
    assertRefused(() -> put("q-versions", "a", 600), "1000 bytes");
  }

  @Test
  void aBodyOfUnknownLengthStopsAtTheLimitAndStoresNothing() throws Exception {
    createBucket("q-chunked");
    setQuota("q-chunked", 100_000L, null);
    HttpResponse<String> over = chunkedPut("q-chunked", "big", 150_000);
    assertThat(over.statusCode()).as(over.body()).isEqualTo(403);
    assertThat(over.body()).contains("<Code>QuotaExceeded</Code>");
    assertThatThrownBy(() -> DFS.client().headObject(b -> b.bucket("q-chunked").key("big")))
        .isInstanceOf(S3Exception.class);
    HttpResponse<String> within = chunkedPut("q-chunked", "small", 90_000);
    assertThat(within.statusCode()).as(within.body()).isEqualTo(200);
    assertThat(DFS.client().headObject(b -> b.bucket("q-chunked").key("small")).contentLength())
        .isEqualTo(90_000);
  }

  /** A presigned PUT whose body goes out HTTP-chunked, without Content-Length. */
  private static HttpResponse<String> chunkedPut(String bucket, String key, int size)
      throws Exception {
    try (S3Presigner presigner =
        S3Presigner.builder()
            .endpointOverride(DFS.server().endpoint())
            .region(Region.US_EAST_1)
            .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build())
            .credentialsProvider(
                () ->
                    AwsBasicCredentials.create(DfsTestServer.ACCESS_KEY, DfsTestServer.SECRET_KEY))
            .build()) {
      URI url =
          presigner
              .presignPutObject(
                  p ->
                      p.signatureDuration(Duration.ofMinutes(5))
                          .putObjectRequest(o -> o.bucket(bucket).key(key)))
              .url()
              .toURI();
      return HTTP.send(
          HttpRequest.newBuilder(url)
              .PUT(
                  HttpRequest.BodyPublishers.ofInputStream(
                      () -> new ByteArrayInputStream(new byte[size])))
              .build(),
          HttpResponse.BodyHandlers.ofString());
    }
  }

  @Test
  void multipartPartsCopiesAndCompletionAreChecked() throws Exception {
    createBucket("q-multipart");
    S3Client s3 = DFS.client();
    setQuota("q-multipart", 12L << 20, null);
    String id = s3.createMultipartUpload(b -> b.bucket("q-multipart").key("m")).uploadId();
    s3.uploadPart(
        b -> b.bucket("q-multipart").key("m").uploadId(id).partNumber(1),
        RequestBody.fromBytes(new byte[5 << 20]));
    // part 1 again replaces itself: 5 MiB so far, not 10
    String e1 =
        s3.uploadPart(
                b -> b.bucket("q-multipart").key("m").uploadId(id).partNumber(1),
                RequestBody.fromBytes(new byte[5 << 20]))
            .eTag();
    String e2 =
        s3.uploadPart(
                b -> b.bucket("q-multipart").key("m").uploadId(id).partNumber(2),
                RequestBody.fromBytes(new byte[5 << 20]))
            .eTag();
    assertRefused(
        () ->
            s3.uploadPart(
                b -> b.bucket("q-multipart").key("m").uploadId(id).partNumber(3),
                RequestBody.fromBytes(new byte[3 << 20])),
        "bytes");
    put("q-multipart", "other", 3 << 20);
    assertRefused(
        () ->
            s3.uploadPartCopy(
                b ->
                    b.sourceBucket("q-multipart")
                        .sourceKey("other")
                        .destinationBucket("q-multipart")
                        .destinationKey("m")
                        .uploadId(id)
                        .partNumber(3)),
        "bytes");
    put("q-multipart", "more", 3 << 20); // 6 MiB stored: the 10 MiB of parts no longer fit
    String p1 = e1;
    assertRefused(
        () ->
            s3.completeMultipartUpload(
                b ->
                    b.bucket("q-multipart")
                        .key("m")
                        .uploadId(id)
                        .multipartUpload(
                            u ->
                                u.parts(
                                    CompletedPart.builder().partNumber(1).eTag(p1).build(),
                                    CompletedPart.builder().partNumber(2).eTag(e2).build()))),
        "bytes");
    assertThatThrownBy(() -> s3.headObject(b -> b.bucket("q-multipart").key("m")))
        .isInstanceOf(S3Exception.class);
    s3.deleteObject(b -> b.bucket("q-multipart").key("more"));
    s3.deleteObject(b -> b.bucket("q-multipart").key("other"));
    s3.completeMultipartUpload(
        b ->
            b.bucket("q-multipart")
                .key("m")
                .uploadId(id)
                .multipartUpload(
                    u ->
                        u.parts(
                            CompletedPart.builder().partNumber(1).eTag(p1).build(),
                            CompletedPart.builder().partNumber(2).eTag(e2).build())));
    assertThat(s3.headObject(b -> b.bucket("q-multipart").key("m")).contentLength())
        .isEqualTo(10L << 20);
  }

  @Test
  void concurrentWritersTogetherStayWithinTheQuota() throws Exception {
    createBucket("q-race");
    setQuota("q-race", 10L * 100_000, null);
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(16);
    java.util.concurrent.atomic.AtomicInteger stored =
        new java.util.concurrent.atomic.AtomicInteger();
    java.util.concurrent.atomic.AtomicInteger refused =
        new java.util.concurrent.atomic.AtomicInteger();
    try {
      java.util.List<java.util.concurrent.Future<?>> writes = new java.util.ArrayList<>();
      for (int i = 0; i < 32; i++) {
        String key = "k" + i;
        writes.add(
            pool.submit(
                () -> {
                  try {
                    put("q-race", key, 100_000);
                    stored.incrementAndGet();
                  } catch (S3Exception e) {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("QuotaExceeded");
                    refused.incrementAndGet();
                  }
                }));
      }
      for (var w : writes) w.get();
    } finally {
      pool.shutdownNow();
    }
    JsonNode q = JSON.readTree(quota("GET", "q-race", null).body());
    assertThat(stored.get()).isBetween(1, 10);
    assertThat(refused.get()).isEqualTo(32 - stored.get());
    assertThat(q.get("bytes").asLong())
        .isEqualTo(stored.get() * 100_000L)
        .isLessThanOrEqualTo(1_000_000);
  }

  @Test
  void aCopyOverTheLimitIsRefused() throws Exception {
    createBucket("q-copy");
    setQuota("q-copy", 1000L, null);
    put("q-copy", "a", 600);
    assertRefused(
        () ->
            DFS.client()
                .copyObject(
                    b ->
                        b.sourceBucket("q-copy")
                            .sourceKey("a")
                            .destinationBucket("q-copy")
                            .destinationKey("b")),
        "1000 bytes");
    assertThatThrownBy(() -> DFS.client().getObject(b -> b.bucket("q-copy").key("b")))
        .isInstanceOf(NoSuchKeyException.class);
    // a copy onto itself with new metadata replaces the same bytes
    DFS.client()
        .copyObject(
            b ->
                b.sourceBucket("q-copy")
                    .sourceKey("a")
                    .destinationBucket("q-copy")
                    .destinationKey("a")
                    .metadataDirective("REPLACE")
                    .metadata(java.util.Map.of("k", "v")));
  }
}
