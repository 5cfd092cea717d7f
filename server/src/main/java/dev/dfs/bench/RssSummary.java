package dev.dfs.bench;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The server's resident memory over a soak run: extremes, median, and the trend (the least-squares
 * slope over all samples, in bytes per hour), plus the samples themselves.
 *
 * @param source where the figures were read
 * @param trendBytesPerHour slope of the fitted line; 0 with fewer than two samples
 * @param secondHalfTrendBytesPerHour the same over the later half of the samples only: heap and
 *     caches grow at first, so a leak shows as a slope that stays positive once they are warm
 * @param failedSamples samples that could not be read (server busy, /metrics off)
 */
public record RssSummary(
    String source,
    int samples,
    int failedSamples,
    long minBytes,
    long medianBytes,
    long maxBytes,
    long firstBytes,
    long lastBytes,
    double trendBytesPerHour,
    double secondHalfTrendBytesPerHour,
    List<Sample> series) {

  /** One reading, {@code seconds} after measurement started. */
  public record Sample(double seconds, long bytes) {}

  /** Summarises {@code series}; null when there is no sample at all. */
  static @Nullable RssSummary of(String source, List<Sample> series, int failed) {
    if (series.isEmpty()) return null;
    long[] sorted = series.stream().mapToLong(Sample::bytes).sorted().toArray();
    long median =
        sorted.length % 2 == 1
            ? sorted[sorted.length / 2]
            : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
    return new RssSummary(
        source,
        series.size(),
        failed,
        sorted[0],
        median,
        sorted[sorted.length - 1],
        series.get(0).bytes(),
        series.get(series.size() - 1).bytes(),
        slopePerHour(series),
        slopePerHour(series.subList(series.size() / 2, series.size())),
        List.copyOf(series));
  }

  /** Least-squares slope of bytes over time, scaled to one hour. */
  static double slopePerHour(List<Sample> series) {
    int n = series.size();
    if (n < 2) return 0;
    double mt = series.stream().mapToDouble(Sample::seconds).average().orElse(0);
    double mb = series.stream().mapToDouble(Sample::bytes).average().orElse(0);
    double cov = 0;
    double var = 0;
    for (Sample s : series) {
      cov += (s.seconds() - mt) * (s.bytes() - mb);
      var += (s.seconds() - mt) * (s.seconds() - mt);
    }
    return var == 0 ? 0 : cov / var * 3600;
  }

  /** {@code server RSS: min 210 MiB, median 250 MiB, max 270 MiB, ...} for the result table. */
  String describe() {
    return String.format(
        java.util.Locale.ROOT,
        "server RSS (%d samples%s): min %s, median %s, max %s; first %s, last %s; trend %+.1f MiB/h (second half %+.1f MiB/h)",
        samples,
        failedSamples > 0 ? ", " + failedSamples + " unreadable" : "",
        mib(minBytes),
        mib(medianBytes),
        mib(maxBytes),
        mib(firstBytes),
        mib(lastBytes),
        trendBytesPerHour / (1 << 20),
        secondHalfTrendBytesPerHour / (1 << 20));
  }

  static String mib(long bytes) {
    return String.format(java.util.Locale.ROOT, "%.1f MiB", bytes / (double) (1 << 20));
  }
}
