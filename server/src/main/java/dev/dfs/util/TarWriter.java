package dev.dfs.util;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes a POSIX ustar archive to a stream: regular files only, names up to 100 characters (no
 * long-name extensions), sizes beyond ustar's 8 GiB in the base-256 form GNU tar and bsdtar read.
 * {@code tar -x} unpacks it. Not thread-safe.
 */
public final class TarWriter {
  static final int BLOCK = 512;
  private final OutputStream out;
  private final long mtimeSeconds;
  private final byte[] buffer = new byte[64 * 1024];

  /**
   * @param mtimeSeconds the modification time every entry gets (seconds since the epoch)
   */
  public TarWriter(OutputStream out, long mtimeSeconds) {
    this.out = out;
    this.mtimeSeconds = mtimeSeconds;
  }

  /**
   * Writes one file of exactly {@code size} bytes from {@code data}.
   *
   * @throws IOException when {@code data} ends early, or the name does not fit
   */
  public void add(String name, long size, InputStream data) throws IOException {
    out.write(header(name, size));
    long left = size;
    while (left > 0) {
      int n = data.read(buffer, 0, (int) Math.min(buffer.length, left));
      if (n < 0) throw new IOException(name + " ended " + left + " bytes before its size " + size);
      out.write(buffer, 0, n);
      left -= n;
    }
    int pad = (int) ((BLOCK - size % BLOCK) % BLOCK);
    out.write(new byte[pad]);
  }

  /** Writes the end-of-archive marker (two zero blocks) and flushes; the stream stays open. */
  public void finish() throws IOException {
    out.write(new byte[2 * BLOCK]);
    out.flush();
  }

  private byte[] header(String name, long size) throws IOException {
    byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
    if (nameBytes.length > 100) throw new IOException("tar entry name too long: " + name);
    byte[] h = new byte[BLOCK];
    System.arraycopy(nameBytes, 0, h, 0, nameBytes.length);
    octal(h, 100, 8, 0644);
    octal(h, 108, 8, 0);
    octal(h, 116, 8, 0);
    if (size < 077777777777L) {
      octal(h, 124, 12, size);
    } else {
      h[124] = (byte) 0x80; // base-256: the remaining 11 bytes big-endian
      for (int i = 0; i < 8; i++) h[135 - i] = (byte) (size >>> (8 * i));
    }
    octal(h, 136, 12, mtimeSeconds);
    h[156] = '0';
    byte[] magic = "ustar\00000".getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(magic, 0, h, 257, magic.length);
    for (int i = 148; i < 156; i++) h[i] = ' ';
    long sum = 0;
    for (byte b : h) sum += b & 0xff;
    octal(h, 148, 7, sum);
    return h;
  }

  /** {@code value} in octal, zero-padded to {@code width - 1} digits and a NUL. */
  private static void octal(byte[] h, int at, int width, long value) {
    String s = Long.toOctalString(value);
    String padded = "0".repeat(width - 1 - s.length()) + s;
    byte[] b = padded.getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(b, 0, h, at, b.length);
    h[at + width - 1] = 0;
  }
}
