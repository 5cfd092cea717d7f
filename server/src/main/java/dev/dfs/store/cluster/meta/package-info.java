/**
 * The cluster engine's metadata: the local engine's RocksDB metadata replicated by an Apache Ratis
 * (Raft) group; {@link dev.dfs.store.cluster.ClusterNode} wires it ({@code STORAGE_ENV=cluster}).
 *
 * <h2>How it fits the local engine</h2>
 *
 * {@link dev.dfs.store.local.LocalStore#openReplicated} opens an ordinary LocalStore whose metadata
 * commits go through a {@link dev.dfs.store.local.MetaLog} opened over its {@link
 * dev.dfs.store.local.MetaReplica}; here that log is {@link
 * dev.dfs.store.cluster.meta.RaftMetaLog}:
 *
 * <pre>
 *   LocalStore.openReplicated(dataDir, options,
 *       replica -> RaftMetaLog.start(settings, dataDir.resolve("raft"), replica, RaftTuning.defaults(),
 *           probe))   // probe: asks the other voters to confirm read barriers ({@link
 *                     // dev.dfs.store.cluster.meta.VoterProbe})
 * </pre>
 *
 * The engine's logic is unchanged: on the leader it computes a WriteBatch under its key locks
 * exactly as on one node, and the batch becomes a log entry ({@link
 * dev.dfs.store.cluster.meta.MetaEntries}) applied by {@link
 * dev.dfs.store.cluster.meta.MetaStateMachine} on every replica. In the cluster engine the store's
 * chunks go to their replicas through a {@link dev.dfs.store.local.ChunkBackend} ({@code
 * LocalStore.openReplicated(dir, options, backend, binder)}); with the three-argument form (tests
 * here) they stay on the node that wrote them.
 *
 * <h2>On disk, under the node's data dir</h2>
 *
 * <pre>
 *   meta/                     RocksDB, as the local engine's; META also holds
 *                             "replica-applied" -> term, index of the last applied entry
 *   raft/&lt;group uuid&gt;/current/  Ratis log segments and its metadata
 *   raft/&lt;group uuid&gt;/sm/snapshot/&lt;term&gt;_&lt;index&gt;/   the newest metadata checkpoint
 * </pre>
 *
 * <h2>Settings</h2>
 *
 * {@link dev.dfs.store.cluster.meta.ClusterSettings} parses {@code DFS_NODE_ID}, {@code
 * DFS_CLUSTER_ADDRESS}, {@code DFS_CLUSTER_SEEDS}, {@code DFS_CLUSTER_SECRET}, {@code DFS_ZONE};
 * the Raft server listens on the cluster address's port + 1 ({@link
 * dev.dfs.store.cluster.meta.ClusterSettings#raft()}); {@link
 * dev.dfs.store.cluster.meta.RaftTuning} holds timing.
 */
package dev.dfs.store.cluster.meta;
