package dev.dfs.observe;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Sliding-window view of the cumulative S3 counters. A sampler calls {@link #sample()} every {@link
 * #SAMPLE_SECONDS} seconds; it keeps samples for two windows. {@link #stats()} diffs the live
 * totals against the newest sample at least one window old (or the first sample), so serving the
 * dashboard costs one pass over a few dozen counters and nothing is added to the per-request path.
 * Thread-safe.
 */
public final class RequestWindow {
  /** Length of the window rates are computed over. */
  public static final int WINDOW_SECONDS = 60;

  /** Interval of {@link #sample()}. */
  public static final int SAMPLE_SECONDS = 5;

  private static final long WINDOW_NANOS = WINDOW_SECONDS * 1_000_000_000L;

  private final S3Metrics metrics;
  private final ArrayDeque<S3Metrics.Totals> samples = new ArrayDeque<>();
  private volatile long lastSampleNanos;

  RequestWindow(S3Metrics metrics) {
    this.metrics = metrics;
    sample();
  }

  /** Takes a sample of the cumulative totals and drops those older than two windows. */
  public void sample() {
    S3Metrics.Totals t = metrics.totals();
    synchronized (samples) {
      samples.addLast(t);
      while (samples.size() > 2
          && t.nanos() - samples.peekFirst().nanos() > 2 * WINDOW_NANOS + 2_000_000_000L) {
        samples.removeFirst();
      }
    }
    lastSampleNanos = t.nanos();
  }

  /** When the last sample was taken ({@link System#nanoTime()}). */
  public long lastSampleNanos() {
    return lastSampleNanos;
  }

  /** The figures over the last window, computed now. */
  public WindowStats stats() {
    S3Metrics.Totals now = metrics.totals();
    S3Metrics.Totals base;
    S3Metrics.Totals before = null;
    synchronized (samples) {
      base = samples.peekFirst();
      Iterator<S3Metrics.Totals> it = samples.descendingIterator();
      while (it.hasNext()) {
        S3Metrics.Totals s = it.next();
        if (now.nanos() - s.nanos() >= WINDOW_NANOS) {
          base = s;
          break;
        }
      }
      for (S3Metrics.Totals s : samples) {
        if (base.nanos() - s.nanos() >= WINDOW_NANOS) before = s;
      }
    }
    double secs = Math.max(1e-3, (now.nanos() - base.nanos()) / 1e9);
    long requests = now.requests() - base.requests();
    long c4 = now.clientErrors() - base.clientErrors();
    long c5 = now.serverErrors() - base.serverErrors();
    long prev5 = before == null ? -1 : base.serverErrors() - before.serverErrors();
    long bytes = (now.bytesIn() - base.bytesIn()) + (now.bytesOut() - base.bytesOut());
    return new WindowStats(
        secs,
        requests,
        requests / secs,
        c4,
        c5,
        prev5,
        requests == 0 ? 0 : (double) (c4 + c5) / requests,
        now.bytesIn(),
        now.bytesOut(),
        bytes / 1e6 / secs,
        now.skewRejections() - base.skewRejections(),
        now.skewRejections(),
        latency(now, base));
  }

  private static Map<String, Map<String, Double>> latency(
      S3Metrics.Totals now, S3Metrics.Totals base) {
    List<Double> bounds = S3Metrics.bucketBounds();
    Map<String, Map<String, Double>> out = new TreeMap<>();
    for (Map.Entry<String, long[]> e : now.latencyBuckets().entrySet()) {
      long[] cur = e.getValue();
      long[] old = base.latencyBuckets().get(e.getKey());
      long[] diff = new long[cur.length];
      long total = 0;
      for (int i = 0; i < cur.length; i++) {
        diff[i] = cur[i] - (old == null || i >= old.length ? 0 : old[i]);
        total += diff[i];
      }
      if (total == 0) continue;
      Map<String, Double> p = new LinkedHashMap<>();
      p.put("p50", percentileMs(diff, total, 0.50, bounds));
      p.put("p99", percentileMs(diff, total, 0.99, bounds));
      out.put(e.getKey(), p);
    }
    return out;
  }

  /**
   * Upper bound (ms) of the bucket holding the {@code q} quantile; the last finite bound for +Inf.
   */
  static double percentileMs(long[] counts, long total, double q, List<Double> bounds) {
    long rank = (long) Math.ceil(q * total);
    long seen = 0;
    for (int i = 0; i < counts.length; i++) {
      seen += counts[i];
      if (seen >= rank) {
        double b = i < bounds.size() ? bounds.get(i) : Double.POSITIVE_INFINITY;
        if (Double.isInfinite(b)) b = bounds.get(bounds.size() - 2);
        return b * 1000;
      }
    }
    return bounds.get(bounds.size() - 2) * 1000;
  }
}
