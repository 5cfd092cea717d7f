package dev.dfs.s3;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Percent-decoding of request paths, query strings and header values that carry URI-encoded text
 * (x-amz-copy-source, x-amz-tagging). Malformed escapes are the client's fault: InvalidURI. Pure
 * and thread-safe.
 */
final class UriCodec {
  private UriCodec() {}

  /** Decodes a query string: {@code +} is a space, percent escapes are UTF-8. First value wins. */
  static Map<String, String> parseQuery(String rawQuery) {
    Map<String, String> out = new LinkedHashMap<>();
    if (rawQuery == null || rawQuery.isEmpty()) return out;
    for (String pair : rawQuery.split("&")) {
      if (pair.isEmpty()) continue;
      int eq = pair.indexOf('=');
      String name = formDecode(eq < 0 ? pair : pair.substring(0, eq));
      String value = eq < 0 ? "" : formDecode(pair.substring(eq + 1));
      out.putIfAbsent(name, value);
    }
    return out;
  }

  static String formDecode(String s) {
    return percentDecode(s.replace('+', ' '));
  }

  /**
   * Decodes percent escapes as UTF-8; {@code +} stays {@code +} (in a path it is a literal plus, as
   * RFC 3986 says and SDKs assume: they send a space as {@code %20}).
   *
   * @throws S3Exception InvalidURI for a truncated or non-hex escape, or escapes that do not form
   *     valid UTF-8
   */
  public static String percentDecode(String s) {
    if (s.indexOf('%') < 0) return s;
    ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
    for (int i = 0; i < s.length(); ) {
      char c = s.charAt(i);
      if (c == '%') {
        int hi = i + 2 < s.length() ? hexValue(s.charAt(i + 1)) : -1;
        int lo = i + 2 < s.length() ? hexValue(s.charAt(i + 2)) : -1;
        if (hi < 0 || lo < 0) {
          throw new S3Exception(S3ErrorCode.INVALID_URI, "Invalid percent-encoding in URI.");
        }
        out.write((hi << 4) | lo);
        i += 3;
      } else {
        int cp = s.codePointAt(i);
        byte[] b = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8);
        out.write(b, 0, b.length);
        i += Character.charCount(cp);
      }
    }
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(out.toByteArray()))
          .toString();
    } catch (CharacterCodingException e) {
      throw new S3Exception(S3ErrorCode.INVALID_URI); // S3's "Couldn't parse the specified URI."
    }
  }

  /** The value of an ASCII hex digit, else -1 ({@link Character#digit} accepts other scripts). */
  private static int hexValue(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  }
}
