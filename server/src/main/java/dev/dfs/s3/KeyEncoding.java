package dev.dfs.s3;

import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * The {@code encoding-type=url} encoding of key-like values in listing responses, as S3 writes it:
 * the UTF-8 bytes of the value, with letters, digits, {@code - _ . ~} and {@code /} kept and every
 * other byte, space and control characters included, as {@code %XX} (upper-case hex). So {@code "a
 * b+c/ü\n"} becomes {@code "a%20b%2Bc/%C3%BC%0A"}. A space is never {@code +}: clients that decode
 * with {@code unquote} (botocore) would keep the plus, and those that decode form data read {@code
 * %20} as well. Pure and thread-safe.
 */
public final class KeyEncoding {
  /** The only value of the {@code encoding-type} parameter S3 defines. */
  public static final String URL = "url";

  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private KeyEncoding() {}

  /** Encodes {@code value}. */
  public static String urlEncode(String value) {
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    StringBuilder out = new StringBuilder(bytes.length + 16);
    for (byte b : bytes) {
      int c = b & 0xFF;
      if (isKept(c)) {
        out.append((char) c);
      } else {
        out.append('%').append(HEX[c >>> 4]).append(HEX[c & 0xF]);
      }
    }
    return out.toString();
  }

  /** Encodes {@code value} when {@code encode} is set, else returns it unchanged. */
  static @Nullable String maybe(boolean encode, @Nullable String value) {
    return encode && value != null ? urlEncode(value) : value;
  }

  private static boolean isKept(int c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9')
        || c == '-'
        || c == '_'
        || c == '.'
        || c == '~'
        || c == '/';
  }
}
