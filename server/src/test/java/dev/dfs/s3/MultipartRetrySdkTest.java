package dev.dfs.s3;

import static dev.dfs.s3.SdkTestSupport.expectError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dfs.testing.DfsServerExtension;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.CompletedPart;

/**
 * Multipart robustness: a retried CompleteMultipartUpload (after a lost response) answers the first
 * result, and a part re-uploaded while an earlier upload of its number still runs is decided by the
 * last upload to finish.
 */
class MultipartRetrySdkTest {
  @RegisterExtension static final DfsServerExtension DFS = DfsServerExtension.local();
  static S3Client s3;

  @BeforeAll
  static void start() {
    s3 = DFS.client();
    s3.createBucket(b -> b.bucket("retry"));
    s3.createBucket(b -> b.bucket("retry-v"));
    s3.putBucketVersioning(
        b ->
            b.bucket("retry-v")
                .versioningConfiguration(c -> c.status(BucketVersioningStatus.ENABLED)));
  }

  private static CompleteMultipartUploadResponse complete(
      String bucket, String key, String id, String etag) {
    return s3.completeMultipartUpload(
        b ->
            b.bucket(bucket)
                .key(key)
                .uploadId(id)
                .multipartUpload(
                    m -> m.parts(CompletedPart.builder().partNumber(1).eTag(etag).build())));
  }

  @Test
  void aRepeatedCompletionAnswersTheSameResult() {
    String id = s3.createMultipartUpload(b -> b.bucket("retry").key("k")).uploadId();
    String etag =
        s3.uploadPart(
                b -> b.bucket("retry").key("k").uploadId(id).partNumber(1),
                RequestBody.fromString("only part"))
            .eTag();
    CompleteMultipartUploadResponse first = complete("retry", "k", id, etag);
    CompleteMultipartUploadResponse again = complete("retry", "k", id, etag);
    assertThat(again.eTag()).isEqualTo(first.eTag());
    assertThat(again.location()).isEqualTo(first.location());
    assertThat(first.versionId()).isNull(); // unversioned buckets never name a version
    assertThat(again.versionId()).isNull();
    // Another part list is not a retry of that completion; an unknown id stays unknown.
    expectError(
        404,
        "NoSuchUpload",
        () -> complete("retry", "k", id, "\"0123456789abcdef0123456789abcdef\""));
    expectError(404, "NoSuchUpload", () -> complete("retry", "other-key", id, etag));
    expectError(
        404,
        "NoSuchUpload",
        () -> s3.abortMultipartUpload(b -> b.bucket("retry").key("k").uploadId(id)));
  }

  @Test
  void aRepeatedCompletionNamesTheSameVersionAfterLaterWrites() {
    String id = s3.createMultipartUpload(b -> b.bucket("retry-v").key("k")).uploadId();
    String etag =
        s3.uploadPart(
                b -> b.bucket("retry-v").key("k").uploadId(id).partNumber(1),
                RequestBody.fromString("versioned part"))
            .eTag();
    CompleteMultipartUploadResponse first = complete("retry-v", "k", id, etag);
    s3.putObject(b -> b.bucket("retry-v").key("k"), RequestBody.fromString("newer"));
    CompleteMultipartUploadResponse again = complete("retry-v", "k", id, etag);
    assertThat(first.versionId()).isNotNull();
    assertThat(again.versionId()).isEqualTo(first.versionId());
    assertThat(again.eTag()).isEqualTo(first.eTag());
    // The retry changed nothing: the newer PUT is still current.
    assertThat(s3.getObjectAsBytes(b -> b.bucket("retry-v").key("k")).asUtf8String())
        .isEqualTo("newer");
  }

  /** The first upload of part 1 is held mid-body while a second one finishes; then it ends. */
  @Test
  void theLastFinishedUploadOfAPartNumberWins() throws Exception {
    String id = s3.createMultipartUpload(b -> b.bucket("retry").key("race")).uploadId();
    byte[] slow = "slow body of part one".getBytes(StandardCharsets.UTF_8);
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    InputStream held = new HeldStream(slow, 4, started, release);
    CompletableFuture<String> first =
        CompletableFuture.supplyAsync(
            () ->
                s3.uploadPart(
                        b -> b.bucket("retry").key("race").uploadId(id).partNumber(1),
                        RequestBody.fromInputStream(held, slow.length))
                    .eTag());
    assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();
    String second =
        s3.uploadPart(
                b -> b.bucket("retry").key("race").uploadId(id).partNumber(1),
                RequestBody.fromString("fast body"))
            .eTag();
    release.countDown();
    String last = first.get(30, TimeUnit.SECONDS);
    expectError(400, "InvalidPart", () -> complete("retry", "race", id, second));
    complete("retry", "race", id, last);
    assertThat(s3.getObjectAsBytes(b -> b.bucket("retry").key("race")).asByteArray())
        .isEqualTo(slow);
  }

  /** Gives {@code hold} bytes, signals {@code started}, then waits for {@code release}. */
  private static final class HeldStream extends InputStream {
    private final ByteArrayInputStream in;
    private final int hold;
    private final CountDownLatch started;
    private final CountDownLatch release;
    private int given;

    HeldStream(byte[] data, int hold, CountDownLatch started, CountDownLatch release) {
      this.in = new ByteArrayInputStream(data);
      this.hold = hold;
      this.started = started;
      this.release = release;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (given == hold) {
        started.countDown();
        try {
          if (!release.await(30, TimeUnit.SECONDS)) throw new IOException("never released");
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IOException(e);
        }
      }
      int n = in.read(b, off, given < hold ? Math.min(len, hold - given) : len);
      if (n > 0) given += n;
      return n;
    }
  }
}
