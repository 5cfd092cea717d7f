/**
 * The cluster engine ({@code STORAGE_ENV=cluster}): {@link dev.dfs.store.cluster.ClusterNode}
 * starts one node, a {@link dev.dfs.store.local.LocalStore} whose metadata is a member of the Raft
 * group ({@code store.cluster.meta}) and whose object bytes go to replicas on several nodes ({@code
 * store.cluster.data}) through the {@link dev.dfs.store.local.ChunkBackend} seam, and offers the
 * {@link dev.dfs.store.ClusterView} through {@code ObjectStore.cluster()}.
 *
 * <h2>On disk, under the node's data dir</h2>
 *
 * <pre>
 *   meta/     RocksDB metadata (as the local engine's), replicated by Raft
 *   raft/     the Raft log and metadata snapshots
 *   chunks/   this node's chunk replicas (the local engine's layout and format), tmp/ their temp files
 * </pre>
 *
 * <h2>Ports</h2>
 *
 * {@code DFS_CLUSTER_ADDRESS} host:port: the chunk service (HTTP, cluster-secret signed requests)
 * on the port, the Raft server (gRPC) on port + 1; the S3 listener is the server's own.
 *
 * <h2>Who does what</h2>
 *
 * Only the Raft leader admits writes ({@link dev.dfs.store.cluster.ClusterStore} refuses them
 * elsewhere with UNAVAILABLE before reading a body); the node that admits a write also coordinates
 * its chunk replication. Any node serves reads from its own metadata; callers that need them
 * linearizable call the view's read barrier first.
 *
 * <h2>Membership and layout</h2>
 *
 * The initial voters are the seeds. A node whose id is not among its seeds joins ({@code Joiner}):
 * it asks a member (chunk service, {@code POST /v1/members}, signed with the cluster secret) to add
 * it; {@code MembershipService} hands the request to the leader, which adds it as a Raft learner.
 * Promote, remove and leadership transfer ({@link dev.dfs.store.ClusterAdmin}, {@code
 * /api/v1/cluster/...}) take the same path, one change at a time, never leaving the remaining
 * voters without a live majority. Chunk placement works over the node list committed through Raft
 * ({@code CommittedLayout}, version 1 = the seeds), not over a node's own seeds.
 *
 * <h2>Storage tiers</h2>
 *
 * {@link dev.dfs.store.cluster.ClusterTiering} offers the local engine's tiering: every ledger and
 * version change of a move is a Raft commit of the leader, a tier copy replaces a version's
 * replicated chunks, tier definitions live in a replicated system table (S3 tiers only), and
 * transitions, restores, the free queue, pending placements and Intelligent-Tiering's moves run on
 * the leader. Every node records the reads it serves; a follower sends them to the leader in
 * batches every few seconds ({@link dev.dfs.store.cluster.AccessRelayToLeader}).
 */
package dev.dfs.store.cluster;
