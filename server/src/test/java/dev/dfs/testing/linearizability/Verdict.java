package dev.dfs.testing.linearizability;

/** What a check concluded. */
public enum Verdict {
  LINEARIZABLE,
  NOT_LINEARIZABLE,
  /** The search gave up after its step budget: neither proven nor refuted. */
  UNKNOWN
}
