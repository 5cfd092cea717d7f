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
    String etag = s3.putObject(b -> b.bucket("cond").key("once").ifNoneMatch("*"),
        RequestBody.fromString("first")).eTag();
    assertThat(etag).isNotBlank();
    expectError(412, "PreconditionFailed", () -> s3.putObject(
        b -> b.bucket("cond").key("once").ifNoneMatch("*"), RequestBody.fromString("second")));
    assertThat(s3.getObjectAsBytes(b -> b.bucket("cond").key("once")).asUtf8String())
        .isEqualTo("first");
  }

  @Test
  void ifMatchReplacesOnlyTheVersionTheClientSaw() {
    String v1 = s3.putObject(b -> b.bucket("cond").key("cas"), RequestBody.fromString("v1")).eTag();
    String v2 = s3.putObject(b -> b.bucket("cond").key("cas").ifMatch(v1),
        RequestBody.fromString("v2")).eTag();
    expectError(412, "PreconditionFailed", () -> s3.putObject(
        b -> b.bucket("cond").key("cas").ifMatch(v1), RequestBody.fromString("stale")));
    assertThat(s3.getObjectAsBytes(b -> b.bucket("cond").key("cas")).asUtf8String())
        .isEqualTo("v2");
    assertThat(v2).isNotEqualTo(v1);
    expectError(404, "NoSuchKey", () -> s3.putObject(
        b -> b.bucket("cond").key("missing").ifMatch(v2), RequestBody.fromString("x")));
  }

  @Test
  void onlyStarIsAcceptedForIfNoneMatchOnWrites() {
    expectError(501, "NotImplemented", () -> s3.putObject(
        b -> b.bucket("cond").key("etag").ifNoneMatch("\"abc\""), RequestBody.fromString("x")));
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
      results.add(pool.submit(() -> {
        go.await();
        try {
          s3.putObject(b -> b.bucket("cond").key(key).ifNoneMatch("*"),
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
    String etag = s3.uploadPart(b -> b.bucket("cond").key("mp").uploadId(uploadId).partNumber(1),
        RequestBody.fromString("part")).eTag();
    expectError(412, "PreconditionFailed", () -> s3.completeMultipartUpload(b -> b
        .bucket("cond").key("mp").uploadId(uploadId).ifNoneMatch("*")
        .multipartUpload(m -> m.parts(CompletedPart.builder().partNumber(1).eTag(etag).build()))));
    // The upload is still open and completes without the condition.
    s3.completeMultipartUpload(b -> b.bucket("cond").key("mp").uploadId(uploadId)
        .multipartUpload(m -> m.parts(CompletedPart.builder().partNumber(1).eTag(etag).build())));
    assertThat(s3.getObjectAsBytes(b -> b.bucket("cond").key("mp")).asUtf8String())
        .isEqualTo("part");
  }
}
