package dev.dfs.s3;

import java.util.Base64;
import org.jspecify.annotations.Nullable;

/**
 * Strict decoding of the base64 digests clients send in headers (Content-MD5, SSE-C keys and key
 * MD5s, {@code x-amz-checksum-*}). Java's decoder accepts a value without its {@code =} padding and
 * one whose last character carries non-zero unused bits, so several strings decode to the same
 * digest; S3 accepts only the one canonical RFC 4648 form (padded, unused bits zero), and so does
 * DFS: a lenient value would be stored and echoed back in a form other clients do not expect.
 * Stateless, thread-safe.
 */
final class CanonicalBase64 {
  private CanonicalBase64() {}

  /** The bytes {@code value} encodes, or null when it is not canonical base64 of them. */
  static byte @Nullable [] decode(String value) {
    if (value == null) return null;
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(value);
    } catch (IllegalArgumentException e) {
      return null;
    }
    return Base64.getEncoder().encodeToString(bytes).equals(value) ? bytes : null;
  }
}
