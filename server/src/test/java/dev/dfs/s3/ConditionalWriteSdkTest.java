package dev.dfs.s3;

import static dev.dfs.s3.SdkTestSupport.expectError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dfs.testing.DfsServerExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** If-None-Match: * and If-Match on PutObject and CompleteMultipartUpload, as S3 does them. */
class ConditionalWriteSdkTest {
  @RegisterExtension static final DfsServerExtension DFS = DfsServerExtension.local();
  static S3Client s3;

  @BeforeAll
  static void start() throws Exception {
    s3 = DFS.client();
    s3.createBucket(b -> b.bucket("cond"));
  }

  @Test
  void ifNoneMatchStarCreatesOnlyWhenAbsent() {
    String etag =
        s3.putObject(
                b -> b.bucket("cond").key("once").ifNoneMatch("*"), RequestBody.fromString("first"))
            .eTag();
    assertThat(etag).isNotBlank();
    expectError(
        412,
        "PreconditionFailed",
        () ->
            s3.putObject(
                b -> b.bucket("cond").key("once").ifNoneMatch("*"),
                RequestBody.fromString("second")));
    assertThat(s3.getObjectAsBytes(b -> b.bucket("cond").key("once")).asUtf8String())
        .isEqualTo("first");
  }

  @Test
  void ifMatchReplacesOnlyTheVersionTheClientSaw() {
    String v1 = s3.putObject(b -> b.bucket("cond").key("cas"), RequestBody.fromString("v1")).eTag();
    String v2 =
        s3.putObject(b -> b.bucket("cond").key("cas").ifMatch(v1), RequestBody.fromString("v2"))
            .eTag();
    expectError(
        412,
        "PreconditionFailed",
        () ->
            s3.putObject(
                b -> b.bucket("cond").key("cas").ifMatch(v1), RequestBody.fromString("stale")));
    assertThat(s3.getObjectAsBytes(b -> b.bucket("cond").key("cas")).asUtf8String())
        .isEqualTo("v2");
    assertThat(v2).isNotEqualTo(v1);
    expectError(
        404,
        "NoSuchKey",
        () ->
            s3.putObject(
                b -> b.bucket("cond").key("missing").ifMatch(v2), RequestBody.fromString("x")));
  }

  /** If-None-Match with an ETag (as Ceph RGW and MinIO take it): refused only for that ETag. */
  @Test
  void ifNoneMatchEtagRefusesOnlyThatEtag() {
    String v1 =
        s3.putObject(
                b -> b.bucket("cond").key("etag").ifNoneMatch("\"abc\""),
                RequestBody.fromString("v1"))
            .eTag(); // a missing key passes
    expectError(
        412,
        "PreconditionFailed",
        () ->
            s3.putObject(
                b -> b.bucket("cond").key("etag").ifNoneMatch(v1), RequestBody.fromString("v2")));
    s3.putObject(
        b -> b.bucket("cond").key("etag").ifNoneMatch("\"abc\""), RequestBody.fromString("v3"));
    assertThat(s3.getObjectAsBytes(b -> b.bucket("cond").key("etag")).asUtf8String())
        .isEqualTo("v3");
  }

  @Test
  void ifMatchStarNeedsAnyCurrentObject() {
    expectError(
        404,
        "NoSuchKey",
        () ->
            s3.putObject(
                b -> b.bucket("cond").key("star").ifMatch("*"), RequestBody.fromString("x")));
    s3.putObject(b -> b.bucket("cond").key("star"), RequestBody.fromString("v1"));
    s3.putObject(b -> b.bucket("cond").key("star").ifMatch("*"), RequestBody.fromString("v2"));
    assertThat(s3.getObjectAsBytes(b -> b.bucket("cond").key("star")).asUtf8String())
        .isEqualTo("v2");
  }

  /** A delete marker is no current object: If-None-Match: * writes, If-Match is 404. */
  @Test
  void aDeleteMarkerCountsAsAbsent() {
    s3.createBucket(b -> b.bucket("cond-v"));
    s3.putBucketVersioning(
        b ->
            b.bucket("cond-v")
                .versioningConfiguration(
                    c ->
                        c.status(
                            software.amazon.awssdk.services.s3.model.BucketVersioningStatus
                                .ENABLED)));
    String v1 =
        s3.putObject(b -> b.bucket("cond-v").key("dm"), RequestBody.fromString("v1")).eTag();
    s3.deleteObject(b -> b.bucket("cond-v").key("dm"));
    expectError(
        404,
        "NoSuchKey",
        () ->
            s3.putObject(
                b -> b.bucket("cond-v").key("dm").ifMatch(v1), RequestBody.fromString("x")));
    expectError(
        404,
        "NoSuchKey",
        () ->
            s3.putObject(
                b -> b.bucket("cond-v").key("dm").ifMatch("*"), RequestBody.fromString("x")));
    s3.putObject(b -> b.bucket("cond-v").key("dm").ifNoneMatch("*"), RequestBody.fromString("v2"));
    assertThat(s3.getObjectAsBytes(b -> b.bucket("cond-v").key("dm")).asUtf8String())
        .isEqualTo("v2");
  }

