package dev.dfs.observe;

import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.datapoints.DistributionDataPoint;
import io.prometheus.metrics.core.metrics.Counter;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The metrics of one S3 operation, resolved once so that recording a request does no label lookup:
 * the duration data point is held, and the per-status counter data points are cached in an array
 * indexed by status code. Thread-safe; {@link #record} allocates nothing once a status has been
 * seen.
 */
public final class OperationMetrics {
  private static final int MAX_STATUS = 600;

  private final String name;
  private final Counter requests;
  private final DistributionDataPoint duration;
  private final S3Metrics owner;
  private final AtomicReferenceArray<CounterDataPoint> byStatus =
      new AtomicReferenceArray<>(MAX_STATUS);

  OperationMetrics(String name, Counter requests, DistributionDataPoint duration, S3Metrics owner) {
    this.name = name;
    this.requests = requests;
    this.duration = duration;
    this.owner = owner;
  }

  /** The operation label, e.g. {@code PutObject}. */
  public String name() {
    return name;
  }

  /**
   * Records one finished request.
   *
   * @param status the HTTP status answered
   * @param nanos time from arrival to the end of the response
   * @param bytesIn request body bytes (Content-Length as declared; 0 when none or unknown)
   * @param bytesOut response body bytes (Content-Length as sent; 0 when none or unknown)
   */
  public void record(int status, long nanos, long bytesIn, long bytesOut) {
    int s = status > 0 && status < MAX_STATUS ? status : 0;
    CounterDataPoint c = byStatus.get(s);
    if (c == null) {
      c = requests.labelValues(name, Integer.toString(s));
      byStatus.compareAndSet(s, null, c);
    }
    c.inc();
    duration.observe(nanos / 1e9);
    owner.addBytes(status, bytesIn, bytesOut);
  }

  /** Requests answered with a status in {@code [from, to)} so far. */
  long count(int from, int to) {
    long n = 0;
    for (int s = Math.max(0, from); s < Math.min(to, MAX_STATUS); s++) {
      CounterDataPoint c = byStatus.get(s);
      if (c != null) n += c.getLongValue();
    }
    return n;
  }
}
