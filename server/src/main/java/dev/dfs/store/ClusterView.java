package dev.dfs.store;

import java.util.Optional;

/**
 * What a clustered engine tells the layers above it (the HTTP front, the management API, metrics,
 * readiness) about its cluster. Offered by {@link ObjectStore#cluster()}; single-node engines
 * (local, gateway) offer none, and then nothing cluster-related is loaded.
 *
 * <p>Only the leader admits metadata writes: the HTTP front forwards a mutating request that
 * arrives on another node to {@link #leader()}'s S3 endpoint, signed with {@link #sign} so the
 * leader trusts the client address it carries ({@link #verify}), and calls {@link #readBarrier()}
 * once before serving a read, so every read sees every write acknowledged before it started
 * (linearizable).
 *
 * <p>Thread-safe. Every method but {@link #readBarrier()} returns at once (no network I/O).
 */
public interface ClusterView {

  /** This node's id ({@code DFS_NODE_ID}). */
  String nodeId();

  /** Whether this node is the leader and admits writes now. */
  boolean admitsWrites();

  /** The leader as this node knows it now; empty while none is known (election, no quorum). */
  Optional<ClusterStatus.Member> leader();

  /**
   * Whether this node is part of a working quorum now: it knows a leader that it (or, on the
   * leader, a majority) heard from within the election timeout. {@code /api/v1/ready} fails while
   * this is false.
   */
  boolean inQuorum();

  /**
   * Returns once this node's metadata reflects every write acknowledged anywhere before the call
   * (Raft ReadIndex). Throws {@link StoreException} with {@link StoreError#UNAVAILABLE} when no
   * leader confirms within the commit timeout; never hangs longer than that.
   */
  void readBarrier();

  /** A snapshot of the cluster for {@code /api/v1/cluster}, the CLI and metrics. Cheap. */
  ClusterStatus status();

  /**
   * Counts one request the HTTP front forwarded to the leader, reported in {@link
   * ClusterStatus.Counters#forwardedRequests()}. The front does the forwarding; the view keeps the
   * node's counters in one place.
   */
  default void forwarded() {}

  /** The operator's changes (membership, layout); empty on a view that offers none. */
  default Optional<ClusterAdmin> admin() {
    return Optional.empty();
  }

  /**
   * This node's metadata digest and the applied position it was taken at, read from one consistent
   * snapshot (for checking that replicas agree). Reads the whole metadata: for admin checks and
   * tests, not per request. Empty when the engine cannot compute one.
   */
  default Optional<ClusterStatus.MetadataDigest> metadataDigest() {
    return Optional.empty();
  }

  /** HMAC-SHA256 (lower-case hex) of {@code canonical} under the cluster secret. */
  String sign(String canonical);

  /** Whether {@code signature} is {@link #sign}{@code (canonical)}, compared in constant time. */
  boolean verify(String canonical, String signature);
}