  @Test
  void completeMultipartUploadHonoursIfMatchAndIfNoneMatchEtag() {
    String id = upload("mp-match", "part");
    String etag = partEtag(id);
    expectError(404, "NoSuchKey", () -> completeWith("mp-match", id, etag, r -> r.ifMatch("*")));
    String v1 =
        s3.putObject(b -> b.bucket("cond").key("mp-before"), RequestBody.fromString("v1")).eTag();
    String id2 = upload("mp-before", "part");
    String etag2 = partEtag(id2);
    expectError(
        412,
        "PreconditionFailed",
        () -> completeWith("mp-before", id2, etag2, r -> r.ifNoneMatch(v1)));
    expectError(
        412,
        "PreconditionFailed",
        () ->
            completeWith(
                "mp-before", id2, etag2, r -> r.ifMatch("\"0123456789abcdef0123456789abcdef\"")));
    completeWith("mp-before", id2, etag2, r -> r.ifMatch(v1));
    assertThat(s3.getObjectAsBytes(b -> b.bucket("cond").key("mp-before")).asUtf8String())
        .isEqualTo("part");
  }

  /** A write committed while the upload ran conflicts with the completion's condition: 409. */
  @Test
  void completionRacingAConflictingWriteIsAConflict() {
    String v1 =
        s3.putObject(b -> b.bucket("cond").key("mp-race"), RequestBody.fromString("v1")).eTag();
    String id = upload("mp-race", "part");
    String etag = partEtag(id);
    s3.putObject(b -> b.bucket("cond").key("mp-race"), RequestBody.fromString("during"));
    expectError(
        409,
        "ConditionalRequestConflict",
        () -> completeWith("mp-race", id, etag, r -> r.ifMatch(v1)));
    expectError(
        409,
        "ConditionalRequestConflict",
        () -> completeWith("mp-race", id, etag, r -> r.ifNoneMatch("*")));
    assertThat(s3.getObjectAsBytes(b -> b.bucket("cond").key("mp-race")).asUtf8String())
        .isEqualTo("during");
  }

  private static final java.util.Map<String, String> PART_ETAGS =
      new java.util.concurrent.ConcurrentHashMap<>();

  private static String upload(String key, String body) {
    String id = s3.createMultipartUpload(b -> b.bucket("cond").key(key)).uploadId();
    PART_ETAGS.put(
        id,
        s3.uploadPart(
                b -> b.bucket("cond").key(key).uploadId(id).partNumber(1),
                RequestBody.fromString(body))
            .eTag());
    return id;
  }

  private static String partEtag(String id) {
    return PART_ETAGS.get(id);
  }

  @SuppressWarnings("ReturnValueIgnored") // the condition mutates the builder it returns
  private static void completeWith(
      String key,
      String id,
      String etag,
      java.util.function.UnaryOperator<
              software.amazon.awssdk.services.s3.model.CompleteMultipartUploadRequest.Builder>
          cond) {
    s3.completeMultipartUpload(
        b ->
            cond.apply(
                b.bucket("cond")
                    .key(key)
                    .uploadId(id)
                    .multipartUpload(
                        m -> m.parts(CompletedPart.builder().partNumber(1).eTag(etag).build()))));
  }

  /** The race: many writers, one key, If-None-Match: * — exactly one wins. */
  @RepeatedTest(3)
  void racingCreatorsExactlyOneWins() throws Exception {
    String key = "race-" + System.nanoTime();
    int writers = 8;
    ExecutorService pool = Executors.newFixedThreadPool(writers);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<Integer>> results = new ArrayList<>();
    for (int i = 0; i < writers; i++) {
      String body = "writer-" + i;
      results.add(
          pool.submit(
              () -> {
                go.await();
                try {
                  s3.putObject(
                      b -> b.bucket("cond").key(key).ifNoneMatch("*"),
                      RequestBody.fromString(body));
                  return 200;
                } catch (S3Exception e) {
                  return e.statusCode();
                }
              }));
    }
    go.countDown();
    List<Integer> statuses = new ArrayList<>();
    for (Future<Integer> f : results) statuses.add(f.get());
    pool.shutdown();
    assertThat(statuses).filteredOn(s -> s == 200).hasSize(1);
    assertThat(statuses).filteredOn(s -> s != 200).allMatch(s -> s == 412);
  }

  @Test
  void completeMultipartUploadHonoursIfNoneMatch() {
    s3.putObject(b -> b.bucket("cond").key("mp"), RequestBody.fromString("exists"));
    String uploadId = s3.createMultipartUpload(b -> b.bucket("cond").key("mp")).uploadId();
    String etag =
        s3.uploadPart(
                b -> b.bucket("cond").key("mp").uploadId(uploadId).partNumber(1),
                RequestBody.fromString("part"))
            .eTag();
    expectError(
        412,
        "PreconditionFailed",
        () ->
            s3.completeMultipartUpload(
                b ->
                    b.bucket("cond")
                        .key("mp")
                        .uploadId(uploadId)
                        .ifNoneMatch("*")
                        .multipartUpload(
                            m ->
                                m.parts(
                                    CompletedPart.builder().partNumber(1).eTag(etag).build()))));
    // The upload is still open and completes without the condition.
    s3.completeMultipartUpload(
        b ->
            b.bucket("cond")
                .key("mp")
                .uploadId(uploadId)
                .multipartUpload(
                    m -> m.parts(CompletedPart.builder().partNumber(1).eTag(etag).build())));
    assertThat(s3.getObjectAsBytes(b -> b.bucket("cond").key("mp")).asUtf8String())
        .isEqualTo("part");
  }
}
