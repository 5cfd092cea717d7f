package dev.dfs.auth;

import dev.dfs.util.BodyException;
import dev.dfs.util.Hex;
import dev.dfs.util.SingleByteRead;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import org.jspecify.annotations.Nullable;

/**
 * Passes a body through while hashing it, and throws {@link BodyException} with {@code
 * CONTENT_SHA256_MISMATCH} when its SHA-256 differs from {@code x-amz-content-sha256}.
 *
 * <p>With a declared length (Content-Length) the check runs inside the read that consumes the last
 * declared byte, and that read throws instead of handing the bytes out: a consumer that stops after
 * exactly the declared length (as the storage engines do) never sees an unverified end of the body,
 * so it cannot commit a body the signature does not cover. A body that ends before its declared
 * length fails with {@code INCOMPLETE_BODY}; reads never ask the underlying stream for more than
 * the declared length. Without a declared length the check runs at the end of the stream. A failure
 * is sticky. Not thread-safe (one reader).
 */
final class Sha256CheckingInputStream extends InputStream {
  private final InputStream in;
  private final String expectedHex;
  private final long declaredLength;
  private final MessageDigest digest = Sha256.newDigest();
  private long count;
  private boolean done;
  private @Nullable BodyException failure;

  /**
   * @param expectedHex the announced hash, lower-case hex
   * @param declaredLength the body's length (Content-Length), or -1 when unknown
   */
  Sha256CheckingInputStream(InputStream in, String expectedHex, long declaredLength) {
    this.in = in;
    this.expectedHex = expectedHex;
    this.declaredLength = declaredLength;
  }

  @Override
  public int read() throws IOException {
    return SingleByteRead.of(this);
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (failure != null) throw failure;
    if (done) return -1;
    if (declaredLength >= 0 && count == declaredLength) {
      finish(); // an empty declared body: verified on its first read
      return -1;
    }
    if (len == 0) return 0;
    int want = declaredLength >= 0 ? (int) Math.min(len, declaredLength - count) : len;
    int n = in.read(b, off, want);
    if (n > 0) {
      digest.update(b, off, n);
      count += n;
      if (count == declaredLength) finish();
      return n;
    }
    if (n < 0) {
      if (declaredLength >= 0) {
        throw fail(
            BodyException.Fault.INCOMPLETE_BODY,
            "The body ended after "
                + count
                + " of the "
                + declaredLength
                + " bytes its Content-Length announced.");
      }
      finish();
    }
    return n;
  }

  /** Ends the body: compares the hash, throws the mismatch. */
  private void finish() throws BodyException {
    done = true;
    String actual = Hex.encode(digest.digest());
    if (!actual.equals(expectedHex)) {
      throw fail(
          BodyException.Fault.CONTENT_SHA256_MISMATCH,
          "The provided 'x-amz-content-sha256' header does not match what was computed.");
    }
  }

  private BodyException fail(BodyException.Fault fault, String message) {
    failure = new BodyException(fault, message);
    return failure;
  }

  @Override
  public long skip(long n) throws IOException {
    // Skipped bytes still have to be hashed.
    if (n <= 0) return 0;
    byte[] scratch = new byte[(int) Math.min(n, 8192)];
    long left = n;
    while (left > 0) {
      int r = read(scratch, 0, (int) Math.min(left, scratch.length));
      if (r < 0) break;
      left -= r;
    }
    return n - left;
  }

  @Override
  public int available() throws IOException {
    return done ? 0 : in.available();
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
