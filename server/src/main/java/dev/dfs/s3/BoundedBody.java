package dev.dfs.s3;

import dev.dfs.util.BodyException;
import java.io.IOException;
import java.io.InputStream;

/**
 * A body whose size is checked while it streams: reading past {@code max} bytes throws {@link
 * BodyException} TOO_LARGE (400 EntityTooLarge), and reaching the end before {@code min} bytes
 * throws TOO_SMALL (400 EntityTooSmall), so the store never commits it. Used for a body of unknown
 * length (HTTP chunked without Content-Length) and for a POST form's {@code content-length-range}.
 * Not thread-safe (as any InputStream).
 */
final class BoundedBody extends ReadThroughStream {
  private final long min;
  private final long max;
  private long count;

  BoundedBody(InputStream in, long max) {
    this(in, 0, max);
  }

  BoundedBody(InputStream in, long min, long max) {
    super(in);
    this.min = min;
    this.max = max;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    int n = in.read(b, off, len);
    if (n > 0) {
      count += n;
      if (count > max) {
        throw new BodyException(
            BodyException.Fault.TOO_LARGE, "Your proposed upload exceeds the maximum allowed size");
      }
    } else if (n < 0 && count < min) {
      throw new BodyException(
          BodyException.Fault.TOO_SMALL,
          "Your proposed upload is smaller than the minimum allowed size");
    }
    return n;
  }

  @Override
  public boolean markSupported() {
    return false;
  }
}
