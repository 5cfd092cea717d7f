package dev.dfs.store.cluster.data;

import java.io.IOException;
import java.io.OutputStream;
import java.util.zip.CRC32C;
import org.jspecify.annotations.Nullable;

/**
 * Writes the framing of chunk bytes on the node-to-node wire (both directions):
 *
 * <pre>
 *   data frame   i32 length (1..MAX_FRAME), the bytes, i32 CRC32C of the bytes
 *   end          i32 0, then (bodies only) the 16-byte {@link BodyMac} trailer
 *   error        i32 -1, u8 reason (the sender could not produce verified bytes)
 * </pre>
 *
 * The CRC of every frame lets the receiver use a frame only once it is known intact, so a reader
 * hands out nothing unverified and a writer persists nothing unverified; the trailer of a request
 * body is the {@link BodyMac} of every data byte under a key derived from the request's signature,
 * which binds the body to the authenticated request. Each {@code write} call is copied into one
 * frame buffer and goes out as one write (no per-byte buffering beyond one frame). Not thread-safe.
 */
final class FrameOutput extends OutputStream {
  static final int MAX_FRAME = 256 * 1024;
  static final int END = 0;
  static final int ERROR = -1;
  static final int REASON_DAMAGED = 1;

  private final OutputStream out;
  private final @Nullable BodyMac mac;
  private final byte[] frame = new byte[MAX_FRAME + 8];
  private final CRC32C crc = new CRC32C();
  private boolean finished;

  /**
   * @param mac null for a response (no trailer), else the MAC of this request's body
   */
  FrameOutput(OutputStream out, @Nullable BodyMac mac) {
    this.out = out;
    this.mac = mac;
  }

  @Override
  public void write(int b) throws IOException {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    if (finished) throw new IOException("frames already finished");
    while (len > 0) {
      int n = Math.min(len, MAX_FRAME);
      putInt(frame, 0, n);
      System.arraycopy(b, off, frame, 4, n);
      crc.reset();
      crc.update(b, off, n);
      putInt(frame, 4 + n, (int) crc.getValue());
      if (mac != null) mac.update(b, off, n);
      out.write(frame, 0, n + 8);
      off += n;
      len -= n;
    }
  }

  /** Writes the end frame (and the trailer) and flushes; the stream is then complete. */
  void finish() throws IOException {
    if (finished) return;
    finished = true;
    putInt(frame, 0, END);
    int n = 4;
    if (mac != null) {
      byte[] tag = mac.finish();
      System.arraycopy(tag, 0, frame, 4, tag.length);
      n += tag.length;
    }
    out.write(frame, 0, n);
    out.flush();
  }

  /** Tells the receiver the rest cannot be produced (after some frames were sent). */
  void fail(int reason) throws IOException {
    if (finished) return;
    finished = true;
    putInt(frame, 0, ERROR);
    frame[4] = (byte) reason;
    out.write(frame, 0, 5);
    out.flush();
  }

  static void putInt(byte[] b, int at, int v) {
    b[at] = (byte) (v >>> 24);
    b[at + 1] = (byte) (v >>> 16);
    b[at + 2] = (byte) (v >>> 8);
    b[at + 3] = (byte) v;
  }
}
