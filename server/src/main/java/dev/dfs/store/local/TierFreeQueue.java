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
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes tier copies that no version owns, from the durable {@link TierLedger}: the {@code free/}
 * records that deleting or replacing a tiered version commits, retried every {@link #PERIOD_MILLIS}
 * until the tier confirms; and the copies of transitions that will never commit ({@code intent/}
 * records no transition of this process is working on: a crash, or another node's transition cut
 * short by a leader change), which a pass first turns into {@code free/} records in one commit, so
 * the copy is deleted only once no transition can make it a version's any more.
 *
 * <p>Passes run only while {@code leads} says so (always on one node; on a cluster, on the leader),
 * so every ledger change is a replicated commit of the node that admits writes. A copy an open read
 * of this node has pinned is kept until it closes; a {@code free/} record younger than {@code
 * graceMillis} is kept too (on a cluster, reads of other nodes pin nothing here: the grace covers a
 * follower that read the version's record just before it was deleted and is opening its copy). One
 * daemon thread; thread-safe.
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
  private final BooleanSupplier leads;
  private final long graceMillis;
  private final java.time.Clock clock;
  private final Predicate<String> working;
  private @Nullable Thread thread;

  /**
   * @param leads whether this node runs the passes now
   * @param graceMillis how long a {@code free/} record waits before its copy is deleted
   * @param working whether a transition of this process is working on an {@code intent/} record
   *     (its table key): such an intent is never reclaimed
   * @param clock the node's clock: {@code free/} records are stamped and aged with it
   */
  TierFreeQueue(
      SystemTable table,
      TierRegistry tiers,
      dev.dfs.store.tier.TierStats stats,
      BooleanSupplier leads,
      long graceMillis,
      Predicate<String> working,
      java.time.Clock clock) {
    this.table = table;
    this.clock = clock;
    this.tiers = tiers;
    this.stats = stats;
    this.leads = leads;
    this.graceMillis = graceMillis;
    this.working = working;
  }

  synchronized void start() {
    thread = Thread.ofPlatform().daemon().name("dfs-tier-free").start(this::loop);
  }

  private void loop() {
    try {
      do {
        if (!leads.getAsBoolean()) continue;
        try {
          reclaimIntents();
          drain();
        } catch (IOException | RuntimeException e) {
          log.warn("freeing tier copies failed (retried): {}", e.toString());
        }
      } while (!stopped.await(PERIOD_MILLIS, TimeUnit.MILLISECONDS));
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

  /**
   * Deletes every copy waiting in {@code free/} for longer than the grace that no read has pinned;
   * returns how many.
   */
  int drain() throws IOException {
    int n = 0;
    long due = clock.millis() - graceMillis;
    for (SystemTable.Entry e : table.scan(TierLedger.FREE)) {
      String rest = e.key().substring(TierLedger.FREE.length());
      if (pinned.containsKey(rest) || TierLedger.since(e.value()) > due) continue;
      if (delete(TierLedger.Copy.parse(rest))) {
        table.write(c -> c.delete(e.key()));
        stats.freed();
        n++;
      }
    }
    return n;
  }

  /**
   * Turns every {@code intent/} record no transition of this process works on into a {@code free/}
   * record; returns how many. Such an intent's transition can no longer commit: its process died,
   * or its node lost the leadership (a deposed node's commits are refused, and one that leads again
   * finds its intent gone and discards its copy).
   */
  int reclaimIntents() throws IOException {
    int n = 0;
    for (SystemTable.Entry e : table.scan(TierLedger.INTENT)) {
      if (working.test(e.key())) continue;
      if (retire(e.key())) {
        log.info(
            "the transition writing {} did not finish; its copy is freed",
            e.key().substring(TierLedger.INTENT.length()));
        n++;
      }
    }
    return n;
  }

  /**
   * After a transition that did not commit: deletes its copy at once when {@code sure} (the commit
   * was never sent), and turns its intent into a {@code free/} record, so a pass deletes the copy
   * (again) later. Without {@code sure} (a commit failed with an unknown outcome) only the intent
   * is turned, which a replicated log refuses until that outcome is known, so the copy is never
   * deleted under a commit that may still apply; a refused or failed turn is left to {@link
   * #reclaimIntents}.
   */
  void discard(Tier tier, String tierKey, String intent, boolean sure) {
    try {
      if (sure) tier.delete(tierKey);
    } catch (IOException | RuntimeException e) {
      log.warn("could not remove copy {} from tier {} (retried): {}", tierKey, tier.name(), e);
    }
    try {
      retire(intent);
    } catch (IOException | RuntimeException e) {
      log.info("the intent {} stays until the leader reclaims it: {}", intent, e.toString());
    }
  }

  /** In one commit, if {@code intent} is still recorded: deletes it and frees its copy. */
  private boolean retire(String intent) throws IOException {
    return table.write(
        c -> {
          if (table.get(intent).isEmpty()) return false;
          c.delete(intent);
          c.put(
              TierLedger.FREE + intent.substring(TierLedger.INTENT.length()),
              TierLedger.stamp(clock.millis()));
          return true;
        });
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
