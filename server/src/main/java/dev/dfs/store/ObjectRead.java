package dev.dfs.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;

/**
 * An open read of one object version. {@link #info()} is known at once so the caller can check
 * conditions and resolve a Range before asking for bytes. The bytes stay readable until
 * {@link #close()} even if the object is overwritten or deleted meanwhile. The stream verifies
 * stored checksums as it goes and throws {@link IOException} on corruption. The caller must
 * close it. Not thread-safe.
 */
public interface ObjectRead extends AutoCloseable {
  ObjectInfo info();

  /**
   * The object's bytes, or only {@code range} of them when it is not null. Call at most once.
   */
  InputStream stream(ByteRange range) throws IOException;

  /**
   * Implemented by streams from {@link #stream} that can hand their bytes out as (direct)
   * buffers, verified like the stream, instead of being copied through a byte array. Use either
   * this or the stream's read methods.
   */
  interface BufferSource {
    /** Sends every remaining byte to {@code sink}, in order. */
    void transferTo(BufferSink sink) throws IOException;
  }

  /** Receives bytes from a {@link BufferSource}; must consume each buffer before returning. */
  @FunctionalInterface
  interface BufferSink {
    void write(ByteBuffer buffer) throws IOException;
  }

  @Override
  void close() throws IOException;
}
