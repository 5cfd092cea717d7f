package dev.dfs.bench;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Arrays;

/**
 * A log-linear histogram of non-negative values (latencies in nanoseconds), in the manner of
 * HdrHistogram: values below {@value #LINEAR} each have their own bucket; above, every power of two
 * [2^e, 2^(e+1)) is split into {@value #HALF} equal buckets, so a bucket is never wider than
 * 1/{@value #HALF} of the values in it. Percentiles are reported as the highest value of the bucket
 * holding the rank (clamped to the exact maximum), hence never below the true value and at most
 * 0.79% above it. Fixed size (~58 KiB), no per-sample storage.
 *
 * <p>Not thread-safe: threads record into an {@link OpRecorder}, which a single thread drains into
 * instances of this class.
 */
public final class LatencyHistogram {
  static final int SUB_BITS = 8;

  /** Values below this are counted exactly. */
  static final int LINEAR = 1 << SUB_BITS;

  /** Buckets per power of two above {@link #LINEAR}. */
  static final int HALF = LINEAR / 2;

  /** Enough buckets for every non-negative long. */
  static final int BUCKETS = LINEAR + (63 - SUB_BITS) * HALF;

  private final long[] counts = new long[BUCKETS];
  private long count;
  private long min = Long.MAX_VALUE;
  private long max;
  private double sum;

  /** The bucket of {@code value} (negative values count as 0). */
  static int bucketOf(long value) {
    if (value < LINEAR) return value <= 0 ? 0 : (int) value;
    int e = 63 - Long.numberOfLeadingZeros(value);
    int shift = e - SUB_BITS + 1;
    return LINEAR + (e - SUB_BITS) * HALF + (int) ((value >>> shift) - HALF);
  }

  /** The smallest value that falls in bucket {@code index}. */
  static long lowestIn(int index) {
    if (index < LINEAR) return index;
    int k = index - LINEAR;
    int shift = k / HALF + 1;
    return (long) (HALF + k % HALF) << shift;
  }

  /** The largest value that falls in bucket {@code index}. */
  static long highestIn(int index) {
    if (index < LINEAR) return index;
    int shift = (index - LINEAR) / HALF + 1;
    return lowestIn(index) + (1L << shift) - 1;
  }

  public void record(long value) {
    long v = Math.max(0, value);
    counts[bucketOf(v)]++;
    count++;
    sum += v;
    if (v < min) min = v;
    if (v > max) max = v;
  }

  /** Adds {@code n} samples known only by bucket (used when draining an {@link OpRecorder}). */
  void addToBucket(int index, long n) {
    counts[index] += n;
    count += n;
  }

  /** Adds the exact extremes and sum of samples added by bucket. */
  void addExtremes(long minValue, long maxValue, double sumValue) {
    if (minValue < min) min = minValue;
    if (maxValue > max) max = maxValue;
    sum += sumValue;
  }

  public void add(LatencyHistogram other) {
    for (int i = 0; i < BUCKETS; i++) counts[i] += other.counts[i];
    count += other.count;
    sum += other.sum;
    // Merged even when other.count is 0: an interval drained from an OpRecorder may hold the
    // extreme of a sample whose bucket count landed in the neighbouring interval.
    min = Math.min(min, other.min);
    max = Math.max(max, other.max);
  }

  public void reset() {
    Arrays.fill(counts, 0);
    count = 0;
    min = Long.MAX_VALUE;
    max = 0;
    sum = 0;
  }

  public long count() {
    return count;
  }

  public long max() {
    return max;
  }

  public long min() {
    return count == 0 ? 0 : min;
  }

  public double mean() {
    return count == 0 ? 0 : sum / count;
  }

  /**
   * The value at {@code percentile} (0–100) by the nearest-rank method: the smallest recorded value
   * such that at least {@code percentile}% of all values are less or equal, up to bucket
   * resolution. 0 when empty.
   */
  public long percentile(double percentile) {
    if (count == 0) return 0;
    long rank = rank(percentile, count);
    long seen = 0;
    for (int i = 0; i < BUCKETS; i++) {
      seen += counts[i];
      if (seen >= rank) return Math.max(min, Math.min(max, highestIn(i)));
    }
    return max;
  }

  /**
   * The 1-based nearest rank of {@code percentile} among {@code n} sorted values: ceil(p/100·n), at
   * least 1.
   */
  static long rank(double percentile, long n) {
    if (!(percentile >= 0 && percentile <= 100)) {
      throw new IllegalArgumentException("percentile " + percentile + " not in [0, 100]");
    }
    long r =
        BigDecimal.valueOf(percentile)
            .multiply(BigDecimal.valueOf(n))
            .divide(BigDecimal.valueOf(100), 0, RoundingMode.CEILING)
            .longValueExact();
    return Math.max(1, Math.min(n, r));
  }
}
