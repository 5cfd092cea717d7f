package dev.dfs.store.tier;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * The next {@code length} bytes of a stream: reads end there (or earlier, where the stream ends).
 * Closing it closes the underlying stream only when it was made {@link #owning}; a {@link #slice}
 * leaves it open for the caller's next read. Not thread-safe (as the streams it wraps).
 */
final class BoundedInput extends FilterInputStream {
  private final boolean closesUnderlying;
  private long left;

  private BoundedInput(InputStream in, long length, boolean closesUnderlying) {
    super(in);
    this.left = length;
    this.closesUnderlying = closesUnderlying;
  }

  /** At most {@code length} bytes of {@code in}, which closing this closes. */
  static InputStream owning(InputStream in, long length) {
    return new BoundedInput(in, length, true);
  }

  /** The next {@code length} bytes of {@code in}, which stays open (and the caller's). */
  static InputStream slice(InputStream in, long length) {
    return new BoundedInput(in, length, false);
  }

  @Override
  public int read() throws IOException {
    if (left <= 0) return -1;
    int b = in.read();
    if (b >= 0) left--;
    return b;
  }

  @Override
  public int read(byte[] buf, int off, int len) throws IOException {
    if (left <= 0) return -1;
    int n = in.read(buf, off, (int) Math.min(len, left));
    if (n > 0) left -= n;
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    long skipped = in.skip(Math.min(n, left));
    left -= skipped;
    return skipped;
  }

  @Override
  public int available() throws IOException {
    return (int) Math.min(in.available(), left);
  }

  @Override
  public boolean markSupported() {
    return false;
  }

  @Override
  public void close() throws IOException {
    if (closesUnderlying) in.close();
  }
}
