package dev.dfs.testing.linearizability;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * The checker against two oracles: histories generated from a real register (every operation given
 * an instant inside its interval) must be accepted, also with indeterminate and failed writes; and
 * on small random histories its verdict must equal a brute-force search over every order that
 * respects real time.
 */
class LinearizabilityCheckerPropertyTest {
  private static final RegisterModel MODEL = new RegisterModel();

  /**
   * A history that is linearizable by construction: operation i takes effect at instant 100 * i.
   */
  private static List<Op> linearizableHistory(long seed, int size) {
    Random r = new Random(seed);
    List<Op> ops = new ArrayList<>();
    String value = null;
    for (int i = 0; i < size; i++) {
      long at = 100L * i;
      long invoke = at - r.nextInt(400);
      long complete = at + r.nextInt(400);
      int roll = r.nextInt(10);
      if (roll < 3) {
        value = "v" + i;
        Op.Outcome outcome = r.nextInt(4) == 0 ? Op.Outcome.INDETERMINATE : Op.Outcome.OK;
        ops.add(new Op(i, r.nextInt(4), "k", Op.Kind.WRITE, value, invoke, complete, outcome));
      } else if (roll == 3) {
        value = null;
        ops.add(Op.delete(i, r.nextInt(4), "k", invoke, complete));
      } else if (roll == 4) {
        // took no effect: refused, or lost with an unknown outcome
        Op.Outcome outcome = r.nextBoolean() ? Op.Outcome.INDETERMINATE : Op.Outcome.FAILED;
        ops.add(new Op(i, r.nextInt(4), "k", Op.Kind.WRITE, "lost" + i, invoke, complete, outcome));
      } else {
        ops.add(Op.read(i, r.nextInt(4), "k", value, invoke, complete));
      }
    }
    return ops;
  }

  @Property(tries = 300)
  void historiesOfARealRegisterAreAccepted(
      @ForAll long seed, @ForAll @IntRange(min = 1, max = 120) int size) {
    List<Op> ops = linearizableHistory(seed, size);
    Result result =
        LinearizabilityChecker.check("k", ops, MODEL, LinearizabilityChecker.DEFAULT_BUDGET);
    assertThat(result.verdict()).as(result.describe()).isEqualTo(Verdict.LINEARIZABLE);
  }

  @Property(tries = 300)
  void aReadOfAValueNobodyWroteIsRejected(
      @ForAll long seed, @ForAll @IntRange(min = 1, max = 120) int size) {
    List<Op> ops = new ArrayList<>(linearizableHistory(seed, size));
    int read = -1;
    for (int i = 0; i < ops.size(); i++) if (ops.get(i).kind() == Op.Kind.READ) read = i;
    if (read < 0) ops.add(Op.read(size, 9, "k", "forged", 100L * size, 100L * size + 1));
    else ops.set(read, ops.get(read).withValue("forged"));
    Result result =
        LinearizabilityChecker.check("k", ops, MODEL, LinearizabilityChecker.DEFAULT_BUDGET);
    assertThat(result.verdict()).as(result.describe()).isEqualTo(Verdict.NOT_LINEARIZABLE);
  }

  @Property(tries = 1000)
  void agreesWithBruteForceOnSmallHistories(
      @ForAll long seed, @ForAll @IntRange(min = 1, max = 6) int size) {
    Random r = new Random(seed);
    List<Op> ops = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      long invoke = r.nextInt(60);
      long complete = invoke + r.nextInt(40);
      String value = r.nextInt(4) == 0 ? null : "v" + r.nextInt(3);
      int o = r.nextInt(6);
      Op.Outcome outcome =
          o < 4 ? Op.Outcome.OK : o == 4 ? Op.Outcome.FAILED : Op.Outcome.INDETERMINATE;
      Op op =
          switch (r.nextInt(3)) {
            case 0 ->
                new Op(
                    i,
                    i,
                    "k",
                    Op.Kind.WRITE,
                    value == null ? "v0" : value,
                    invoke,
                    complete,
                    outcome);
            case 1 -> new Op(i, i, "k", Op.Kind.DELETE, null, invoke, complete, outcome);
            default -> new Op(i, i, "k", Op.Kind.READ, value, invoke, complete, outcome);
          };
      ops.add(op);
    }
    boolean expected = BruteForce.linearizable(ops);
    Result result =
        LinearizabilityChecker.check("k", ops, MODEL, LinearizabilityChecker.DEFAULT_BUDGET);
    assertThat(result.linearizable()).as("%s\n%s", ops, result.describe()).isEqualTo(expected);
  }

  /**
   * Every order of every subset that keeps the operations that must take effect; obviously right,
   * factorial.
   */
  private static final class BruteForce {
    static boolean linearizable(List<Op> all) {
      List<Op> ops =
          all.stream()
              .filter(op -> op.outcome() != Op.Outcome.FAILED)
              .filter(
                  op -> !(op.kind() == Op.Kind.READ && op.outcome() == Op.Outcome.INDETERMINATE))
              .toList();
      return search(ops, new boolean[ops.size()], new ArrayList<>());
    }

    private static boolean search(List<Op> ops, boolean[] used, List<Op> order) {
      if (legalSoFar(order) && everyRequiredPlaced(ops, used)) return true;
      for (int i = 0; i < ops.size(); i++) {
        if (used[i] || !mayGoNext(ops, used, i)) continue;
        used[i] = true;
        order.add(ops.get(i));
        boolean ok = legalSoFar(order) && search(ops, used, order);
        order.remove(order.size() - 1);
        used[i] = false;
        if (ok) return true;
      }
      return false;
    }

    /** Indeterminate operations may be left out (never took effect); acknowledged ones may not. */
    private static boolean everyRequiredPlaced(List<Op> ops, boolean[] used) {
      for (int i = 0; i < ops.size(); i++)
        if (!used[i] && ops.get(i).outcome() == Op.Outcome.OK) return false;
      return true;
    }

    /**
     * Op i may be next unless an unplaced acknowledged operation completed strictly before i was
     * invoked.
     */
    private static boolean mayGoNext(List<Op> ops, boolean[] used, int i) {
      for (int j = 0; j < ops.size(); j++) {
        if (j != i && !used[j] && ops.get(j).complete() < ops.get(i).invoke()) return false;
      }
      return true;
    }

    private static boolean legalSoFar(List<Op> order) {
      String value = null;
      for (Op op : order) {
        switch (op.kind()) {
          case WRITE -> value = op.value();
          case DELETE -> value = null;
          case READ -> {
            if (!Objects.equals(value, op.value())) return false;
          }
        }
      }
      return true;
    }
  }
}
