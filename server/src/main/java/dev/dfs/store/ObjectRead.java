package dev.dfs.store;

import java.io.IOException;
import java.io.InputStream;

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

  @Override
  void close() throws IOException;
}
