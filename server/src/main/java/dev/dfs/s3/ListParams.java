package dev.dfs.s3;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The query parameters ListObjects v1 and v2 share, validated as S3 validates them.
 *
 * @param prefix {@code prefix}, "" when absent
 * @param delimiter {@code delimiter}, null when absent or empty (any string is allowed, not only
 *     {@code /})
 * @param maxKeys the effective page size: {@code max-keys} capped at {@link #MAX_KEYS}, which is
 *     also the default
 * @param urlEncoded whether {@code encoding-type=url} was asked for
 */
record ListParams(String prefix, @Nullable String delimiter, int maxKeys, boolean urlEncoded) {
  /** Largest page S3 returns, and the default. */
  static final int MAX_KEYS = 1000;

  /**
   * Reads the parameters of a listing request.
   *
   * @throws S3Exception InvalidArgument for a non-numeric, out-of-range or negative {@code
   *     max-keys} and for an {@code encoding-type} other than {@code url}
   */
  static ListParams parse(S3Request request) {
    String prefix = request.param("prefix");
    String delimiter = request.param("delimiter");
    return new ListParams(
        prefix == null ? "" : prefix,
        delimiter == null || delimiter.isEmpty() ? null : delimiter,
        maxKeys(request.param("max-keys")),
        urlEncoded(request.param("encoding-type")));
  }

  /** Parses {@code max-keys}: absent means 1000; larger values are capped at 1000. */
  static int maxKeys(@Nullable String value) {
    if (value == null) return MAX_KEYS;
    int n;
    try {
      n = Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw S3Exception.invalidArgument(
          "Provided max-keys not an integer or within integer range", "max-keys", value);
    }
    if (n < 0) {
      throw S3Exception.invalidArgument(
          "Argument maxKeys must be an integer between 0 and 2147483647", "maxKeys", value);
    }
    return Math.min(n, MAX_KEYS);
  }

  /** Whether {@code encoding-type} asks for url encoding; absent or empty means no. */
  static boolean urlEncoded(@Nullable String value) {
    if (value == null || value.isEmpty()) return false;
    if (value.toLowerCase(Locale.ROOT).equals(KeyEncoding.URL)) return true;
    throw S3Exception.invalidArgument(
        "Invalid Encoding Method specified in Request", "encoding-type", value);
  }

  /** {@code value} url-encoded when the client asked for it. */
  @Nullable String out(@Nullable String value) {
    return KeyEncoding.maybe(urlEncoded, value);
  }
}
