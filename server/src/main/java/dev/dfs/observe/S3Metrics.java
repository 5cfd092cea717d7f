package dev.dfs.observe;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The S3 endpoint's request metrics:
 *
 * <ul>
 *   <li>{@code dfs_s3_requests_total{operation,status}}
 *   <li>{@code dfs_s3_request_duration_seconds{operation}} (classic histogram)
 *   <li>{@code dfs_s3_bytes_received_total}, {@code dfs_s3_bytes_sent_total}
 *   <li>{@code dfs_s3_requests_in_flight}
 *   <li>{@code dfs_s3_clock_skew_rejections_total}
 * </ul>
 *
 * each with the constant {@code engine} label. Per request the cost is a few striped-counter
 * increments ({@link LongAdder}, Prometheus data points) and one histogram observation.
 * Thread-safe.
 */
public final class S3Metrics {
  /** Bucket bounds in seconds: 1 ms … 60 s. */
  static final double[] DURATION_BOUNDS = {
    0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60
  };

  private final Counter requests;
  private final Histogram duration;
  private final LongAdder bytesIn = new LongAdder();
  private final LongAdder bytesOut = new LongAdder();
  private final LongAdder inFlight = new LongAdder();
  private final LongAdder skewRejections = new LongAdder();
  private final Map<String, OperationMetrics> operations = new ConcurrentHashMap<>();

  S3Metrics(PrometheusRegistry registry, Labels constLabels) {
    requests =
        Counter.builder()
            .name("dfs_s3_requests_total")
            .help("S3 requests answered, by operation and HTTP status")
            .labelNames("operation", "status")
            .constLabels(constLabels)
            .withoutExemplars()
            .register(registry);
    duration =
        Histogram.builder()
            .name("dfs_s3_request_duration_seconds")
            .help("Time from request arrival to the end of the response, by operation")
            .labelNames("operation")
            .classicOnly()
            .classicUpperBounds(DURATION_BOUNDS)
            .constLabels(constLabels)
            .withoutExemplars()
            .register(registry);
    CounterWithCallback.builder()
        .name("dfs_s3_bytes_received_total")
        .help("Request body bytes received by the S3 endpoint (as declared by Content-Length)")
        .constLabels(constLabels)
        .callback(cb -> cb.call(bytesIn.sum()))
        .register(registry);
    CounterWithCallback.builder()
        .name("dfs_s3_bytes_sent_total")
        .help("Response body bytes sent by the S3 endpoint (as declared by Content-Length)")
        .constLabels(constLabels)
        .callback(cb -> cb.call(bytesOut.sum()))
        .register(registry);
    GaugeWithCallback.builder()
        .name("dfs_s3_requests_in_flight")
        .help("S3 requests being served now")
        .constLabels(constLabels)
        .callback(cb -> cb.call(inFlight.sum()))
        .register(registry);
    CounterWithCallback.builder()
        .name("dfs_s3_clock_skew_rejections_total")
        .help("Requests refused because their signed time was more than 15 minutes off")
        .constLabels(constLabels)
        .callback(cb -> cb.call(skewRejections.sum()))
        .register(registry);
  }

  /** The handle for one operation (e.g. {@code PutObject}); resolve once, keep it. */
  public OperationMetrics operation(String name) {
    return operations.computeIfAbsent(
        name, n -> new OperationMetrics(n, requests, duration.labelValues(n), this));
  }

  /** Call when a request arrives; pair with {@link #ended()}. */
  public void started() {
    inFlight.increment();
  }

  /** Call when a request has been answered (also when it failed). */
  public void ended() {
    inFlight.decrement();
  }

  /** Counts a request refused for clock skew (RequestTimeTooSkewed). */
  public void clockSkewRejected() {
    skewRejections.increment();
  }

  void addBytes(int status, long in, long out) {
    if (in > 0) bytesIn.add(in);
    if (out > 0) bytesOut.add(out);
  }

  /**
   * Cumulative totals now, for the sliding window. A {@code 501 NotImplemented} is a request for a
   * feature this server lacks, not a fault of the server: it counts with the client errors, so it
   * never raises the "server errors rising" recommendation (the dashboard and the alert rules leave
   * it out of the 5xx rate the same way).
   */
  Totals totals() {
    long all = 0, c4 = 0, c5 = 0;
    for (OperationMetrics op : operations.values()) {
      all += op.count(0, 600);
      c4 += op.count(400, 500) + op.count(501, 502);
      c5 += op.count(500, 501) + op.count(502, 600);
    }
    Map<String, long[]> buckets = new java.util.HashMap<>();
    HistogramSnapshot snap = duration.collect();
    for (HistogramSnapshot.HistogramDataPointSnapshot dp : snap.getDataPoints()) {
      var cb = dp.getClassicBuckets();
      long[] counts = new long[cb.size()];
      for (int i = 0; i < counts.length; i++) counts[i] = cb.getCount(i);
      buckets.put(dp.getLabels().get("operation"), counts);
    }
    return new Totals(
        System.nanoTime(),
        all,
        c4,
        c5,
        bytesIn.sum(),
        bytesOut.sum(),
        skewRejections.sum(),
        buckets);
  }

  /** Upper bounds of the duration buckets, in seconds, ending with +Inf. */
  static List<Double> bucketBounds() {
    List<Double> b = new java.util.ArrayList<>();
    for (double d : DURATION_BOUNDS) b.add(d);
    b.add(Double.POSITIVE_INFINITY);
    return b;
  }

  /**
   * Cumulative values at one moment; {@code latencyBuckets} holds per-bucket (not cumulative)
   * counts.
   */
  record Totals(
      long nanos,
      long requests,
      long clientErrors,
      long serverErrors,
      long bytesIn,
      long bytesOut,
      long skewRejections,
      Map<String, long[]> latencyBuckets) {}
}
