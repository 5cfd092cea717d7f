/**
 * Replica upkeep of a cluster node: repair, dead-node re-placement and scrub.
 *
 * <ul>
 *   <li>{@link dev.dfs.store.cluster.repair.ReplicaOwners}: the one question "who should hold this
 *       chunk now" ({@link dev.dfs.store.cluster.repair.LiveOwners}: rendezvous placement over the
 *       nodes not declared dead by {@link dev.dfs.store.cluster.repair.NodeLiveness}); a versioned
 *       layout can answer it instead.
 *   <li>{@link dev.dfs.store.cluster.repair.DurableRepairQueue}: this node's repair hints, in a
 *       file of its own ({@code repair/queue}), at least once across restarts.
 *   <li>{@link dev.dfs.store.cluster.repair.RepairWorker}: drains the queue on every node (copies
 *       are idempotent) and, on the leader only, runs the resumable full pass ({@code FullPass},
 *       cursor in {@code repair/cursor}).
 *   <li>{@link dev.dfs.store.cluster.repair.Scrubber}: reads every local replica, quarantines
 *       damaged ones ({@code quarantine/}) and queues their repair.
 * </ul>
 *
 * Invariants: a copy goes through a verified read of a healthy source and is published only
 * complete and fsynced, so repair never spreads damage; only chunks the metadata references (after
 * a read barrier) are repaired, so a deleted object is never brought back by a stale hint, except
 * within the 30 s delete grace, whose copies are orphans for the sweeper.
 */
package dev.dfs.store.cluster.repair;
