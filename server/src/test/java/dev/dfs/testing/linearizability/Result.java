package dev.dfs.testing.linearizability;

import java.util.List;

/**
 * The check of one key's history.
 *
 * @param key the key
 * @param verdict what the search concluded
 * @param operations how many operations constrained the search (failed operations and reads without
 *     an answer are left out)
 * @param longest the longest linearization the search built (the whole history's when it is
 *     linearizable), in linearization order
 * @param stuck when not linearizable: an operation that could not be placed after {@code longest}
 *     (it had to precede some operation still unplaced, but no order of the concurrent ones let
 *     it); null otherwise
 * @param steps search steps taken
 */
public record Result(
    String key, Verdict verdict, int operations, List<Op> longest, Op stuck, long steps) {
  public Result {
    longest = List.copyOf(longest);
  }

  /** Whether the history of this key was shown linearizable. */
  public boolean linearizable() {
    return verdict == Verdict.LINEARIZABLE;
  }

  /** A human explanation: the verdict and, when not linearizable, where the search got stuck. */
  public String describe() {
    StringBuilder b =
        new StringBuilder("key ")
            .append(key)
            .append(": ")
            .append(verdict)
            .append(" (")
            .append(operations)
            .append(" operations, ")
            .append(steps)
            .append(" steps)");
    if (verdict != Verdict.LINEARIZABLE) {
      b.append("\n  longest linearization found (").append(longest.size()).append("):");
      int from = Math.max(0, longest.size() - 10);
      if (from > 0) b.append("\n    ... ").append(from).append(" earlier");
      for (Op op : longest.subList(from, longest.size())) b.append("\n    ").append(op);
      if (stuck != null) b.append("\n  then no way to place: ").append(stuck);
    }
    return b.toString();
  }
}
