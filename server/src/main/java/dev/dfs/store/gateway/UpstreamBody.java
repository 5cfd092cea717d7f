package dev.dfs.store.gateway;

import dev.dfs.store.StoreError;
import dev.dfs.store.StoreException;
import dev.dfs.util.ChecksumAlgorithm;
import dev.dfs.util.SingleByteRead;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.ContentStreamProvider;

/**
 * A client's request body passed to the upstream as it arrives: no copy in memory, no temp file. It
 * hands the SDK exactly {@code size} bytes and, before it hands over the last of them, reads the
 * client's stream to its end (so an aws-chunked trailer has been parsed) and checks the claimed
 * additional checksum. A mismatch (or any failure of the client's stream) is thrown while the
 * upstream still misses bytes, so the upstream aborts and commits nothing; {@link #failure()} then
 * holds the original exception to rethrow instead of the SDK's.
 *
 * <p>The body can be sent once: a retry after bytes went out is refused (the SDK then gives up),
 * since the client's bytes cannot be replayed. The client's stream is never closed. Not
 * thread-safe: one upload uses it.
 */
final class UpstreamBody implements ContentStreamProvider {
  private final InputStream source;
  private final long size;
  private final ChecksumAlgorithm.@Nullable RunningChecksum checksum;
  private final @Nullable ChecksumAlgorithm algorithm;
  private final Supplier<String> expected;
  private final Stream stream = new Stream();
  private long delivered;
  private boolean finished;
  private @Nullable String computed;
  private @Nullable Exception failure;

  /**
   * @param algorithm the additional checksum to compute and check, or null
   * @param expected the client's claimed value (read after the body ended), may yield null
   */
  UpstreamBody(
      InputStream source,
      long size,
      @Nullable ChecksumAlgorithm algorithm,
      @Nullable Supplier<String> expected) {
    if (size < 0) {
      throw new StoreException(
          StoreError.INVALID_ARGUMENT, "the gateway needs the body's length in advance");
    }
    this.source = source;
    this.size = size;
    this.algorithm = algorithm;
    this.checksum = algorithm == null ? null : algorithm.newChecksum();
    this.expected = expected == null ? () -> null : expected;
  }

  /** The SDK request body: this provider with its exact length. */
  RequestBody requestBody(@Nullable String contentType) {
    return RequestBody.fromContentProvider(
        this, size, contentType == null ? "application/octet-stream" : contentType);
  }

  /**
   * For an empty body: reads the client's stream to its end and checks the claim before the
   * upstream is called (the SDK may never read an empty body).
   */
  void finishIfEmpty() throws IOException {
    if (size == 0) finish();
  }

  @Override
  public InputStream newStream() {
    if (delivered > 0) {
      throw new IllegalStateException(
          "the client's body was already streamed to the upstream once and cannot be replayed");
    }
    return stream;
  }

  /** The failure this body threw while the SDK read it, or null. */
  @Nullable Exception failure() {
    return failure;
  }

  /** The additional checksum of the bytes sent (base64), or null when none was asked. */
  @Nullable String computedChecksum() {
    return computed;
  }

  /** Rethrows the recorded failure, if any, as what it was. */
  void rethrowFailure() throws IOException {
    if (failure instanceof IOException io) throw io;
    if (failure instanceof RuntimeException r) throw r;
  }

  private void finish() throws IOException {
    if (finished) return;
    byte[] probe = new byte[1];
    if (source.read(probe) >= 0) {
      throw fail(
          new StoreException(
              StoreError.INVALID_ARGUMENT, "request body longer than its declared length"));
    }
    finished = true;
    if (checksum != null && algorithm != null) { // set together by the constructor
      computed = checksum.finishBase64();
      String claimed = expected.get();
      if (claimed != null && !claimed.equals(computed)) {
        throw fail(
            new StoreException(
                StoreError.BAD_DIGEST,
                "The "
                    + algorithm.wireName()
                    + " you specified did not match the calculated checksum."));
      }
    }
  }

  private <E extends Exception> E fail(E e) {
    if (failure == null) failure = e;
    return e;
  }

  /** What the SDK reads. */
  private final class Stream extends InputStream {
    @Override
    public int read() throws IOException {
      return SingleByteRead.of(this);
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      long remaining = size - delivered;
      if (remaining == 0) {
        finish();
        return -1;
      }
      if (len == 0) return 0;
      int n;
      try {
        n = source.read(b, off, (int) Math.min(len, remaining));
      } catch (IOException e) {
        throw fail(e);
      } catch (RuntimeException e) {
        throw fail(e);
      }
      if (n < 0) {
        throw fail(
            new EOFException("request body ended after " + delivered + " of " + size + " bytes"));
      }
      if (checksum != null) checksum.update(b, off, n);
      delivered += n;
      if (delivered == size) finish();
      return n;
    }

    @Override
    public int available() {
      return 0;
    }

    @Override
    public void close() {
      // the client's stream belongs to the caller
    }
  }
}
