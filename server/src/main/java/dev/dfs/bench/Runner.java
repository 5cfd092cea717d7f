package dev.dfs.bench;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Runs a {@link Workload} on a fixed number of platform threads (the SDK's blocking Apache client
 * is happiest there) through an optional warmup, then measures until the duration passes, the
 * operation count is reached, the workload runs out, or {@code cancel} is set. A clock thread (the
 * caller) drains the recorders once a second into the time series and the progress line.
 *
 * <p>After a warmup every worker first finishes its warm-up step and waits; the measured phase
 * starts when all have, with the message {@code "<label>: warmup done, measuring"} (shown with
 * every progress style, so a script can start its own measurement there). No step of the warmup
 * overlaps the measured phase, which matters when one step is a 1 GiB upload.
 */
final class Runner {
  private static final int WARMUP = 0;
  private static final int MEASURE = 1;
  private static final int STOP = 2;
  private static final long TICK = TimeUnit.SECONDS.toNanos(1);

  /**
   * @param label shown in the progress line
   * @param duration measured time, or null for no limit
   * @param count measured operations (steps), or null for no limit
   */
  record Plan(
      String label,
      int concurrency,
      Duration warmup,
      @Nullable Duration duration,
      @Nullable Long count,
      Workload workload) {}

  private final Progress progress;
  private final SplittableRandom seeds;
  private final AtomicBoolean cancel;
  private final int bufferSize;
  private final Supplier<String> statusSuffix;

  Runner(Progress progress, long seed, AtomicBoolean cancel, int bufferSize) {
    this(progress, seed, cancel, bufferSize, () -> "");
  }

  /**
   * @param statusSuffix appended to each progress line (soak: the server's current RSS)
   */
  Runner(
      Progress progress,
      long seed,
      AtomicBoolean cancel,
      int bufferSize,
      Supplier<String> statusSuffix) {
    this.progress = progress;
    this.seeds = new SplittableRandom(seed);
    this.cancel = cancel;
    this.bufferSize = bufferSize;
    this.statusSuffix = statusSuffix;
  }

  /**
   * Takes one of {@code count} tickets. When all are taken but some may still be handed back (their
   * steps issued no request), waits for that instead of giving up: the run must end with exactly
   * {@code count} operations.
   */
  private static boolean takeTicket(
      AtomicLong tickets, AtomicLong committed, long count, AtomicInteger phase) {
    while (true) {
      long taken = tickets.get();
      if (taken < count) {
        if (tickets.compareAndSet(taken, taken + 1)) return true;
        continue;
      }
      if (committed.get() >= count || phase.get() == STOP) return false;
      java.util.concurrent.locks.LockSupport.parkNanos(100_000); // rare: only at the very end
    }
  }

  /** What the workers and the clock thread of one {@link #run} share. */
  private record Shared(
      Plan plan,
      Recorders warm,
      Recorders measured,
      AtomicInteger phase,
      AtomicLong tickets,
      AtomicLong committed,
      AtomicReference<Throwable> crash,
      CountDownLatch finished,
      CountDownLatch warmupLeft,
      CountDownLatch measuring) {}

  PhaseResult run(Plan plan) throws InterruptedException {
    boolean warming = plan.warmup() != null && !plan.warmup().isZero();
    Shared s =
        new Shared(
            plan,
            new Recorders(),
            new Recorders(),
            new AtomicInteger(warming ? WARMUP : MEASURE),
            new AtomicLong(),
            new AtomicLong(),
            new AtomicReference<>(),
            new CountDownLatch(plan.concurrency()),
            new CountDownLatch(warming ? plan.concurrency() : 0),
            new CountDownLatch(warming ? 1 : 0));
    for (int i = 0; i < plan.concurrency(); i++) {
      Worker w = new Worker(i, seeds.split(), bufferSize);
      Thread.ofPlatform()
          .name("bench-" + plan.label() + "-" + i)
          .daemon(true)
          .start(() -> work(s, w));
    }

    long start;
    try {
      if (warming) warmup(plan, s);
      s.phase().compareAndSet(WARMUP, MEASURE);
      s.warmupLeft().await(); // every worker's last warm-up step has ended
      if (warming) progress.message(plan.label() + ": warmup done, measuring");
      start = System.nanoTime();
    } finally {
      s.measuring().countDown();
    }
    EnumMap<Op, OpTotals> totals = new EnumMap<>(Op.class);
    List<PhaseResult.Point> series = new ArrayList<>();
    measure(s, start, totals, series);
    long elapsed = System.nanoTime() - start;
    progress.done();
    if (s.crash().get() != null) {
      throw new IllegalStateException(
          "a benchmark thread failed: " + s.crash().get(), s.crash().get());
    }
    return new PhaseResult(
        elapsed / 1e9,
        Summary.byOp(totals, elapsed),
        Summary.of(Summary.overall(totals), elapsed),
        s.measured().errorKinds(),
        series);
  }

