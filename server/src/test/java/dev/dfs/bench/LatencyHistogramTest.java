package dev.dfs.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class LatencyHistogramTest {

  /** The nearest-rank percentile of a sorted array: what the histogram approximates. */
  static long exactPercentile(long[] sorted, double p) {
    long rank = LatencyHistogram.rank(p, sorted.length);
    return sorted[(int) rank - 1];
  }

  private static void assertClose(long estimate, long exact) {
    // Never below the true value, and above by less than one bucket width (<= exact/128).
    assertThat(estimate).isGreaterThanOrEqualTo(exact);
    assertThat(estimate - exact).isLessThanOrEqualTo(exact / LatencyHistogram.HALF);
  }

  @Provide
  Arbitrary<long[]> latencies() {
    Arbitrary<Long> small = Arbitraries.longs().between(0, 1_000);
    Arbitrary<Long> typical = Arbitraries.longs().between(50_000, 50_000_000);
    Arbitrary<Long> huge = Arbitraries.longs().between(0, Long.MAX_VALUE);
    Arbitrary<Long> any =
        Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(3, small),
            net.jqwik.api.Tuple.of(6, typical),
            net.jqwik.api.Tuple.of(1, huge));
    return any.array(long[].class).ofMinSize(1).ofMaxSize(2_000);
  }

  @Property(tries = 300)
  void percentilesMatchSortedArray(
      @ForAll("latencies") long[] values, @ForAll @DoubleRange(min = 0, max = 100) double p) {
    LatencyHistogram h = new LatencyHistogram();
    for (long v : values) h.record(v);
    long[] sorted = values.clone();
    Arrays.sort(sorted);

    assertThat(h.count()).isEqualTo(values.length);
    assertThat(h.max()).isEqualTo(sorted[sorted.length - 1]);
    assertThat(h.min()).isEqualTo(sorted[0]);
    assertClose(h.percentile(p), exactPercentile(sorted, p));
    for (double q : new double[] {0, 50, 90, 99, 99.9, 100}) {
      assertClose(h.percentile(q), exactPercentile(sorted, q));
    }
    assertThat(h.percentile(100)).isEqualTo(sorted[sorted.length - 1]);
  }

  @Property(tries = 500)
  void everyValueLiesInItsBucket(@ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long v) {
    int b = LatencyHistogram.bucketOf(v);
    assertThat(b).isBetween(0, LatencyHistogram.BUCKETS - 1);
    assertThat(LatencyHistogram.lowestIn(b)).isLessThanOrEqualTo(v);
    assertThat(LatencyHistogram.highestIn(b)).isGreaterThanOrEqualTo(v);
  }

  @Test
  void bucketsTileTheWholeRangeWithoutGaps() {
    assertThat(LatencyHistogram.lowestIn(0)).isZero();
    for (int i = 1; i < LatencyHistogram.BUCKETS; i++) {
      assertThat(LatencyHistogram.lowestIn(i)).isEqualTo(LatencyHistogram.highestIn(i - 1) + 1);
      assertThat(LatencyHistogram.bucketOf(LatencyHistogram.lowestIn(i))).isEqualTo(i);
      assertThat(LatencyHistogram.bucketOf(LatencyHistogram.highestIn(i))).isEqualTo(i);
    }
    assertThat(LatencyHistogram.highestIn(LatencyHistogram.BUCKETS - 1)).isEqualTo(Long.MAX_VALUE);
  }

  @Test
  void smallValuesAreExact() {
    LatencyHistogram h = new LatencyHistogram();
    for (int v = 1; v <= 100; v++) h.record(v);
    assertThat(h.percentile(50)).isEqualTo(50);
    assertThat(h.percentile(90)).isEqualTo(90);
    assertThat(h.percentile(99)).isEqualTo(99);
    assertThat(h.percentile(0)).isEqualTo(1);
    assertThat(h.mean()).isEqualTo(50.5);
  }

  @Test
  void nearestRankAvoidsFloatingPointSurprises() {
    assertThat(LatencyHistogram.rank(99, 100)).isEqualTo(99);
    assertThat(LatencyHistogram.rank(50, 3)).isEqualTo(2);
    assertThat(LatencyHistogram.rank(0, 10)).isEqualTo(1);
    assertThat(LatencyHistogram.rank(100, 10)).isEqualTo(10);
    assertThat(LatencyHistogram.rank(99.9, 1000)).isEqualTo(999);
    assertThatThrownBy(() -> LatencyHistogram.rank(101, 10))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void emptyHistogramReportsZeros() {
    LatencyHistogram h = new LatencyHistogram();
    assertThat(h.percentile(99)).isZero();
    assertThat(h.max()).isZero();
    assertThat(h.min()).isZero();
    assertThat(h.mean()).isZero();
  }

  @Test
  void mergingEqualsRecordingEverythingInOne() {
    Random rnd = new Random(7);
    LatencyHistogram a = new LatencyHistogram();
    LatencyHistogram b = new LatencyHistogram();
    LatencyHistogram all = new LatencyHistogram();
    for (int i = 0; i < 10_000; i++) {
      long v = (long) Math.exp(rnd.nextDouble() * 25);
      (i % 3 == 0 ? a : b).record(v);
      all.record(v);
    }
    a.add(b);
    for (double p : new double[] {0, 10, 50, 90, 99, 99.99, 100}) {
      assertThat(a.percentile(p)).isEqualTo(all.percentile(p));
    }
    assertThat(a.count()).isEqualTo(all.count());
    assertThat(a.min()).isEqualTo(all.min());
    assertThat(a.max()).isEqualTo(all.max());
  }

  @Test
  void concurrentRecordingLosesNothingAcrossDrains() throws Exception {
    OpRecorder rec = new OpRecorder();
    OpTotals total = new OpTotals();
    int threads = 4;
    int perThread = 50_000;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> futures = new java.util.ArrayList<>();
      for (int t = 0; t < threads; t++) {
        final int id = t;
        futures.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < perThread; i++) {
                    rec.success(1_000 + i, 10, 0);
                    if (i % 1000 == id) rec.failure();
                  }
                }));
      }
      OpTotals interval = new OpTotals();
      while (!futures.stream().allMatch(Future::isDone)) {
        interval.reset();
        rec.drainInto(interval);
        total.add(interval);
      }
      for (Future<?> f : futures) f.get();
    } finally {
      pool.shutdownNow();
    }
    rec.drainInto(total);
    assertThat(total.ops()).isEqualTo((long) threads * perThread);
    assertThat(total.bytes()).isEqualTo(10L * threads * perThread);
    assertThat(total.errors()).isEqualTo((long) threads * (perThread / 1000));
    assertThat(total.histogram().min()).isEqualTo(1_000);
    assertThat(total.histogram().max()).isEqualTo(1_000 + perThread - 1);
  }

  @Test
  void ratesUseDecimalMegabytes() {
    assertThat(Rates.perSecond(500, 2_000_000_000L)).isEqualTo(250.0);
    assertThat(Rates.mbPerSecond(3_000_000, 1_000_000_000L)).isEqualTo(3.0);
    assertThat(Rates.perSecond(5, 0)).isZero();
    assertThat(Rates.millis(1_500_000)).isEqualTo(1.5);
  }
}
