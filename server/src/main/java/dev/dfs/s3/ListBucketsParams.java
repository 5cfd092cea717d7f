package dev.dfs.s3;

import org.jspecify.annotations.Nullable;

/**
 * The optional query parameters of ListBuckets.
 *
 * @param prefix only names starting with it, or null for all
 * @param region only buckets of this region ({@code bucket-region}), or null for all
 * @param maxBuckets page size ({@code max-buckets}, 1..10000); unlimited when absent
 * @param after only names after it (decoded {@code continuation-token}), or null
 */
record ListBucketsParams(
    @Nullable String prefix, @Nullable String region, int maxBuckets, @Nullable String after) {
  static final int MAX_BUCKETS = 10_000;

  /**
   * @throws S3Exception InvalidArgument for a bad {@code max-buckets} or token
   */
  static ListBucketsParams parse(S3Request r) {
    String token = r.param("continuation-token");
    return new ListBucketsParams(
        emptyToNull(r.param("prefix")),
        emptyToNull(r.param("bucket-region")),
        maxBuckets(r.param("max-buckets")),
        token == null ? null : ContinuationTokens.decode(token, "continuation-token"));
  }

  static int maxBuckets(@Nullable String value) {
    if (value == null) return Integer.MAX_VALUE;
    try {
      int n = Integer.parseInt(value.trim());
      if (n >= 1 && n <= MAX_BUCKETS) return n;
    } catch (NumberFormatException e) {
      // fall through to the error
    }
    throw S3Exception.invalidArgument(
        "Argument max-buckets must be an integer between 1 and 10000", "max-buckets", value);
  }

  /**
   * Whether a bucket belongs on this listing (bucket names are ASCII: String order is byte order).
   */
  boolean matches(String name, String bucketRegion) {
    return (prefix == null || name.startsWith(prefix))
        && (region == null || region.equals(bucketRegion))
        && (after == null || name.compareTo(after) > 0);
  }

  private static @Nullable String emptyToNull(@Nullable String s) {
    return s == null || s.isEmpty() ? null : s;
  }
}
