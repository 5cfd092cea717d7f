package dev.dfs.store.cluster.data;

/**
 * A node's membership state as the layout records it (not its momentary health, which a reader
 * learns from failures): only {@link #ACTIVE} nodes receive new replicas.
 */
public enum NodeState {
  /** Holds replicas and is placed on. */
  ACTIVE,
  /** Keeps serving what it holds but receives no new placements (being emptied). */
  DRAINING,
  /** Left the cluster; placed on by nobody and read from by nobody. */
  RETIRED
}
