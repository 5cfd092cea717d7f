package dev.dfs.store;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A cluster as one node sees it at one moment ({@link ClusterView#status()}). Immutable.
 *
 * @param nodeId the node that answered
 * @param leaderId the leader it knows, if any
 * @param term the current Raft term
 * @param commitIndex the highest log index known committed
 * @param appliedIndex the highest log index applied to this node's metadata
 * @param members every voter and learner, in id order
 * @param underReplicatedChunks chunks known to have fewer healthy replicas than the
 *     replication factor (repairs queued on this node)
 * @param replicationFactor copies kept of each chunk
 * @param counters monotonic counters since this node started
 */
public record ClusterStatus(
    String nodeId,
    Optional<String> leaderId,
    long term,
    long commitIndex,
    long appliedIndex,
    List<Member> members,
    long underReplicatedChunks,
    int replicationFactor,
    Counters counters) {

  public ClusterStatus {
    members = List.copyOf(members);
  }

  /** A member's role in the metadata group. */
  public enum Role { LEADER, FOLLOWER, LEARNER, UNKNOWN }

  /** How this node judges a member's health (from heartbeats and replica traffic). */
  public enum Health { HEALTHY, SUSPECT, DOWN }

  /**
   * One node.
   *
   * @param id its {@code DFS_NODE_ID}
   * @param role its role, as far as this node knows
   * @param zone its {@code DFS_ZONE}
   * @param health healthy, suspect or down
   * @param clusterAddress host:port peers reach it on ({@code DFS_CLUSTER_ADDRESS})
   * @param s3Endpoint its S3 listener, where forwarded requests go; empty until learnt
   * @param capacityBytes size of its data volume, -1 unknown
   * @param usedBytes bytes of chunks it stores, -1 unknown
   * @param matchIndex highest log index known replicated on it (-1 unknown; the leader knows)
   * @param lastSeen when this node last heard from it (null: never)
   */
  public record Member(
      String id,
      Role role,
      String zone,
      Health health,
      String clusterAddress,
      Optional<URI> s3Endpoint,
      long capacityBytes,
      long usedBytes,
      long matchIndex,
      Instant lastSeen) {}

  /**
   * A fingerprint of one node's replicated metadata ({@link ClusterView#metadataDigest()}):
   * replicas that applied the same log position must have the same digest.
   *
   * @param nodeId the node that computed it
   * @param appliedTerm term of the last entry applied in the digested state (-1: none yet)
   * @param appliedIndex index of that entry (-1: none yet)
   * @param sha256 lower-case hex SHA-256 over every key and value of the metadata
   */
  public record MetadataDigest(String nodeId, long appliedTerm, long appliedIndex, String sha256) {}

  /**
   * Counters for metrics ({@code dfs_cluster_*}).
   *
   * @param leaderChanges leader changes seen
   * @param commits metadata entries this node committed as leader
   * @param commitNanos total time those commits took
   * @param forwardedRequests requests this node forwarded to the leader
   * @param replicaFailovers reads that failed over to another replica
   */
  public record Counters(long leaderChanges, long commits, long commitNanos, long forwardedRequests,
      long replicaFailovers) {
    public static final Counters ZERO = new Counters(0, 0, 0, 0, 0);
  }
}
