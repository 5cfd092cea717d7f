package dev.dfs.bench;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.DoubleAdder;

/**
 * Where worker threads record the outcome of one kind of operation, lock-free. One thread (the
 * runner's clock) periodically {@linkplain #drainInto drains} it: each counter is taken with an
 * atomic get-and-set to zero, so a sample lands in exactly one interval and none is lost.
 */
final class OpRecorder {
  private final AtomicLongArray buckets = new AtomicLongArray(LatencyHistogram.BUCKETS);
  private final AtomicLong min = new AtomicLong(Long.MAX_VALUE);
  private final AtomicLong max = new AtomicLong();
  private final DoubleAdder sum = new DoubleAdder();
  private final AtomicLong errors = new AtomicLong();
  private final AtomicLong bytes = new AtomicLong();
  private final AtomicLong items = new AtomicLong();

  /** A successful operation that took {@code nanos} and moved {@code byteCount} payload bytes. */
  void success(long nanos, long byteCount, long itemCount) {
    long v = Math.max(0, nanos);
    buckets.incrementAndGet(LatencyHistogram.bucketOf(v));
    min.accumulateAndGet(v, Math::min);
    max.accumulateAndGet(v, Math::max);
    sum.add(v);
    if (byteCount != 0) bytes.addAndGet(byteCount);
    if (itemCount != 0) items.addAndGet(itemCount);
  }

  /** A failed operation; its latency is not recorded. */
  void failure() {
    errors.incrementAndGet();
  }

  /** Moves everything recorded so far into {@code into} and starts over. */
  void drainInto(OpTotals into) {
    for (int i = 0; i < LatencyHistogram.BUCKETS; i++) {
      if (buckets.get(i) != 0) {
        long n = buckets.getAndSet(i, 0);
        if (n != 0) into.histogram().addToBucket(i, n);
      }
    }
    long lo = min.getAndSet(Long.MAX_VALUE);
    long hi = max.getAndSet(0);
    double s = sum.sumThenReset();
    into.histogram().addExtremes(lo, hi, s);
    into.addCounts(errors.getAndSet(0), bytes.getAndSet(0), items.getAndSet(0));
  }
}
