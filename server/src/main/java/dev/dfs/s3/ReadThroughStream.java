package dev.dfs.s3;

import dev.dfs.util.SingleByteRead;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A request-body filter that does all its counting and checking in {@code read(byte[], int, int)}:
 * the single-byte {@code read()} and {@code skip(long)} go through it, so no byte escapes the
 * check.
 */
abstract class ReadThroughStream extends FilterInputStream {
  ReadThroughStream(InputStream in) {
    super(in);
  }

  @Override
  public abstract int read(byte[] b, int off, int len) throws IOException;

  @Override
  public final int read() throws IOException {
    return SingleByteRead.of(this);
  }

  @Override
  public final long skip(long n) throws IOException {
    return SingleByteRead.skip(this, n);
  }
}
