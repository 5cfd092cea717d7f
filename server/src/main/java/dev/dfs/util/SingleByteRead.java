package dev.dfs.util;

import java.io.IOException;
import java.io.InputStream;

/**
 * The single-byte {@code read()} and the {@code skip(long)} of the project's streams, which all do
 * their work in {@code read(byte[], int, int)}: one place instead of a copy per stream.
 */
public final class SingleByteRead {
  private SingleByteRead() {}

  /**
   * Reads one byte through {@code stream.read(byte[], int, int)}: the byte as 0-255, or -1 at the
   * end. Retries a read that returned 0 bytes, so a stream's empty read is never taken for a zero
   * byte.
   */
  public static int of(InputStream stream) throws IOException {
    byte[] one = new byte[1];
    int n;
    do {
      n = stream.read(one, 0, 1);
    } while (n == 0);
    return n < 0 ? -1 : one[0] & 0xFF;
  }

  /**
   * Skips up to {@code n} bytes by reading them through {@code stream.read(byte[], int, int)}, so
   * whatever that read checks or counts applies to skipped bytes too.
   *
   * @return the bytes skipped: fewer than {@code n} only at the end
   */
  public static long skip(InputStream stream, long n) throws IOException {
    byte[] buf = new byte[(int) Math.min(8192, Math.max(n, 1))];
    long skipped = 0;
    while (skipped < n) {
      int r = stream.read(buf, 0, (int) Math.min(buf.length, n - skipped));
      if (r < 0) break;
      skipped += r;
    }
    return skipped;
  }
}
