/**
 * The cluster engine's metadata: the local engine's RocksDB metadata replicated by an Apache
 * Ratis (Raft) group. Not yet selectable ({@code STORAGE_ENV=cluster} comes with the wiring).
 *
 * <h2>How it fits the local engine</h2>
 * {@link dev.dfs.store.local.LocalStore#openReplicated} opens an ordinary LocalStore whose
 * metadata commits go through a {@link dev.dfs.store.local.MetaLog} opened over its
 * {@link dev.dfs.store.local.MetaReplica}; here that log is {@link
 * dev.dfs.store.cluster.meta.RaftMetaLog}:
 *
 * <pre>
 *   LocalStore.openReplicated(dataDir, options,
 *       replica -> RaftMetaLog.start(settings, dataDir.resolve("raft"), replica, RaftTuning.defaults()))
 * </pre>
 *
 * The engine's logic is unchanged: on the leader it computes a WriteBatch under its key locks
 * exactly as on one node, and the batch becomes a log entry ({@link
 * dev.dfs.store.cluster.meta.MetaEntries}) applied by {@link
 * dev.dfs.store.cluster.meta.MetaStateMachine} on every replica. Chunk files stay on the
 * node that wrote them until the chunk replication package takes over.
 *
 * <h2>On disk, under the node's data dir</h2>
 * <pre>
 *   meta/                     RocksDB, as the local engine's; META also holds
 *                             "replica-applied" -> term, index of the last applied entry
 *   raft/&lt;group uuid&gt;/current/  Ratis log segments and its metadata
 *   raft/&lt;group uuid&gt;/sm/snapshot/&lt;term&gt;_&lt;index&gt;/   the newest metadata checkpoint
 * </pre>
 *
 * <h2>Settings</h2>
 * {@link dev.dfs.store.cluster.meta.ClusterSettings} parses {@code DFS_CLUSTER_NODE_ID},
 * {@code DFS_CLUSTER_ADDRESS}, {@code DFS_CLUSTER_SEEDS}, {@code DFS_CLUSTER_SECRET},
 * {@code DFS_CLUSTER_ZONE}; {@link dev.dfs.store.cluster.meta.RaftTuning} holds timing.
 */
package dev.dfs.store.cluster.meta;
