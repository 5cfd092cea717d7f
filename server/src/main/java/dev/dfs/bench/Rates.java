package dev.dfs.bench;

/** Rates over an elapsed time. MB means 10^6 bytes, as in most storage benchmarks' MB/s. */
public final class Rates {
  public static final double MB = 1_000_000.0;

  private Rates() {}

  /** {@code count} per second over {@code nanos}; 0 for an empty interval. */
  public static double perSecond(long count, long nanos) {
    return nanos <= 0 ? 0 : count * 1e9 / nanos;
  }

  /** Megabytes (10^6 bytes) per second over {@code nanos}. */
  public static double mbPerSecond(long bytes, long nanos) {
    return perSecond(bytes, nanos) / MB;
  }

  /** Nanoseconds as milliseconds. */
  public static double millis(long nanos) {
    return nanos / 1e6;
  }
}
