/**
 * The cluster HTTP front: installed by {@link dev.dfs.server.DfsServer} in front of the S3 and
 * management handlers only when the engine offers a {@link dev.dfs.store.ClusterView}, so any node
 * serves any request. {@link dev.dfs.server.cluster.ClusterFront} decides per request: writes on a
 * node that is not the leader go through {@link dev.dfs.server.cluster.LeaderProxy} to the leader,
 * reads wait for the view's read barrier, and a request another node forwarded carries the client's
 * address, trusted only when {@link dev.dfs.server.cluster.ForwardedFor}'s signature verifies.
 * Nothing here is loaded on the single-node engines.
 */
package dev.dfs.server.cluster;
