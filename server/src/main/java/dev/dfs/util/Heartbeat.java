package dev.dfs.util;

import java.time.Duration;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;

/**
 * The liveness of one background worker as readiness ({@code /api/v1/ready}) sees it. The worker
 * {@link #beat(Duration) beats} as it makes progress, saying when it will beat next at the latest;
 * a worker on a thread of its own calls {@link #started()} on it, so its thread's unexpected end is
 * noticed; one that ends as it should (stopped, or done: a one-pass sweep) calls {@link
 * #finished()}, and one that gives up calls {@link #failed}. {@link #problem()} then says why the
 * worker is not alive, or null. Thread-safe.
 */
public final class Heartbeat {
  private final String name;
  private final LongSupplier nanoClock;
  private volatile long deadline;
  private volatile @Nullable Thread thread;
  private volatile boolean finished;
  private volatile @Nullable String failure;

  /** A worker named {@code name} that is expected to beat within {@code firstBeat}. */
  public Heartbeat(String name, Duration firstBeat) {
    this(name, firstBeat, System::nanoTime);
  }

  /** As above, on {@code nanoClock} (tests). */
  public Heartbeat(String name, Duration firstBeat, LongSupplier nanoClock) {
    this.name = name;
    this.nanoClock = nanoClock;
    this.deadline = nanoClock.getAsLong() + firstBeat.toNanos();
  }

  /** The worker's name as readiness reports it (e.g. {@code lifecycle}). */
  public String name() {
    return name;
  }

  /**
   * Called on the worker's own thread as it starts (or starts again after it finished): that thread
   * must stay alive until {@link #finished()}; an earlier end or failure is forgotten.
   */
  public void started() {
    thread = Thread.currentThread();
    failure = null;
    finished = false;
  }

  /** The worker made progress and will beat again within {@code next}. */
  public void beat(Duration next) {
    deadline = nanoClock.getAsLong() + next.toNanos();
  }

  /** The worker ended as it should; it is no longer expected to beat. */
  public void finished() {
    finished = true;
  }

  /** The worker gave up for {@code why}; readiness fails with it until the process restarts. */
  public void failed(String why) {
    failure = why;
  }

  /** Why the worker is not alive (died, failed, stalled), or null when it is (or finished). */
  public @Nullable String problem() {
    if (finished) return null;
    if (failure != null) return failure;
    Thread t = thread;
    if (t != null && !t.isAlive()) return "its thread " + t.getName() + " ended unexpectedly";
    long late = nanoClock.getAsLong() - deadline;
    if (late > 0)
      return "stalled: no progress reported for "
          + (late / 1_000_000_000L)
          + " s past the time it was due";
    return null;
  }
}
