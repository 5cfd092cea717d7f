package dev.dfs.s3;

import dev.dfs.store.ByteRange;
import java.util.Locale;
import java.util.Optional;

/**
 * A single byte range from a {@code Range} header: {@code bytes=a-b}, {@code bytes=a-} or {@code
 * bytes=-n}. As S3 does, a header that is not one well-formed byte range (other units, several
 * ranges, {@code a > b}, garbage) is ignored and the whole object is sent. Immutable.
 *
 * @param first first byte, or -1 for a suffix range
 * @param last last byte (inclusive), or -1 when open-ended or a suffix range
 * @param suffixLength for {@code bytes=-n}, n; else -1
 */
record RangeHeader(long first, long last, long suffixLength) {

  /** Parses a GET {@code Range} header; empty when absent or to be ignored. */
  static Optional<RangeHeader> parse(String header) {
    if (header == null) return Optional.empty();
    String h = header.trim();
    if (h.length() < 6 || !h.substring(0, 6).toLowerCase(Locale.ROOT).equals("bytes=")) {
      return Optional.empty();
    }
    String spec = h.substring(6).trim();
    int dash = spec.indexOf('-');
    if (dash < 0 || spec.indexOf(',') >= 0) return Optional.empty();
    String a = spec.substring(0, dash).trim();
    String b = spec.substring(dash + 1).trim();
    if (a.isEmpty()) {
      if (!isDigits(b)) return Optional.empty();
      return Optional.of(new RangeHeader(-1, -1, number(b)));
    }
    if (!isDigits(a)) return Optional.empty();
    long first = number(a);
    if (b.isEmpty()) return Optional.of(new RangeHeader(first, -1, -1));
    if (!isDigits(b)) return Optional.empty();
    long last = number(b);
    if (last < first) return Optional.empty();
    return Optional.of(new RangeHeader(first, last, -1));
  }

  /** The bytes this range selects of an object of {@code size}; empty when unsatisfiable. */
  Optional<ByteRange> resolve(long size) {
    if (size <= 0) return Optional.empty();
    if (suffixLength >= 0) {
      if (suffixLength == 0) return Optional.empty();
      return Optional.of(new ByteRange(Math.max(0, size - suffixLength), size - 1));
    }
    if (first >= size) return Optional.empty();
    long end = last < 0 ? size - 1 : Math.min(last, size - 1);
    return Optional.of(new ByteRange(first, end));
  }

  /** 416 InvalidRange for {@code header} against an object of {@code size}, as S3 words it. */
  static S3Exception notSatisfiable(String header, long size) {
    return new S3Exception(S3ErrorCode.INVALID_RANGE)
        .with("RangeRequested", header)
        .with("ActualObjectSize", Long.toString(size));
  }

  /** {@code bytes a-b/size}. */
  static String contentRange(ByteRange range, long size) {
    return "bytes " + range.first() + "-" + range.last() + "/" + size;
  }

  /**
   * Parses {@code x-amz-copy-source-range} strictly ({@code bytes=first-last} only) and checks it
   * against the source size, as S3 does for UploadPartCopy: malformed and out-of-bounds values are
   * both 400 InvalidArgument.
   */
  static ByteRange copySourceRange(String header, long sourceSize) {
    String h = header.trim();
    String spec = h.startsWith("bytes=") ? h.substring(6) : null;
    int dash = spec == null ? -1 : spec.indexOf('-');
    if (spec == null
        || dash <= 0
        || !isDigits(spec.substring(0, dash))
        || !isDigits(spec.substring(dash + 1))) {
      throw S3Exception.invalidArgument(
          "The x-amz-copy-source-range value must be of the form bytes=first-last where first"
              + " and last are the zero-based offsets of the first and last bytes to copy",
          "x-amz-copy-source-range",
          header);
    }
    long first = number(spec.substring(0, dash));
    long last = number(spec.substring(dash + 1));
    if (last < first) {
      throw S3Exception.invalidArgument(
          "Range specified is not valid for source object of size: " + sourceSize,
          "x-amz-copy-source-range",
          header);
    }
    if (last >= sourceSize) {
      // beyond the source: 416 InvalidRange, as S3 and Ceph RGW answer
      throw new S3Exception(
              S3ErrorCode.INVALID_RANGE,
              "Range specified is not valid for source object of size: " + sourceSize)
          .with("RangeRequested", header)
          .with("ActualObjectSize", Long.toString(sourceSize));
    }
    return new ByteRange(first, last);
  }

  private static boolean isDigits(String s) {
    if (s.isEmpty()) return false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') return false;
    }
    return true;
  }

  /** A decimal number of digits only; values beyond {@code Long.MAX_VALUE} saturate. */
  private static long number(String digits) {
    long v = 0;
    for (int i = 0; i < digits.length(); i++) {
      int d = digits.charAt(i) - '0';
      if (v > (Long.MAX_VALUE - d) / 10) return Long.MAX_VALUE;
      v = v * 10 + d;
    }
    return v;
  }
}
