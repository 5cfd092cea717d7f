package dev.dfs.store.tier;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Counters of an engine's tiering since it opened: transitions done and failed, bytes moved to
 * tiers, restore requests, tier copies freed. Thread-safe.
 */
public final class TierStats {
  private final AtomicLong done = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final AtomicLong bytesMoved = new AtomicLong();
  private final AtomicLong restores = new AtomicLong();
  private final AtomicLong freed = new AtomicLong();

  /** A transition committed a copy of {@code bytes} stored bytes. */
  public void moved(long bytes) {
    done.incrementAndGet();
    bytesMoved.addAndGet(bytes);
  }

  public void failed() {
    failed.incrementAndGet();
  }

  public void restored() {
    restores.incrementAndGet();
  }

  public void freed() {
    freed.incrementAndGet();
  }

  public long transitionsDone() {
    return done.get();
  }

  public long transitionsFailed() {
    return failed.get();
  }

  public long bytesMoved() {
    return bytesMoved.get();
  }

  public long restores() {
    return restores.get();
  }

  public long copiesFreed() {
    return freed.get();
  }
}
