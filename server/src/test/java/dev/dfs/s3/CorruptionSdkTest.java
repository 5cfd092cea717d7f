package dev.dfs.s3;

import static dev.dfs.s3.SdkTestSupport.randomBytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.dfs.store.local.Damage;
import dev.dfs.store.local.LocalStore;
import dev.dfs.testing.DfsServerExtension;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Damaged storage through the server, with the AWS SDK: a GET (whole or ranged) never returns wrong
 * bytes. Damage met before the response starts is a 500 InternalError; damage met after the status
 * line went out aborts the connection, so the client sees a body shorter than its Content-Length.
 * Each failed request logs exactly one line (no stack trace) naming bucket, key and chunk; HEAD and
 * listings keep working. Default engine settings: 64 KiB blocks, objects up to 64 KiB inline.
 */
class CorruptionSdkTest {
  private static final int BLOCK = 64 * 1024;
  private static final int SIZE = 5 * BLOCK - 1000; // 5 blocks, the last one short

  @RegisterExtension static final DfsServerExtension DFS = DfsServerExtension.local();
  static S3Client s3;
  static int buckets;
  String bucket;
  ListAppender<ILoggingEvent> logs;

  @BeforeAll
  static void start() throws Exception {
    s3 =
        DFS.server()
            .client(
                b -> b.overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry())));
  }

  @BeforeEach
  void bucketAndLogs() {
    bucket = "corrupt-" + (++buckets);
    s3.createBucket(b -> b.bucket(bucket));
    logs = new ListAppender<>();
    logs.start();
    ((Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).addAppender(logs);
  }

  @AfterEach
  void detachLogs() {
    ((Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).detachAppender(logs);
  }

  @Test
  void flippedBitInALaterBlockAbortsTheWholeGetAndFailsARangeOverIt() throws Exception {
    byte[] data = put("k", SIZE, 1);
    Damage.flipDataBit(chunk("k"), 3L * BLOCK + 10);
    abortedShort("k", data, 3 * BLOCK);
    internalError("k", range(3L * BLOCK, 3L * BLOCK + 100));
    assertThat(get("k", range(0, BLOCK - 1))).isEqualTo(Arrays.copyOf(data, BLOCK));
    headAndListStillWork("k", SIZE);
    oneLinePerFailure(2, "k", "fails its check in block 3");
  }

  @Test
  void flippedBitInTheFirstBlockIsA500() throws Exception {
    put("k", SIZE, 2);
    Damage.flipDataBit(chunk("k"), 5);
    internalError("k", null);
    internalError("k", range(0, 0));
    headAndListStillWork("k", SIZE);
    oneLinePerFailure(2, "k", "fails its check in block 0");
  }

  @Test
  void truncatedChunkIsA500() throws Exception {
    put("k", SIZE, 3);
    Damage.truncate(chunk("k"), 7);
    internalError("k", null);
    internalError("k", range(BLOCK, BLOCK + 1));
    headAndListStillWork("k", SIZE);
    oneLinePerFailure(2, "k", "expected");
  }

  @Test
  void blocksSwappedWithTheirChecksNeverReadBack() throws Exception {
    byte[] data = put("k", SIZE, 4);
    Damage.swapBlocks(chunk("k"), 1, 2);
    abortedShort("k", data, BLOCK);
    internalError("k", range(2L * BLOCK, 2L * BLOCK + 5));
    oneLinePerFailure(2, "k", "fails its check in block");
  }

  @Test
  void chunkFilesSwappedBetweenObjectsOfTheSameLengthAre500s() throws Exception {
    put("a", SIZE, 5);
    put("b", SIZE, 6);
    Damage.swapFiles(chunk("a"), chunk("b"));
    internalError("a", null);
    internalError("b", range(4L * BLOCK, 4L * BLOCK + 9));
    headAndListStillWork("a", SIZE);
    assertThat(logLines()).hasSize(2).allSatisfy(l -> assertThat(l).contains("misplaced file"));
  }

  @Test
  void missingChunkFileIsA500() throws Exception {
    put("k", SIZE, 7);
    Files.delete(chunk("k"));
    internalError("k", null);
    internalError("k", range(10, 20));
    headAndListStillWork("k", SIZE);
    oneLinePerFailure(2, "k", "is missing");
  }

  @Test
  void damagedInlineBodyIsA500() throws Exception {
    put("small", 10_000, 8);
    Damage.flipInlineBit(store(), bucket, "small");
    internalError("small", null);
    internalError("small", range(0, 99));
    headAndListStillWork("small", 10_000);
    oneLinePerFailure(2, "small", "inline data fails its CRC32C");
  }

  @Test
  void recordThatDoesNotDecodeIsA500AndListingsGoOn() throws Exception {
    put("k", SIZE, 9);
    put("k2", 100, 10);
    Damage.breakRecord(store(), bucket, "k");
    internalError("k", null);
    S3Exception head =
        (S3Exception) catchThrowable(() -> s3.headObject(b -> b.bucket(bucket).key("k")));
    assertThat(head.statusCode()).isEqualTo(500);
    assertThat(s3.listObjectsV2(b -> b.bucket(bucket)).contents())
        .extracting(S3Object::key)
        .containsExactly("k2");
    assertThat(s3.headObject(b -> b.bucket(bucket).key("k2")).contentLength()).isEqualTo(100);
    // GET and HEAD: one line each; the listing that left the key out: one more
    assertThat(logLines())
        .hasSize(3)
        .allSatisfy(l -> assertThat(l).contains(bucket + "/k: its record does not decode"));
  }

  // ---- helpers ----

  private byte[] put(String key, int size, long seed) {
    byte[] data = randomBytes(size, seed);
    s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromBytes(data));
    return data;
  }

  private static LocalStore store() {
    return DFS.server().store();
  }

  private Path chunk(String key) throws IOException {
    return Damage.chunkFiles(store(), bucket, key).get(0);
  }

  private static String range(long first, long last) {
    return "bytes=" + first + "-" + last;
  }

  private byte[] get(String key, String range) throws IOException {
    try (InputStream in = s3.getObject(b -> b.bucket(bucket).key(key).range(range))) {
      return in.readAllBytes();
    }
  }

  /** The GET answers 500 InternalError before any body byte. */
  private void internalError(String key, String range) {
    Throwable t = catchThrowable(() -> get(key, range));
    assertThat(t).as("GET %s %s", key, range).isInstanceOf(S3Exception.class);
    S3Exception e = (S3Exception) t;
    assertThat(e.statusCode()).isEqualTo(500);
    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InternalError");
    // the details (chunk id, block) go to the log, not to the client
    assertThat(e.awsErrorDetails().errorMessage()).doesNotContain("chunk").doesNotContain(bucket);
  }

  /**
   * The whole GET starts as a 200 with the full Content-Length, hands out only correct bytes (at
   * most {@code good} of them) and then fails: the connection is cut, never completed.
   */
  private void abortedShort(String key, byte[] data, int good) throws IOException {
    GetObjectRequest req = GetObjectRequest.builder().bucket(bucket).key(key).build();
    byte[] got = new byte[data.length];
    int n = 0;
    Throwable failure = null;
    try (ResponseInputStream<GetObjectResponse> in = s3.getObject(req)) {
      assertThat(in.response().contentLength()).isEqualTo(data.length);
      try {
        for (int r; n < got.length && (r = in.read(got, n, got.length - n)) > 0; ) n += r;
        in.read(); // the end (or the failure) must show
      } catch (IOException | RuntimeException e) {
        failure = e;
      }
    } catch (IOException | RuntimeException e) {
      if (failure == null) failure = e; // closing a cut stream may fail too
    }
    assertThat(failure).as("a cut body must fail the read").isNotNull();
    assertThat(n).isLessThanOrEqualTo(good);
    assertThat(Arrays.copyOf(got, n)).isEqualTo(Arrays.copyOf(data, n));
  }

  private void headAndListStillWork(String key, long size) {
    assertThat(s3.headObject(b -> b.bucket(bucket).key(key)).contentLength()).isEqualTo(size);
    assertThat(s3.listObjectsV2(b -> b.bucket(bucket)).contents())
        .extracting(S3Object::key)
        .contains(key);
  }

  /** Every WARN-or-worse line logged during the test; none may carry a stack trace. */
  private List<String> logLines() {
    List<ILoggingEvent> events =
        logs.list.stream().filter(e -> e.getLevel().isGreaterOrEqual(Level.WARN)).toList();
    assertThat(events).allSatisfy(e -> assertThat(e.getThrowableProxy()).isNull());
    return events.stream().map(ILoggingEvent::getFormattedMessage).toList();
  }

  private void oneLinePerFailure(int failures, String key, String what) {
    assertThat(logLines())
        .hasSize(failures)
        .allSatisfy(
            l ->
                assertThat(l)
                    .contains("stored data failed its integrity check")
                    .contains(bucket + "/" + key + ": ")
                    .contains(what));
  }
}
