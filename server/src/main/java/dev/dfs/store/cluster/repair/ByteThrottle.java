package dev.dfs.store.cluster.repair;

import java.io.InterruptedIOException;

/**
 * Paces a stream of bytes to at most {@code bytesPerSecond} on average: each {@link #acquire}
 * reserves its bytes' share of time after the previous reservations and sleeps until that slot
 * starts (idle time is not saved up beyond one second, so a burst after a pause stays short). 0
 * means no limit. Thread-safe (one monitor; callers sleep outside it).
 */
public final class ByteThrottle {
  private static final long MAX_CREDIT_NANOS = 1_000_000_000L;
  private final long bytesPerSecond;
  private long nextFreeNanos = System.nanoTime();

  public ByteThrottle(long bytesPerSecond) {
    if (bytesPerSecond < 0) throw new IllegalArgumentException("bytesPerSecond < 0");
    this.bytesPerSecond = bytesPerSecond;
  }

  /** Waits until {@code bytes} may go. */
  public void acquire(long bytes) throws InterruptedIOException {
    if (bytesPerSecond == 0 || bytes <= 0) return;
    long cost = (long) (bytes * 1e9 / bytesPerSecond);
    long wait;
    synchronized (this) {
      long now = System.nanoTime();
      long start = Math.max(nextFreeNanos, now - MAX_CREDIT_NANOS);
      nextFreeNanos = start + cost;
      wait = start - now;
    }
    if (wait <= 0) return;
    try {
      Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("throttle wait interrupted");
    }
  }

  /** The configured rate (0: unlimited). */
  public long bytesPerSecond() {
    return bytesPerSecond;
  }
}
