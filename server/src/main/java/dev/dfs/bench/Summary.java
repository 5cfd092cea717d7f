package dev.dfs.bench;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/** The reported figures of one operation over one interval, as they appear in JSON and tables. */
public record Summary(
    long ops,
    long errors,
    long bytes,
    long items,
    double opsPerSec,
    double mbPerSec,
    double itemsPerSec,
    Latency latencyMs) {

  /** Latency figures in milliseconds; percentiles by nearest rank from the histogram. */
  public record Latency(
      double min, double mean, double p50, double p90, double p99, double p999, double max) {
    static Latency of(LatencyHistogram h) {
      return new Latency(
          Rates.millis(h.min()),
          h.mean() / 1e6,
          Rates.millis(h.percentile(50)),
          Rates.millis(h.percentile(90)),
          Rates.millis(h.percentile(99)),
          Rates.millis(h.percentile(99.9)),
          Rates.millis(h.max()));
    }
  }

  static Summary of(OpTotals t, long nanos) {
    return new Summary(
        t.ops(),
        t.errors(),
        t.bytes(),
        t.items(),
        Rates.perSecond(t.ops(), nanos),
        Rates.mbPerSecond(t.bytes(), nanos),
        Rates.perSecond(t.items(), nanos),
        Latency.of(t.histogram()));
  }

  /**
   * Per-operation summaries of the operations that happened, keyed by label, in {@link Op} order.
   */
  static Map<String, Summary> byOp(EnumMap<Op, OpTotals> totals, long nanos) {
    Map<String, Summary> out = new LinkedHashMap<>();
    totals.forEach(
        (op, t) -> {
          if (!t.isEmpty()) out.put(op.label(), of(t, nanos));
        });
    return out;
  }

  /**
   * All operations together, except parts of multipart uploads (their bytes are already in the
   * uploads). Latency percentiles are over all those operations.
   */
  static OpTotals overall(EnumMap<Op, OpTotals> totals) {
    OpTotals all = new OpTotals();
    totals.forEach(
        (op, t) -> {
          if (op != Op.UPLOAD_PART) all.add(t);
        });
    return all;
  }
}
