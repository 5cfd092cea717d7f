package dev.dfs.store.cluster.repair;

import java.time.Instant;

/**
 * The layout's side of a rebalance, as the leader's {@link RepairWorker} sees it: which version
 * data moves to, where to record how much the worker moved, and how to retire the older versions
 * once a full pass found every owner of the newest holding its copies. Implementations are
 * thread-safe.
 */
public interface Rebalancing {
  /**
   * The newest layout version.
   *
   * @param moving whether older versions are still active (data moves to this one)
   * @param appliedAt when it was applied (a pass that may retire the older versions starts at least
   *     {@link RepairWorker#SETTLE} later, so writes that chose their nodes by an older version on
   *     a node that had not applied this one yet have committed and are seen)
   */
  record Target(long version, boolean moving, Instant appliedAt) {}

  /** The newest version now. */
  Target target();

  /**
   * Adds {@code chunks} chunks of {@code bytes} to what the rebalance to {@code version} moved (the
   * worker's copies since its last record).
   */
  void moved(long version, long chunks, long bytes);

  /** Retires every version older than {@code version}: its owners hold every chunk. */
  void settled(long version);

  /** A layout that never changes: one version, nothing moves. */
  Rebalancing NONE =
      new Rebalancing() {
        @Override
        public Target target() {
          return new Target(1, false, Instant.EPOCH);
        }

        @Override
        public void moved(long version, long chunks, long bytes) {
          // nothing moves
        }

        @Override
        public void settled(long version) {
          // nothing to retire
        }
      };
}
