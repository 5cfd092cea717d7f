package dev.dfs.testing.linearizability;

/**
 * A sequential specification: the state of one object and how each operation changes it. States
 * must be immutable and have value equality (they are memoized by the checker).
 *
 * @param <S> the state
 */
public interface Model<S> {
  /** The state before any operation. */
  S initial();

  /**
   * The state after {@code op} applied to {@code state}, or null when {@code op} could not have
   * happened in {@code state} (a read that returned something else).
   */
  S step(S state, Op op);

  /**
   * Whether {@code indeterminate} may be left out of the search because it can always be linearized
   * after everything else without changing any verdict (its effect, wherever it took place, is
   * unobservable in {@code history}). Pruning such operations keeps the search small: each
   * indeterminate operation otherwise doubles the states to try. Default: never.
   */
  default boolean unobservable(Op indeterminate, java.util.List<Op> history) {
    return false;
  }
}
