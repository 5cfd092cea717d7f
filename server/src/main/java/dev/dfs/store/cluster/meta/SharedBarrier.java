package dev.dfs.store.cluster.meta;

import dev.dfs.store.StoreError;
import dev.dfs.store.StoreException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * Lets concurrent readers share one read barrier (a ReadIndex round trip and its confirmation round
 * to the voters, see {@link RaftMetaLog#readBarrier}) instead of each sending its own: at most one
 * barrier runs at a time, and every caller that arrives while it runs joins the <i>next</i> one,
 * which starts as soon as the running one ends. On a follower serving many GETs this turns one
 * request to the leader per read into one per round trip.
 *
 * <h2>Why a shared barrier is still linearizable</h2>
 *
 * A caller only ever joins a barrier that had not been sent yet when the caller arrived (the
 * running one is never joined). So the barrier it waits for asked the leader for its commit index
 * after the caller's call began, and it returns once this node applied up to that index: every
 * write acknowledged before the caller began is visible, exactly as if the caller had sent the
 * barrier itself. A caller waits for at most two barriers (the running one to end, then its own),
 * but never longer than its own {@code wait} in all: past that it fails with {@link
 * StoreError#UNAVAILABLE} (a node without a quorum answers as quickly as with a barrier of its
 * own).
 *
 * <p>A failed barrier fails every caller that shared it, each with its own {@link StoreException}
 * of the same error (so the stack trace is the caller's). {@link #rounds()} and {@link #callers()}
 * count barriers sent and callers served, so their ratio is how widely barriers are shared.
 * Thread-safe.
 */
final class SharedBarrier {
  private final Runnable barrier;
  private final Duration wait;
  private final ReentrantLock lock = new ReentrantLock();

  /** The barrier being sent now, or null; guarded by {@link #lock}. */
  private @Nullable CompletableFuture<Void> running;

  /** The barrier that starts when {@link #running} ends, or null; guarded by {@link #lock}. */
  private @Nullable CompletableFuture<Void> next;

  /** Callers waiting for {@link #next}; guarded by {@link #lock}. */
  private int queued;

  private final LongAdder rounds = new LongAdder();
  private final LongAdder callers = new LongAdder();

  /**
   * @param barrier the real barrier: returns once this node reflects every write acknowledged
   *     before it started, or throws {@link StoreException} within a bounded time
   * @param wait the longest a caller waits in all
   */
  SharedBarrier(Runnable barrier, Duration wait) {
    this.barrier = barrier;
    this.wait = wait;
  }

  /** Returns once this node's state reflects every write acknowledged before this call began. */
  void pass() {
    callers.increment();
    CompletableFuture<Void> mine;
    boolean send;
    lock.lock();
    try {
      send = running == null;
      if (send) {
        running = new CompletableFuture<>();
        mine = running;
      } else {
        if (next == null) next = new CompletableFuture<>();
        mine = next;
        queued++;
      }
    } finally {
      lock.unlock();
    }
    if (send) send(mine);
    await(mine);
  }

  /** Sends the barrier for {@code round}, then starts the round that queued up behind it. */
  private void send(CompletableFuture<Void> round) {
    rounds.increment();
    try {
      barrier.run();
      round.complete(null);
    } catch (RuntimeException e) {
      round.completeExceptionally(e);
    }
    CompletableFuture<Void> queued;
    lock.lock();
    try {
      queued = next;
      next = null;
      running = queued;
      this.queued = 0;
    } finally {
      lock.unlock();
    }
    // a fresh thread: this caller returns now, the queued callers are parked on their round
    if (queued != null) Thread.ofVirtual().name("dfs-read-barrier").start(() -> send(queued));
  }

  /** Barriers sent since this one was built (each a ReadIndex and its confirmation round). */
  long rounds() {
    return rounds.sum();
  }

  /** Calls of {@link #pass} since this one was built. */
  long callers() {
    return callers.sum();
  }

  /** Callers waiting for the barrier after the running one (for tests). */
  int queued() {
    lock.lock();
    try {
      return queued;
    } finally {
      lock.unlock();
    }
  }

  private void await(CompletableFuture<Void> round) {
    try {
      round.get(wait.toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      throw new StoreException(
          StoreError.UNAVAILABLE,
          "read barrier: no leader confirmed within " + wait.toMillis() + " ms");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreException(StoreError.UNAVAILABLE, "interrupted in a read barrier");
    } catch (ExecutionException e) {
      if (e.getCause() instanceof StoreException s)
        throw new StoreException(s.error(), s.getMessage());
      throw new StoreException(StoreError.UNAVAILABLE, "read barrier failed: " + e.getCause());
    }
  }
}