  /** One worker thread: steps the workload until told to stop, it runs out, or a step fails. */
  private static void work(Shared s, Worker w) {
    Plan plan = s.plan();
    boolean warm = true;
    try {
      while (true) {
        int ph = s.phase().get();
        if (warm && ph != WARMUP) {
          warm = false;
          s.warmupLeft().countDown();
          s.measuring().await();
          ph = s.phase().get();
        }
        if (ph == STOP) break;
        Long count = ph == MEASURE ? plan.count() : null;
        boolean ticket = count != null;
        if (count != null && !takeTicket(s.tickets(), s.committed(), count, s.phase())) break;
        w.recorders = ph == WARMUP ? s.warm() : s.measured();
        long before = w.requests;
        boolean more = plan.workload().step(w);
        if (ticket) {
          // A step that issued nothing (key busy, or the workload ran out) hands its ticket
          // back, so no worker waits for it forever.
          if (w.requests == before) s.tickets().decrementAndGet();
          else s.committed().incrementAndGet();
        }
        if (!more) break;
      }
    } catch (Throwable t) {
      s.crash().compareAndSet(null, t);
      s.phase().set(STOP);
    } finally {
      if (warm) s.warmupLeft().countDown();
      s.finished().countDown();
    }
  }

  /**
   * The clock thread's measured phase: once a second drains the recorders into {@code totals}, a
   * point of {@code series} and the progress line, until the workers end, or the deadline passes or
   * the run is cancelled (then it tells them to stop and waits for them).
   */
  private void measure(
      Shared s, long start, EnumMap<Op, OpTotals> totals, List<PhaseResult.Point> series)
      throws InterruptedException {
    Plan plan = s.plan();
    AtomicInteger phase = s.phase();
    long deadline = plan.duration() == null ? Long.MAX_VALUE : start + plan.duration().toNanos();
    EnumMap<Op, OpTotals> interval = new EnumMap<>(Op.class);
    long lastTick = start;
    int second = 0;
    boolean done = false;
    while (!done) {
      long nextTick = start + (second + 1) * TICK;
      long now = System.nanoTime();
      long wait = Math.min(nextTick, phase.get() == STOP ? nextTick : deadline) - now;
      done =
          s.finished()
              .await(
                  Math.max(0, Math.min(wait, TimeUnit.MILLISECONDS.toNanos(100))),
                  TimeUnit.NANOSECONDS);
      now = System.nanoTime();
      if (phase.get() != STOP && (now >= deadline || cancel.get())) phase.set(STOP);
      if (now >= nextTick || done) {
        interval.values().forEach(OpTotals::reset);
        s.measured().drainInto(interval);
        long nanos = now - lastTick;
        second++;
        series.add(
            new PhaseResult.Point(
                second,
                nanos / 1e9,
                Summary.of(Summary.overall(interval), nanos),
                Summary.byOp(interval, nanos)));
        interval.forEach((op, t) -> totals.computeIfAbsent(op, o -> new OpTotals()).add(t));
        lastTick = now;
        showProgress(plan, now - start, totals, interval, nanos, phase.get() == STOP && !done);
      }
    }
  }

  /** The clock thread's warmup: until it is over, the workers end, or one of them failed. */
  private void warmup(Plan plan, Shared s) throws InterruptedException {
    Recorders warm = s.warm();
    CountDownLatch finished = s.finished();
    long start = System.nanoTime();
    long end = start + plan.warmup().toNanos();
    EnumMap<Op, OpTotals> interval = new EnumMap<>(Op.class);
    long lastTick = start;
    while (!cancel.get() && s.phase().get() == WARMUP) {
      long now = System.nanoTime();
      if (now >= end) break;
      if (finished.await(Math.min(end - now, lastTick + TICK - now), TimeUnit.NANOSECONDS)) break;
      now = System.nanoTime();
      if (now - lastTick >= TICK || now >= end) {
        interval.values().forEach(OpTotals::reset);
        warm.drainInto(interval);
        OpTotals all = Summary.overall(interval);
        long nanos = now - lastTick;
        lastTick = now;
        progress.update(
            String.format(
                Locale.ROOT,
                "%s warmup %s/%s  %.0f ops/s  %.2f MB/s  errors %d",
                plan.label(),
                Durations.format(Duration.ofNanos(now - start).truncatedTo(ChronoUnit.SECONDS)),
                Durations.format(plan.warmup()),
                Rates.perSecond(all.ops(), nanos),
                Rates.mbPerSecond(all.bytes(), nanos),
                all.errors()));
      }
    }
  }

  private void showProgress(
      Plan plan,
      long elapsed,
      EnumMap<Op, OpTotals> totals,
      EnumMap<Op, OpTotals> interval,
      long nanos,
      boolean stopping) {
    OpTotals all = Summary.overall(totals);
    OpTotals now = Summary.overall(interval);
    String ops =
        plan.count() == null
            ? Long.toString(all.ops() + all.errors())
            : (all.ops() + all.errors()) + "/" + plan.count();
    progress.update(
        String.format(
            Locale.ROOT,
            "%s %6.1fs  ops %s  %.0f ops/s  %.2f MB/s  errors %d%s%s",
            plan.label(),
            elapsed / 1e9,
            ops,
            Rates.perSecond(now.ops(), nanos),
            Rates.mbPerSecond(now.bytes(), nanos),
            all.errors(),
            statusSuffix.get(),
            stopping ? "  (finishing in-flight requests)" : ""));
  }
}
