package dev.dfs.store;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A cluster as one node sees it at one moment ({@link ClusterView#status()}). Immutable.
 *
 * @param nodeId the node that answered
 * @param leaderId the leader it knows, if any
 * @param term the current Raft term
 * @param commitIndex the highest log index known committed
 * @param appliedIndex the highest log index applied to this node's metadata
 * @param members every voter and learner, in id order
 * @param underReplicatedChunks chunks known to have fewer healthy replicas than the replication
 *     factor (repairs queued on this node)
 * @param replicationFactor copies kept of each chunk
 * @param counters monotonic counters since this node started
 * @param repair repair, dead nodes and scrub as this node runs them ({@link Repair#NONE} when the
 *     engine reports none)
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
    Counters counters,
    Repair repair) {

  public ClusterStatus {
    members = List.copyOf(members);
  }

  /** A status without repair figures ({@link Repair#NONE}). */
  public ClusterStatus(
      String nodeId,
      Optional<String> leaderId,
      long term,
      long commitIndex,
      long appliedIndex,
      List<Member> members,
      long underReplicatedChunks,
      int replicationFactor,
      Counters counters) {
    this(
        nodeId,
        leaderId,
        term,
        commitIndex,
        appliedIndex,
        members,
        underReplicatedChunks,
        replicationFactor,
        counters,
        Repair.NONE);
  }

  /** A member's role in the metadata group. */
  public enum Role {
    LEADER,
    FOLLOWER,
    LEARNER,
    UNKNOWN
  }

  /**
   * How this node judges a member's health (from heartbeats and replica traffic). DEAD: not heard
   * from for longer than {@code DFS_NODE_DEAD_AFTER}; its chunks are re-replicated to the next
   * nodes of their placement.
   */
  public enum Health {
    HEALTHY,
    SUSPECT,
    DOWN,
    DEAD
  }

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
   * @param voting whether it votes in the metadata group (false: a learner, which receives the log
   *     but does not count for elections or commits)
   * @param chunksRepaired replicas its repair worker copied since it started, as it last told this
   *     node (-1: not told)
   * @param bytesRepaired their bytes (-1: not told)
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
      @Nullable Instant lastSeen,
      boolean voting,
      long chunksRepaired,
      long bytesRepaired) {

    /** A member whose repairs are not known (-1). */
    public Member(
        String id,
        Role role,
        String zone,
        Health health,
        String clusterAddress,
        Optional<URI> s3Endpoint,
        long capacityBytes,
        long usedBytes,
        long matchIndex,
        @Nullable Instant lastSeen,
        boolean voting) {
      this(
          id,
          role,
          zone,
          health,
          clusterAddress,
          s3Endpoint,
          capacityBytes,
          usedBytes,
          matchIndex,
          lastSeen,
          voting,
          -1,
          -1);
    }

    /** A member that votes unless it is a {@link Role#LEARNER}. */
    public Member(
        String id,
        Role role,
        String zone,
        Health health,
        String clusterAddress,
        Optional<URI> s3Endpoint,
        long capacityBytes,
        long usedBytes,
        long matchIndex,
        Instant lastSeen) {
      this(
          id,
          role,
          zone,
          health,
          clusterAddress,
          s3Endpoint,
          capacityBytes,
          usedBytes,
          matchIndex,
          lastSeen,
          role != Role.LEARNER);
    }
  }

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
   * @param commits metadata writes this node committed as leader
   * @param commitNanos total time those commits took
   * @param commitEntries Raft entries those writes went into (concurrent writes share one)
   * @param forwardedRequests requests this node forwarded to the leader
   * @param replicaFailovers reads that failed over to another replica
   * @param readBarriers read barriers this node sent (ReadIndex and confirmation round)
   * @param barrierReads reads that waited for one: over {@code readBarriers}, how many reads share
   *     a barrier
   */
  public record Counters(
      long leaderChanges,
      long commits,
      long commitNanos,
      long commitEntries,
      long forwardedRequests,
      long replicaFailovers,
      long readBarriers,
      long barrierReads) {
    public static final Counters ZERO = new Counters(0, 0, 0, 0, 0, 0, 0, 0);
  }

  /**
   * Background upkeep of the chunk replicas, as this node runs it. Repair runs its full pass and
   * re-replicates dead nodes' chunks on the leader; every node repairs the damage it noticed itself
   * and scrubs its own replicas.
   *
   * @param chunksToGo replicas queued for repair on this node (missing, damaged, under-placed)
   * @param bytesToGo their bytes (an estimate: queued hints of unknown size count as the mean size
   *     repaired so far)
   * @param bytesPerSecond repair rate over the last minute
   * @param etaSeconds bytesToGo at that rate (-1: unknown, nothing moving)
   * @param chunksRepaired replicas copied since this node started
   * @param bytesRepaired their bytes
   * @param repairFailures copies that failed (retried later)
   * @param fullPassRunning whether a full pass (every referenced chunk against every owner's
   *     listing) is under way on this node
   * @param lastFullPass when the last full pass ended (null: none since the cursor was created)
   * @param deadNodes members declared dead, in id order
   * @param scrubbedChunks replicas this node's scrub read and verified since it started
   * @param scrubbedBytes their bytes
   * @param scrubCorrupt replicas the scrub found damaged, quarantined and queued for repair
   * @param lastScrubPass when this node's last full scrub pass ended (null: none yet)
   * @param gc the orphan sweep's figures ({@link Gc#NONE} where there is none)
   * @param drainingNodes members the layout marks draining, in layout order (the drain command
   *     measures how far each is)
   */
  public record Repair(
      long chunksToGo,
      long bytesToGo,
      double bytesPerSecond,
      long etaSeconds,
      long chunksRepaired,
      long bytesRepaired,
      long repairFailures,
      boolean fullPassRunning,
      @Nullable Instant lastFullPass,
      List<String> deadNodes,
      long scrubbedChunks,
      long scrubbedBytes,
      long scrubCorrupt,
      @Nullable Instant lastScrubPass,
      Gc gc,
      List<String> drainingNodes) {
    public static final Repair NONE =
        new Repair(0, 0, 0, -1, 0, 0, 0, false, null, List.of(), 0, 0, 0, null, Gc.NONE, List.of());

    public Repair {
      deadNodes = List.copyOf(deadNodes);
      java.util.Objects.requireNonNull(gc, "gc");
      drainingNodes = List.copyOf(drainingNodes);
    }

    /** These figures with {@code draining} as the draining nodes. */
    public Repair withDrainingNodes(List<String> draining) {
      return new Repair(
          chunksToGo,
          bytesToGo,
          bytesPerSecond,
          etaSeconds,
          chunksRepaired,
          bytesRepaired,
          repairFailures,
          fullPassRunning,
          lastFullPass,
          deadNodes,
          scrubbedChunks,
          scrubbedBytes,
          scrubCorrupt,
          lastScrubPass,
          gc,
          draining);
    }
  }

  /**
   * Garbage collection of chunk replicas as this node runs it: the orphan sweep runs on the leader;
   * every node counts the removals it refused because the chunk was still referenced.
   *
   * @param graceSeconds how long a replica must have been seen unreferenced before it is removed
   * @param passRunning whether a sweep pass is under way on this node
   * @param lastPass when this node's last sweep pass ended (null: none yet)
   * @param passes sweep passes this node completed since it started
   * @param suspects replicas seen unreferenced and waiting out the grace period
   * @param orphansRemoved replicas the sweep removed since this node started
   * @param bytesRemoved their bytes
   * @param removalsKept replica removals refused because the chunk was referenced, in use or a
   *     commit was in doubt (for one, a write whose commit outcome was unknown but applied)
   */
  public record Gc(
      long graceSeconds,
      boolean passRunning,
      @Nullable Instant lastPass,
      long passes,
      long suspects,
      long orphansRemoved,
      long bytesRemoved,
      long removalsKept) {
    public static final Gc NONE = new Gc(0, false, null, 0, 0, 0, 0, 0);
  }
}
