package dev.dfs.bench;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.SplittableRandom;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * Object contents without per-request buffers: every object is a window onto one shared random
 * buffer, repeated as often as needed, starting at an offset derived from its key. So any size
 * streams from a {@link Repeating} stream of known length, and a GET body can be checked against
 * what was written without storing it.
 */
final class Payload {
  static final int DEFAULT_BUFFER =
      (1 << 20) + 4093; // not a power of two: repeats don't align with parts

  private final byte[] data;

  Payload(int bufferSize, long seed) {
    data = new byte[bufferSize];
    SplittableRandom rnd = new SplittableRandom(seed);
    for (int i = 0; i < bufferSize; i += 8) {
      long v = rnd.nextLong();
      for (int k = 0; k < 8 && i + k < bufferSize; k++) data[i + k] = (byte) (v >>> (8 * k));
    }
  }

  Payload() {
    this(DEFAULT_BUFFER, 0x5EED_DF5L);
  }

  /** Where in the buffer the object {@code key} starts. */
  int offsetOf(String key) {
    return Math.floorMod(key.hashCode() * 0x9E3779B9, data.length);
  }

  /** A stream of bytes [from, from+length) of the object {@code key}. */
  InputStream stream(String key, long from, long length) {
    return new Repeating(data, (int) ((offsetOf(key) + from) % data.length), length);
  }

  /**
   * A request body for bytes [from, from+length) of {@code key}; re-openable for retries and
   * signing.
   */
  RequestBody body(String key, long from, long length) {
    return RequestBody.fromContentProvider(
        () -> stream(key, from, length), length, "application/octet-stream");
  }

  /**
   * Reads {@code in} to its end through {@code scratch}, comparing each byte with what {@link
   * #stream} gives for {@code key} when {@code verify}; returns the number of bytes read.
   */
  long drain(InputStream in, byte[] scratch, String key, boolean verify) throws IOException {
    long total = 0;
    int pos = offsetOf(key);
    int n;
    while ((n = in.read(scratch, 0, scratch.length)) >= 0) {
      if (verify) {
        int done = 0;
        while (done < n) {
          int len = Math.min(n - done, data.length - pos);
          if (Arrays.mismatch(scratch, done, done + len, data, pos, pos + len) >= 0) {
            throw new IOException("content mismatch in " + key + " near byte " + (total + done));
          }
          done += len;
          pos = (pos + len) % data.length;
        }
      }
      total += n;
    }
    return total;
  }

  /** {@code length} bytes of {@code data}, cyclically from {@code start}. Supports mark/reset. */
  static final class Repeating extends InputStream {
    private final byte[] data;
    private final int start;
    private final long length;
    private long position;
    private long mark;

    Repeating(byte[] data, int start, long length) {
      this.data = data;
      this.start = start;
      this.length = length;
    }

    @Override
    public int read() {
      if (position >= length) return -1;
      int b = data[(int) ((start + position) % data.length)] & 0xFF;
      position++;
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (len == 0) return 0;
      if (position >= length) return -1;
      int total = (int) Math.min(len, length - position);
      int done = 0;
      while (done < total) {
        int at = (int) ((start + position) % data.length);
        int chunk = Math.min(total - done, data.length - at);
        System.arraycopy(data, at, b, off + done, chunk);
        done += chunk;
        position += chunk;
      }
      return total;
    }

    @Override
    public long skip(long n) {
      long s = Math.max(0, Math.min(n, length - position));
      position += s;
      return s;
    }

    @Override
    public int available() {
      return (int) Math.min(Integer.MAX_VALUE, length - position);
    }

    @Override
    public boolean markSupported() {
      return true;
    }

    @Override
    public synchronized void mark(int readlimit) {
      mark = position;
    }

    @Override
    public synchronized void reset() {
      position = mark;
    }
  }
}
