package dev.dfs.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import org.jspecify.annotations.Nullable;

/**
 * An open read of one object version. {@link #info()} is known at once so the caller can check
 * conditions and resolve a Range before asking for bytes. The bytes stay readable until {@link
 * #close()} even if the object is overwritten or deleted meanwhile. The stream verifies stored
 * checksums as it goes and throws {@link IOException} on corruption. The caller must close it. Not
 * thread-safe.
 */
public interface ObjectRead extends AutoCloseable {
  ObjectInfo info();

  /** The object's bytes, or only {@code range} of them when it is not null. Call at most once. */
  InputStream stream(@Nullable ByteRange range) throws IOException;

  /**
   * Implemented by streams from {@link #stream} that can hand their bytes out as (direct) buffers,
   * verified like the stream, instead of being copied through a byte array. Use either this or the
   * stream's read methods.
   */
  interface BufferSource {
    /** Sends every remaining byte to {@code sink}, in order. */
    void transferTo(BufferSink sink) throws IOException;

    /**
     * Sends the rest of {@code in} (no buffer source) to {@code sink} through one 256 KiB heap
     * buffer.
     */
    static void copy(InputStream in, BufferSink sink) throws IOException {
      byte[] buf = new byte[256 * 1024];
      for (int n; (n = in.read(buf, 0, buf.length)) != -1; ) {
        sink.write(ByteBuffer.wrap(buf, 0, n));
      }
    }
  }

  /** Receives bytes from a {@link BufferSource}; must consume each buffer before returning. */
  @FunctionalInterface
  interface BufferSink {
    void write(ByteBuffer buffer) throws IOException;

    /**
     * This sink with its failures (and those of anything it runs, such as a whole-object check)
     * wrapped in {@link SinkFailure}, so that sources stacked on one another (a replica's read
     * under a failover under an object's read) pass a failure of the receiver up unchanged instead
     * of taking it for one of their own.
     */
    default BufferSink guarded() {
      return b -> {
        try {
          write(b);
        } catch (SinkFailure e) {
          throw e;
        } catch (IOException | RuntimeException e) {
          throw new SinkFailure(e);
        }
      };
    }
  }

  /** A {@link BufferSink#guarded} sink's own failure, on its way up through the sources. */
  final class SinkFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    SinkFailure(Exception cause) {
      super(cause);
    }

    /**
     * The sink's failure as it was: thrown when unchecked, returned (to be thrown) when an
     * IOException.
     */
    public @Nullable IOException unwrap() {
      if (getCause() instanceof RuntimeException r) throw r;
      return (IOException) getCause();
    }
  }

  @Override
  void close() throws IOException;
}
