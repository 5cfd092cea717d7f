package dev.dfs.auth;

import dev.dfs.util.BodyException;
import org.jspecify.annotations.Nullable;

/**
 * One aws-chunked chunk header line, {@code <hex-size>[;chunk-signature=<sig>]} (CRLF already
 * removed). Other well-formed extensions are ignored; anything else is malformed.
 *
 * @param size the chunk's data length
 * @param signature the {@code chunk-signature} extension, or null
 */
record ChunkHeader(long size, @Nullable String signature) {
  /** Sizes above 2^56 are refused (more than any object S3 accepts). */
  private static final int MAX_HEX_DIGITS = 14;

  static ChunkHeader parse(String line) throws BodyException {
    int semi = line.indexOf(';');
    String hex = semi < 0 ? line : line.substring(0, semi);
    long size = parseSize(hex);
    String signature = null;
    if (semi >= 0) {
      for (String ext : line.substring(semi + 1).split(";", -1)) {
        int eq = ext.indexOf('=');
        String name = eq < 0 ? ext : ext.substring(0, eq);
        String value = eq < 0 ? "" : ext.substring(eq + 1);
        if (!isToken(name) || (eq >= 0 && !isToken(value))) {
          throw malformed("Invalid chunk extension");
        }
        if (name.equals("chunk-signature")) {
          if (signature != null) throw malformed("Duplicate chunk-signature");
          signature = value;
        }
      }
    }
    return new ChunkHeader(size, signature);
  }

  private static long parseSize(String hex) throws BodyException {
    if (hex.isEmpty() || hex.length() > MAX_HEX_DIGITS) throw malformed("Invalid chunk size");
    long size = 0;
    for (int i = 0; i < hex.length(); i++) {
      int d = Character.digit(hex.charAt(i), 16);
      if (d < 0) throw malformed("Invalid chunk size");
      size = (size << 4) | d;
    }
    return size;
  }

  private static boolean isToken(String s) {
    if (s.isEmpty()) return false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c <= ' ' || c >= 0x7F || c == ';' || c == '=') return false;
    }
    return true;
  }

  static BodyException malformed(String message) {
    return new BodyException(BodyException.Fault.MALFORMED_CHUNK, message);
  }
}
