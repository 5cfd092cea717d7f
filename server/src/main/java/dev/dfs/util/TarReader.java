package dev.dfs.util;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * Reads the archives {@link TarWriter} writes (and plain ustar ones): regular files only, each
 * header's checksum verified. Not thread-safe.
 */
public final class TarReader {
  private final InputStream in;
  private long left;
  private int pad;

  public TarReader(InputStream in) {
    this.in = in;
  }

  /**
   * One file of the archive: its name and size; read its bytes from {@link #data()} before the
   * next.
   */
  public record Entry(String name, long size) {}

  /**
   * The next file, skipping what was left unread of the previous one; null at the end marker.
   *
   * @throws IOException when the archive is truncated or a header is damaged or not a file
   */
  public @Nullable Entry next() throws IOException {
    skip(left + pad);
    left = 0;
    pad = 0;
    byte[] h = in.readNBytes(TarWriter.BLOCK);
    if (h.length < TarWriter.BLOCK)
      throw new EOFException("the archive ends without its end marker");
    if (allZero(h)) return null;
    verifyChecksum(h);
    if (h[156] != '0' && h[156] != 0) {
      throw new IOException("unexpected tar entry type '" + (char) h[156] + "'");
    }
    int end = 0;
    while (end < 100 && h[end] != 0) end++;
    String name = new String(h, 0, end, StandardCharsets.UTF_8);
    long size = size(h);
    left = size;
    pad = (int) ((TarWriter.BLOCK - size % TarWriter.BLOCK) % TarWriter.BLOCK);
    return new Entry(name, size);
  }

  /** The current entry's bytes (exactly its size; closing it does not close the archive). */
  public InputStream data() {
    return new InputStream() {
      @Override
      public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        if (left == 0) return -1;
        int n = in.read(b, off, (int) Math.min(len, left));
        if (n < 0) throw new EOFException("the archive ends inside a file");
        left -= n;
        return n;
      }
    };
  }

  private void skip(long n) throws IOException {
    while (n > 0) {
      long s = in.skip(n);
      if (s <= 0) {
        if (in.read() < 0) throw new EOFException("the archive ends inside a file");
        s = 1;
      }
      n -= s;
    }
  }

  private static boolean allZero(byte[] h) {
    for (byte b : h) {
      if (b != 0) return false;
    }
    return true;
  }

  private static void verifyChecksum(byte[] h) throws IOException {
    long sum = 0;
    for (int i = 0; i < TarWriter.BLOCK; i++) sum += (i >= 148 && i < 156) ? ' ' : h[i] & 0xff;
    if (sum != octal(h, 148, 8)) throw new IOException("damaged tar header (checksum)");
  }

  private static long size(byte[] h) throws IOException {
    if ((h[124] & 0x80) != 0) {
      long v = 0;
      for (int i = 125; i < 136; i++) v = (v << 8) | (h[i] & 0xff);
      return v;
    }
    return octal(h, 124, 12);
  }

  private static long octal(byte[] h, int at, int width) throws IOException {
    long v = 0;
    boolean digits = false;
    for (int i = at; i < at + width; i++) {
      int c = h[i];
      if (c == 0 || c == ' ') {
        if (digits) break;
        continue;
      }
      digits = true;
      if (c < '0' || c > '7') throw new IOException("damaged tar header (number)");
      v = v * 8 + (c - '0');
    }
    return v;
  }
}
