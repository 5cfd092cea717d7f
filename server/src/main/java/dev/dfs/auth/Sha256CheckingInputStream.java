package dev.dfs.auth;

import dev.dfs.util.BodyException;
import dev.dfs.util.Hex;
import dev.dfs.util.SingleByteRead;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;

/**
 * Passes a body through while hashing it, and throws {@link BodyException} with {@code
 * CONTENT_SHA256_MISMATCH} from the read that reaches the end when the SHA-256 differs from
 * {@code x-amz-content-sha256}. Not thread-safe (one reader, like any stream).
 */
final class Sha256CheckingInputStream extends InputStream {
  private final InputStream in;
  private final String expectedHex;
  private final MessageDigest digest = Sha256.newDigest();
  private boolean done;
  private BodyException failure;

  /** @param expectedHex the announced hash, lower-case hex */
  Sha256CheckingInputStream(InputStream in, String expectedHex) {
    this.in = in;
    this.expectedHex = expectedHex;
  }

  @Override
  public int read() throws IOException {
    return SingleByteRead.of(this);
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (failure != null) throw failure;
    if (done) return -1;
    if (len == 0) return 0;
    int n = in.read(b, off, len);
    if (n > 0) {
      digest.update(b, off, n);
      return n;
    }
    if (n < 0) {
      done = true;
      String actual = Hex.encode(digest.digest());
      if (!actual.equals(expectedHex)) {
        failure =
            new BodyException(
                BodyException.Fault.CONTENT_SHA256_MISMATCH,
                "The provided 'x-amz-content-sha256' header does not match what was computed.");
        throw failure;
      }
    }
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    // Skipped bytes still have to be hashed.
    if (n <= 0) return 0;
    byte[] scratch = new byte[(int) Math.min(Math.max(n, 0), 8192)];
    long left = n;
    while (left > 0) {
      int r = read(scratch, 0, (int) Math.min(left, scratch.length));
      if (r < 0) break;
      left -= r;
    }
    return n - Math.max(left, 0);
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
