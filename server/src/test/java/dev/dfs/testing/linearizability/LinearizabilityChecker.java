package dev.dfs.testing.linearizability;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Decides whether a history is linearizable with respect to a {@link Model}: whether every
 * operation can be given one instant between its invocation and its completion such that, in the
 * order of those instants, each operation is legal in the model.
 *
 * <p>The search is Wing and Gong's, with Lowe's just-in-time linearization and memoization (as
 * Knossos's and Porcupine's): the invocations and completions form one list in time order; walking
 * it, an invoked operation may be linearized next when the model accepts it and the pair (set of
 * operations linearized, state) was not tried before; it is then lifted out of the list and the
 * walk restarts. Reaching a completion means that operation should have been linearized already:
 * the search backtracks. The history is linearizable when every operation was lifted.
 *
 * <p>Outcomes: a {@link Op.Outcome#FAILED} operation took no effect and is left out, as is a read
 * without an answer (it constrains nothing). An {@link Op.Outcome#INDETERMINATE} write or delete
 * completes at infinity: it may be placed any time after its invocation, and placing it after every
 * other operation is the same as its never having happened. One the model calls {@linkplain
 * Model#unobservable unobservable} (a write nobody read) is left out.
 *
 * <p>Histories are checked per key (a register per key is P-compositional: the whole history is
 * linearizable iff each key's is). Stateless; the search is exponential in the worst case, so it
 * stops after a step budget with {@link Verdict#UNKNOWN}.
 */
public final class LinearizabilityChecker {
  /**
   * Steps per key before the search gives up; histories of a few hundred operations per key need
   * far fewer.
   */
  public static final long DEFAULT_BUDGET = 20_000_000;

  private LinearizabilityChecker() {}

  /**
   * Checks every key's operations in {@code ops} separately against a fresh {@code model}; results
   * in key order.
   */
  public static <S> List<Result> checkPerKey(List<Op> ops, Model<S> model, long budgetPerKey) {
    Map<String, List<Op>> byKey = new TreeMap<>();
    for (Op op : ops) byKey.computeIfAbsent(op.key(), k -> new ArrayList<>()).add(op);
    List<Result> results = new ArrayList<>();
    byKey.forEach((key, keyOps) -> results.add(check(key, keyOps, model, budgetPerKey)));
    return results;
  }

  /** Checks {@code ops} (all on {@code key}) as one history of one object. */
  public static <S> Result check(String key, List<Op> ops, Model<S> model, long budget) {
    List<Op> relevant =
        ops.stream()
            .filter(op -> op.outcome() != Op.Outcome.FAILED)
            .filter(op -> !(op.kind() == Op.Kind.READ && op.outcome() == Op.Outcome.INDETERMINATE))
            .toList();
    relevant =
        relevant.stream()
            .filter(op -> op.outcome() != Op.Outcome.INDETERMINATE || !model.unobservable(op, ops))
            .toList();
    return new Search<>(key, relevant, model, budget).run();
  }

  /** One invocation or completion in the time-ordered list; lifted entries keep their links. */
  private static final class Entry {
    final Op op;
    final int index;
    final boolean call;
    final long time;
    Entry match;
    Entry prev;
    Entry next;

    Entry(Op op, int index, boolean call, long time) {
      this.op = op;
      this.index = index;
      this.call = call;
      this.time = time;
    }
  }

  private record Frame<S>(Entry call, S stateBefore) {}

  private record Memo<S>(BitSet linearized, S state) {}

  private static final class Search<S> {
    private final String key;
    private final List<Op> ops;
    private final Model<S> model;
    private final long budget;
    private final Entry head;
    private List<Op> longest = List.of();
    private Op stuck;

    Search(String key, List<Op> ops, Model<S> model, long budget) {
      this.key = key;
      this.ops = ops;
      this.model = model;
      this.budget = budget;
      this.head = link(ops);
    }

    /**
     * The entries in time order behind a sentinel head. At equal times invocations come first: an
     * operation that completed at the instant another was invoked counts as concurrent with it (a
     * timer's resolution cannot order them).
     */
    private static Entry link(List<Op> ops) {
      List<Entry> entries = new ArrayList<>(2 * ops.size());
      for (int i = 0; i < ops.size(); i++) {
        Op op = ops.get(i);
        Entry call = new Entry(op, i, true, op.invoke());
        Entry ret = new Entry(op, i, false, op.complete());
        call.match = ret;
        ret.match = call;
        entries.add(call);
        entries.add(ret);
      }
      entries.sort(
          Comparator.comparingLong((Entry e) -> e.time).thenComparing(e -> e.call ? 0 : 1));
      Entry head = new Entry(null, -1, false, Long.MIN_VALUE);
      Entry last = head;
      for (Entry e : entries) {
        last.next = e;
        e.prev = last;
        last = e;
      }
      return head;
    }

    Result run() {
      Deque<Frame<S>> stack = new ArrayDeque<>();
      Set<Memo<S>> tried = new HashSet<>();
      BitSet linearized = new BitSet(ops.size());
      S state = model.initial();
      Entry entry = head.next;
      long steps = 0;
      while (head.next != null) {
        if (++steps > budget) return result(Verdict.UNKNOWN, steps);
        if (entry.call) {
          S after = model.step(state, entry.op);
          if (after != null && tried.add(new Memo<>(with(linearized, entry.index), after))) {
            stack.push(new Frame<>(entry, state));
            state = after;
            linearized.set(entry.index);
            lift(entry);
            entry = head.next;
          } else {
            entry = entry.next;
          }
        } else {
          if (stack.size() >= longest.size()) remember(stack, entry.op);
          if (stack.isEmpty()) return result(Verdict.NOT_LINEARIZABLE, steps);
          Frame<S> top = stack.pop();
          state = top.stateBefore();
          linearized.clear(top.call().index);
          unlift(top.call());
          entry = top.call().next;
        }
      }
      longest = linearization(stack);
      stuck = null;
      return result(Verdict.LINEARIZABLE, steps);
    }

    private void remember(Deque<Frame<S>> stack, Op blocked) {
      longest = linearization(stack);
      stuck = blocked;
    }

    private static <S> List<Op> linearization(Deque<Frame<S>> stack) {
      List<Op> order = new ArrayList<>(stack.size());
      stack.descendingIterator().forEachRemaining(f -> order.add(f.call().op));
      return order;
    }

    private Result result(Verdict verdict, long steps) {
      return new Result(
          key, verdict, ops.size(), longest, verdict == Verdict.LINEARIZABLE ? null : stuck, steps);
    }

    private static BitSet with(BitSet set, int index) {
      BitSet copy = (BitSet) set.clone();
      copy.set(index);
      return copy;
    }

    /** Takes an invocation and its completion out of the list. */
    private static void lift(Entry call) {
      call.prev.next = call.next;
      call.next.prev = call.prev;
      Entry ret = call.match;
      ret.prev.next = ret.next;
      if (ret.next != null) ret.next.prev = ret.prev;
    }

    /** Puts back what {@link #lift} took out (entries are restored in the reverse order). */
    private static void unlift(Entry call) {
      Entry ret = call.match;
      ret.prev.next = ret;
      if (ret.next != null) ret.next.prev = ret;
      call.prev.next = call;
      call.next.prev = call;
    }
  }
}
