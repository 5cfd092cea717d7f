package dev.dfs.auth;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Percent-decoding and the SigV4 {@code UriEncode}: unreserved characters {@code A-Z a-z 0-9 - _ .
 * ~} stay, every other byte becomes {@code %XX} with upper-case hex. Stateless.
 */
final class UriEncoding {
  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private UriEncoding() {}

  /**
   * Decodes {@code %XX} escapes of {@code s} (and {@code '+'} as space when {@code plusIsSpace})
   * into bytes. An invalid escape is kept as the literal characters.
   */
  static byte[] decode(String s, boolean plusIsSpace) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
    int n = s.length();
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c == '%' && i + 2 < n) {
        int hi = Character.digit(s.charAt(i + 1), 16);
        int lo = Character.digit(s.charAt(i + 2), 16);
        if (hi >= 0 && lo >= 0) {
          out.write((hi << 4) | lo);
          i += 2;
          continue;
        }
      }
      if (c == '+' && plusIsSpace) {
        out.write(' ');
      } else if (c < 0x80) {
        out.write(c);
      } else {
        // Raw non-ASCII in the request line: take it as UTF-8.
        int end = i + 1;
        if (Character.isHighSurrogate(c) && end < n) end++;
        out.writeBytes(s.substring(i, end).getBytes(StandardCharsets.UTF_8));
        i = end - 1;
      }
    }
    return out.toByteArray();
  }

  /** {@code UriEncode(bytes)}; {@code '/'} is kept when {@code keepSlash}. */
  static void encode(byte[] bytes, boolean keepSlash, StringBuilder out) {
    for (byte b : bytes) {
      int c = b & 0xFF;
      if ((c >= 'A' && c <= 'Z')
          || (c >= 'a' && c <= 'z')
          || (c >= '0' && c <= '9')
          || c == '-'
          || c == '_'
          || c == '.'
          || c == '~'
          || (c == '/' && keepSlash)) {
        out.append((char) c);
      } else {
        out.append('%').append(HEX[c >>> 4]).append(HEX[c & 0xF]);
      }
    }
  }

  static String encode(String s) {
    StringBuilder out = new StringBuilder(s.length() + 8);
    encode(s.getBytes(StandardCharsets.UTF_8), false, out);
    return out.toString();
  }

  /**
   * The canonical URI of an S3 request: each segment of the path as sent is decoded once and
   * encoded again, so that {@code /a%20b}, {@code /a b} and {@code /test$file} all sign as the SDKs
   * sign them; slashes (also runs of them), {@code .} and {@code ..} stay where they are.
   */
  static String canonicalPath(String rawPath) {
    if (rawPath == null || rawPath.isEmpty()) return "/";
    StringBuilder out = new StringBuilder(rawPath.length() + 16);
    int start = 0;
    while (true) {
      int slash = rawPath.indexOf('/', start);
      int end = slash < 0 ? rawPath.length() : slash;
      if (end > start) encode(decode(rawPath.substring(start, end), false), false, out);
      if (slash < 0) break;
      out.append('/');
      start = slash + 1;
    }
    return out.toString();
  }

  /**
   * The canonical URIs a request may have been signed with: {@link #canonicalPath} and, when the
   * path carries an escaped slash ({@code %2F}), also the form in which that escape is a plain
   * {@code /} (how the AWS SDK for Java signs keys containing {@code //}).
   */
  static java.util.List<String> canonicalPathCandidates(String rawPath) {
    String exact = canonicalPath(rawPath);
    if (rawPath == null || !(rawPath.contains("%2F") || rawPath.contains("%2f"))) {
      return java.util.List.of(exact);
    }
    String slashes = canonicalPath(rawPath.replace("%2F", "/").replace("%2f", "/"));
    return slashes.equals(exact) ? java.util.List.of(exact) : java.util.List.of(exact, slashes);
  }
}
