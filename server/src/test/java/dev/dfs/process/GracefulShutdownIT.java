package dev.dfs.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * SIGTERM while an upload is in flight: the upload still completes and is acknowledged, the server
 * then exits cleanly, and the object is there after a restart.
 */
class GracefulShutdownIT {
  private static final int SIZE = 4 * 1024 * 1024;

  @Test
  void inFlightUploadFinishesBeforeExit(@TempDir Path data) throws Exception {
    byte[] body = new byte[SIZE];
    new Random(7).nextBytes(body);
    try (DfsProcess server = DfsProcess.start(data);
        S3Client client = server.client()) {
      client.createBucket(b -> b.bucket("graceful"));
      SlowStream slow = new SlowStream(body);
      CompletableFuture<String> upload =
          CompletableFuture.supplyAsync(
              () ->
                  client
                      .putObject(
                          b -> b.bucket("graceful").key("slow"),
                          RequestBody.fromContentProvider(
                              () -> slow, SIZE, "application/octet-stream"))
                      .eTag());
      assertThat(slow.started.await(10, TimeUnit.SECONDS)).as("upload started").isTrue();
      CompletableFuture<Integer> exit =
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  return server.terminate();
                } catch (InterruptedException e) {
                  throw new IllegalStateException(e);
                }
              });
      assertThat(upload.get(60, TimeUnit.SECONDS)).as("acknowledged").isNotBlank();
      assertThat(exit.get(60, TimeUnit.SECONDS)).isIn(0, 143);
      assertThat(server.output()).anyMatch(line -> line.contains("stopped cleanly"));
    }
    try (DfsProcess again = DfsProcess.start(data);
        S3Client client = again.client()) {
      assertThat(client.getObjectAsBytes(b -> b.bucket("graceful").key("slow")).asByteArray())
          .isEqualTo(body);
    }
  }

  /** Sends the body in 64 KiB steps over about two seconds. */
  private static final class SlowStream extends InputStream {
    final java.util.concurrent.CountDownLatch started = new java.util.concurrent.CountDownLatch(1);
    private final byte[] data;
    private int pos;

    SlowStream(byte[] data) {
      this.data = data;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (pos >= data.length) return -1;
      started.countDown();
      try {
        Thread.sleep(30);
      } catch (InterruptedException e) {
        throw new IOException(e);
      }
      int n = Math.min(Math.min(len, 64 * 1024), data.length - pos);
      System.arraycopy(data, pos, b, off, n);
      pos += n;
      return n;
    }
  }
}
