package dev.dfs.store.local;

import dev.dfs.store.StoreError;
import dev.dfs.store.StoreException;
import dev.dfs.store.tier.Tier;
import dev.dfs.store.tier.TierRegistry;
import dev.dfs.util.SystemTable;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes tier copies that no version owns, from the durable {@link TierLedger}: the {@code free/}
 * records that deleting or replacing a tiered version commits, retried every {@link #PERIOD_MILLIS}
 * until the tier confirms; and at start-up the copies of transitions a crash cut short ({@code
 * intent/}). A copy an open read has pinned is kept until it closes. One daemon thread;
 * thread-safe.
 */
final class TierFreeQueue implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(TierFreeQueue.class);

  /** How often the queue is drained. */
  static final long PERIOD_MILLIS = 500;

  private final SystemTable table;
  private final TierRegistry tiers;
  private final Map<String, AtomicInteger> pinned = new ConcurrentHashMap<>();
  private final CountDownLatch stopped = new CountDownLatch(1);
  private final dev.dfs.store.tier.TierStats stats;
  private @Nullable Thread thread;

  TierFreeQueue(SystemTable table, TierRegistry tiers, dev.dfs.store.tier.TierStats stats) {
    this.table = table;
    this.tiers = tiers;
    this.stats = stats;
  }

  synchronized void start() {
    thread = Thread.ofPlatform().daemon().name("dfs-tier-free").start(this::loop);
  }

  private void loop() {
    try {
      while (!stopped.await(PERIOD_MILLIS, TimeUnit.MILLISECONDS)) {
        try {
          drain();
        } catch (IOException | RuntimeException e) {
          log.warn("freeing tier copies failed (retried): {}", e.toString());
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Keeps {@code tier}'s copy {@code tierKey} until {@link #unpin} with the returned token. */
  String pin(@Nullable String tier, @Nullable String tierKey) {
    String id = tier + "/" + tierKey;
    pinned.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
    return id;
  }

  void unpin(String id) {
    pinned.computeIfPresent(id, (k, n) -> n.decrementAndGet() <= 0 ? null : n);
  }

  /** Deletes every copy waiting in {@code free/} that no read has pinned; returns how many. */
  int drain() throws IOException {
    int n = 0;
    for (SystemTable.Entry e : table.scan(TierLedger.FREE)) {
      String rest = e.key().substring(TierLedger.FREE.length());
      if (pinned.containsKey(rest)) continue;
      if (delete(TierLedger.Copy.parse(rest))) {
        table.write(c -> c.delete(e.key()));
        stats.freed();
        n++;
      }
    }
    return n;
  }

  /**
   * Deletes the copies of transitions that never committed (their intents survived a crash). Called
   * once, before any transition of this process starts.
   */
  void recoverIntents() {
    try {
      for (SystemTable.Entry e : table.scan(TierLedger.INTENT)) {
        TierLedger.Copy c = TierLedger.Copy.parse(e.key().substring(TierLedger.INTENT.length()));
        if (delete(c)) {
          table.write(ch -> ch.delete(e.key()));
          log.info(
              "removed the copy {} in tier {} of a transition that did not finish",
              c.tierKey(),
              c.tier());
        }
      }
    } catch (IOException | RuntimeException e) {
      log.warn(
          "cleaning up unfinished transitions failed (retried at the next start): {}",
          e.toString());
    }
  }

  /** After a transition that did not commit: deletes its copy and its intent. */
  void discard(Tier tier, String tierKey, String intent) {
    try {
      tier.delete(tierKey);
      table.write(c -> c.delete(intent));
    } catch (IOException | RuntimeException e) {
      log.warn(
          "could not remove copy {} from tier {} (removed at the next start): {}",
          tierKey,
          tier.name(),
          e.toString());
    }
  }

  /** Deletes one copy; true when it is gone (or its tier no longer exists). */
  private boolean delete(TierLedger.Copy c) throws IOException {
    Tier tier;
    try {
      tier = tiers.tier(c.tier());
    } catch (StoreException e) {
      if (e.error() == StoreError.NO_SUCH_KEY) return true; // the tier was removed
      throw e;
    }
    try {
      tier.delete(c.tierKey());
      return true;
    } catch (IOException e) {
      log.warn("tier {}: deleting {} failed (retried): {}", c.tier(), c.tierKey(), e.toString());
      return false;
    }
  }

  @Override
  public synchronized void close() {
    stopped.countDown();
    if (thread != null) {
      try {
        thread.join(10_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
