package dev.dfs.auth;

import java.io.InputStream;
import java.util.Random;

/** Hands out its bytes 1..maxRead at a time, like a slow network; deterministic per seed. */
final class ShortReadStream extends InputStream {
  private final byte[] data;
  private final Random random;
  private final int maxRead;
  private int pos;

  ShortReadStream(byte[] data, long seed, int maxRead) {
    this.data = data;
    this.random = new Random(seed);
    this.maxRead = maxRead;
  }

  @Override
  public int read() {
    return pos < data.length ? data[pos++] & 0xFF : -1;
  }

  @Override
  public int read(byte[] b, int off, int len) {
    if (len == 0) return 0;
    if (pos >= data.length) return -1;
    int n = Math.min(Math.min(len, 1 + random.nextInt(maxRead)), data.length - pos);
    System.arraycopy(data, pos, b, off, n);
    pos += n;
    return n;
  }
}
