package dev.dfs.store.cluster.data;

import dev.dfs.util.SingleByteRead;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.zip.CRC32C;
import org.jspecify.annotations.Nullable;

/**
 * Reads the framing {@link FrameOutput} writes and returns the data bytes of frames whose CRC32C
 * matched. End of data ({@code -1}) is returned only after the end frame (and, for a body, a
 * matching HMAC trailer); anything else (a short stream, a bad CRC, a bad trailer, an error frame,
 * an impossible length, more or fewer bytes than expected) is a {@link ReplicaException}, so a
 * caller can never take a cut-off or altered stream for a complete one. Memory: one frame. Not
 * thread-safe.
 */
final class FrameInput extends InputStream {
  private final InputStream in;
  private final @Nullable BodyMac mac;
  private final byte[] frame = new byte[FrameOutput.MAX_FRAME + 4];
  private final CRC32C crc = new CRC32C();
  private final long expected;
  private long total;
  private int pos;
  private int len;
  private boolean ended;

  /**
   * @param mac null for a response (no trailer), else the MAC of this request's body
   * @param expected the exact number of data bytes the stream must carry; negative: any
   */
  FrameInput(InputStream in, @Nullable BodyMac mac, long expected) {
    this.in = in;
    this.mac = mac;
    this.expected = expected;
  }

  @Override
  public int read() throws IOException {
    return SingleByteRead.of(this);
  }

  @Override
  public int read(byte[] b, int off, int n) throws IOException {
    if (n == 0) return 0;
    while (pos >= len) {
      if (ended) return -1;
      nextFrame();
    }
    int k = Math.min(n, len - pos);
    System.arraycopy(frame, pos, b, off, k);
    pos += k;
    return k;
  }

  @Override
  public int available() {
    return len - pos;
  }

  private void nextFrame() throws IOException {
    readFully(frame, 0, 4);
    int n = getInt(frame, 0);
    if (n == FrameOutput.END) {
      if (expected >= 0 && total != expected) {
        throw new ReplicaException(
            ReplicaFault.UNREACHABLE, "stream ended after " + total + " of " + expected + " bytes");
      }
      finishTrailer();
      ended = true;
      pos = len = 0;
      return;
    }
    if (n == FrameOutput.ERROR) {
      throw new ReplicaException(ReplicaFault.DAMAGED, "the sending node could not read its copy");
    }
    if (n < 0 || n > FrameOutput.MAX_FRAME) {
      throw new ReplicaException(ReplicaFault.UNREACHABLE, "bad frame length " + n);
    }
    readFully(frame, 0, n + 4);
    crc.reset();
    crc.update(frame, 0, n);
    if ((int) crc.getValue() != getInt(frame, n)) {
      throw new ReplicaException(ReplicaFault.UNREACHABLE, "frame checksum mismatch in transit");
    }
    total += n;
    if (expected >= 0 && total > expected) {
      throw new ReplicaException(
          ReplicaFault.UNREACHABLE, "stream carries more than " + expected + " bytes");
    }
    if (mac != null) mac.update(frame, 0, n);
    pos = 0;
    len = n;
  }

  private void finishTrailer() throws IOException {
    if (mac == null) return;
    byte[] tag = new byte[BodyMac.LENGTH];
    readFully(tag, 0, tag.length);
    if (!MessageDigest.isEqual(tag, mac.finish())) {
      throw new ReplicaException(
          ReplicaFault.UNREACHABLE, "body trailer does not authenticate the body");
    }
  }

  private void readFully(byte[] b, int off, int n) throws IOException {
    while (n > 0) {
      int r;
      try {
        r = in.read(b, off, n);
      } catch (ReplicaException e) {
        throw e;
      } catch (IOException e) {
        throw new ReplicaException(ReplicaFault.UNREACHABLE, "stream failed: " + e, e);
      }
      if (r < 0)
        throw new ReplicaException(ReplicaFault.UNREACHABLE, "stream cut off", new EOFException());
      off += r;
      n -= r;
    }
  }

  static int getInt(byte[] b, int at) {
    return ((b[at] & 0xFF) << 24)
        | ((b[at + 1] & 0xFF) << 16)
        | ((b[at + 2] & 0xFF) << 8)
        | (b[at + 3] & 0xFF);
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
