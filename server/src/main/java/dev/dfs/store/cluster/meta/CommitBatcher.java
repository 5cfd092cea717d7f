package dev.dfs.store.cluster.meta;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * Group commit for the metadata log: concurrent commits go into one Raft entry together.
 *
 * <p>At most {@code maxInFlight} entries are submitted and not yet completed. A commit that arrives
 * below that limit is submitted at once, on the caller's thread, with whatever queued before it (a
 * lone commit on an idle node never waits for a timer). Commits that arrive while the limit is
 * reached queue up; when an entry completes, the next entry takes every queued commit, up to {@code
 * maxMembers} commits and {@code maxBytes} of batch data (a first commit larger than that goes
 * alone). So batches grow with the load and with the time an entry takes, by themselves.
 *
 * <p>Contract:
 *
 * <ul>
 *   <li>Only commits admitted in the same term share an entry ({@link Sink#submit} is given one
 *       term), and an entry never reorders commits: entries are submitted in queue order, and a
 *       group is a run of consecutive queued commits (a commit of another term ends it).
 *   <li>Every member of an entry gets the entry's outcome, the same value or the same failure, and
 *       nothing else: a member completes only when its entry completes.
 *   <li>After {@link #close} queued commits and new ones fail; entries in flight still complete
 *       their members.
 * </ul>
 *
 * Thread-safe. {@code R} is the entry's outcome (a Raft reply).
 */
final class CommitBatcher<R> {

  /** Where an entry goes. */
  @FunctionalInterface
  interface Sink<R> {
    /**
     * Submits one entry made of {@code batches} (in this order), all admitted in {@code term}; the
     * future completes with the entry's outcome. Called from one thread at a time, in entry order.
     * A failure to submit should be a failed future (a thrown exception is treated as one).
     */
    CompletableFuture<R> submit(long term, List<byte[]> batches);
  }

  private record Member<R>(long term, byte[] batch, CompletableFuture<R> done) {}

  private final Sink<R> sink;
  private final int maxInFlight;
  private final int maxMembers;
  private final long maxBytes;
  private final Executor drainer;

  /** Guards {@link #queue}, {@link #inFlight} and {@link #closed}; never held while submitting. */
  private final ReentrantLock state = new ReentrantLock();

  /** Held while a group is taken and submitted, so that entries are submitted in queue order. */
  private final ReentrantLock submitting = new ReentrantLock();

  private final ArrayDeque<Member<R>> queue = new ArrayDeque<>();
  private int inFlight;
  private boolean closed;
  private final AtomicLong entries = new AtomicLong();
  private final AtomicLong members = new AtomicLong();

  /**
   * @param drainer runs the submission of queued commits after an entry completes (so that it does
   *     not run on the thread completing the entry, a Raft thread)
   */
  CommitBatcher(Sink<R> sink, int maxInFlight, int maxMembers, long maxBytes, Executor drainer) {
    if (maxInFlight < 1 || maxMembers < 1 || maxBytes < 1)
      throw new IllegalArgumentException("limits must be positive");
    this.sink = sink;
    this.maxInFlight = maxInFlight;
    this.maxMembers = maxMembers;
    this.maxBytes = maxBytes;
    this.drainer = drainer;
  }

  /**
   * Queues {@code batch} (a WriteBatch representation, not copied: the caller must not change it),
   * admitted in {@code term}, and submits what may be submitted now. The future completes with the
   * outcome of the entry it went into, or fails if that entry failed or this batcher closed before
   * it was submitted.
   */
  CompletableFuture<R> commit(long term, byte[] batch) {
    Member<R> m = new Member<>(term, batch, new CompletableFuture<>());
    state.lock();
    try {
      if (closed) return CompletableFuture.failedFuture(closedException());
      queue.add(m);
    } finally {
      state.unlock();
    }
    drain();
    return m.done;
  }

  /** Raft entries submitted so far. */
  long entries() {
    return entries.get();
  }

  /** Commits submitted so far in those entries (members / entries is the mean batch size). */
  long members() {
    return members.get();
  }

  /** Fails every queued commit and every later one; entries in flight are left to complete. */
  void close() {
    List<Member<R>> dropped;
    state.lock();
    try {
      closed = true;
      dropped = new ArrayList<>(queue);
      queue.clear();
    } finally {
      state.unlock();
    }
    for (Member<R> m : dropped) m.done.completeExceptionally(closedException());
  }

  /** Submits queued commits as entries while fewer than the limit are in flight. */
  private void drain() {
    submitting.lock();
    try {
      List<Member<R>> group;
      while ((group = take()) != null) submit(group);
    } finally {
      submitting.unlock();
    }
  }

  /**
   * The next group (a run of queued commits of the head's term, within the caps), counted in
   * flight; null when nothing is queued or the limit is reached.
   */
  private @Nullable List<Member<R>> take() {
    state.lock();
    try {
      if (inFlight >= maxInFlight || queue.isEmpty()) return null;
      List<Member<R>> group = new ArrayList<>();
      Member<R> first = queue.poll();
      group.add(first);
      long bytes = first.batch().length;
      for (Member<R> next = queue.peek();
          next != null
              && next.term() == first.term()
              && group.size() < maxMembers
              && bytes + next.batch().length <= maxBytes;
          next = queue.peek()) {
        group.add(queue.poll());
        bytes += next.batch().length;
      }
      inFlight++;
      return group;
    } finally {
      state.unlock();
    }
  }

  private void submit(List<Member<R>> group) {
    List<byte[]> batches = new ArrayList<>(group.size());
    for (Member<R> m : group) batches.add(m.batch());
    entries.incrementAndGet();
    members.addAndGet(group.size());
    CompletableFuture<R> outcome;
    try {
      outcome = sink.submit(group.getFirst().term(), batches);
    } catch (RuntimeException e) {
      outcome = CompletableFuture.failedFuture(e);
    }
    CompletableFuture<?> unused = outcome.whenComplete((r, t) -> completed(group, r, t));
  }

  /** An entry completed: hands its outcome to every member, then lets the queue move on. */
  private void completed(List<Member<R>> group, @Nullable R outcome, @Nullable Throwable failure) {
    boolean more;
    state.lock();
    try {
      inFlight--;
      more = !queue.isEmpty();
    } finally {
      state.unlock();
    }
    for (Member<R> m : group) {
      if (failure != null) m.done.completeExceptionally(failure);
      else m.done.complete(outcome);
    }
    if (!more) return;
    try {
      drainer.execute(this::drain);
    } catch (RejectedExecutionException e) {
      drain(); // the executor is shutting down: submit (or, once closed, fail) here instead
    }
  }

  private static IllegalStateException closedException() {
    return new IllegalStateException("the metadata log is closed");
  }
}
