package dev.dfs.testing.linearizability;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Records a history while clients run: each client calls {@link #invoke} just before it sends an
 * operation and completes the returned {@link Call} once with what it learned. Times come from one
 * monotonic clock ({@link System#nanoTime()} unless given). Thread-safe.
 */
public final class History {
  private final LongSupplier clock;
  private final AtomicLong ids = new AtomicLong();
  private final Map<Long, Op> open = new ConcurrentHashMap<>();
  private final Map<Long, Op> done = new ConcurrentHashMap<>();

  public History() {
    this(System::nanoTime);
  }

  /** A history stamping times from {@code clock} (monotonic, shared by every client). */
  public History(LongSupplier clock) {
    this.clock = clock;
  }

  /**
   * Records that {@code client} sends an operation now. {@code value}: the value of a write, null
   * for a read or delete (a read's result is given to {@link Call#ok(String)}).
   */
  public Call invoke(int client, String key, Op.Kind kind, String value) {
    long id = ids.incrementAndGet();
    Op op =
        new Op(
            id,
            client,
            key,
            kind,
            value,
            clock.getAsLong(),
            Long.MAX_VALUE,
            Op.Outcome.INDETERMINATE);
    open.put(id, op);
    return new Call(op);
  }

  /**
   * Every operation recorded so far, in invocation order; one whose {@link Call} was never
   * completed counts as indeterminate.
   */
  public List<Op> ops() {
    List<Op> all = new ArrayList<>(done.values());
    all.addAll(open.values());
    all.sort(Comparator.comparingLong(Op::invoke).thenComparingLong(Op::id));
    return all;
  }

  /** An operation in flight; complete it exactly once. */
  public final class Call {
    private final Op op;

    private Call(Op op) {
      this.op = op;
    }

    /** It succeeded (a write or delete). */
    public void ok() {
      finish(op.value(), Op.Outcome.OK);
    }

    /** A read succeeded and returned {@code value} (null: not found). */
    public void ok(String value) {
      if (op.kind() != Op.Kind.READ)
        throw new IllegalStateException("only a read returns a value: " + op);
      finish(value, Op.Outcome.OK);
    }

    /** It was refused with an error that guarantees it took no effect. */
    public void failed() {
      finish(op.value(), Op.Outcome.FAILED);
    }

    /**
     * Its effect is unknown (timeout, connection lost, an error that does not rule out its effect).
     */
    public void indeterminate() {
      finish(op.value(), Op.Outcome.INDETERMINATE);
    }

    private void finish(String value, Op.Outcome outcome) {
      long now = clock.getAsLong();
      if (open.remove(op.id()) == null) throw new IllegalStateException("completed twice: " + op);
      done.put(
          op.id(),
          new Op(op.id(), op.client(), op.key(), op.kind(), value, op.invoke(), now, outcome));
    }
  }
}
