package dev.dfs.store;

import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The operator's changes to a cluster ({@code /api/v1/cluster/...}, {@code dfs admin cluster}),
 * offered by {@link ClusterView#admin()}. Any node accepts a call and hands it to the leader, which
 * applies it; each call returns once the change is committed (or refused).
 *
 * <p>Membership changes are one step at a time and never lose the quorum: a change is refused
 * ({@link Refused.Kind#CONFLICT}) while another is still in progress, and removing a voter is
 * refused when the voters left would not include a live majority. Errors are {@link Refused} with a
 * kind the API maps to an HTTP status. Thread-safe.
 */
public interface ClusterAdmin {

  /** Makes the learner {@code nodeId} a voter. */
  void promote(String nodeId);

  /** Removes {@code nodeId} (voter or learner) from the metadata group. */
  void remove(String nodeId);

  /**
   * Hands leadership to {@code nodeId}, or when empty to the most up-to-date other live voter
   * (before a planned restart of the leader). Returns the new leader's id.
   */
  String transferLeadership(Optional<String> nodeId);

  /**
   * Starts draining {@code nodeId} (idempotent): the layout marks it draining, so it receives no
   * new chunks and repair copies every chunk it holds to the nodes that own it now; returns the
   * progress, as a repeated call does while it moves. Refused (CONFLICT) when the active nodes left
   * would be fewer than the replication factor.
   */
  default Drain drain(String nodeId) {
    throw new Refused(Refused.Kind.INVALID, "this cluster does not drain nodes");
  }

  /** The layout: the applied versions, the staged changes and what they would move. */
  default ClusterLayout layout() {
    throw new Refused(Refused.Kind.INVALID, "this cluster has no versioned layout");
  }

  /** {@link #layout()} without the predicted moves (cheap: for the cluster status). */
  default ClusterLayout layoutStatus() {
    return layout();
  }

  /**
   * Stages {@code changes} on top of the staged layout (or the newest version when nothing is
   * staged); nothing moves until {@link #applyLayout}. Returns the layout with the new moves.
   * Refused: an unknown node (NOT_FOUND: not a member), a bad zone, capacity or state (INVALID).
   */
  default ClusterLayout stageLayout(java.util.List<ClusterLayout.Assignment> changes) {
    throw new Refused(Refused.Kind.INVALID, "this cluster has no versioned layout");
  }

  /**
   * Applies the staged layout as version {@code version}, which must be the newest version + 1 (so
   * two operators cannot apply over each other: CONFLICT otherwise, or when nothing is staged).
   * Data then moves to the new owners; returns the layout.
   */
  default ClusterLayout applyLayout(long version) {
    throw new Refused(Refused.Kind.INVALID, "this cluster has no versioned layout");
  }

  /** Drops the staged changes (none staged: a no-op); returns the layout. */
  default ClusterLayout revertLayout() {
    throw new Refused(Refused.Kind.INVALID, "this cluster has no versioned layout");
  }

  /**
   * How far a drain is.
   *
   * @param chunksHeld referenced chunks the node still holds
   * @param chunksToGo of those, the ones some owner other than the node still lacks
   * @param bytesToGo their bytes
   * @param safeToRemove the node is draining and every chunk it holds is on its owners: {@link
   *     #remove} it and switch it off
   */
  record Drain(
      String nodeId, long chunksHeld, long chunksToGo, long bytesToGo, boolean safeToRemove) {}

  /** A refused or failed change; {@link #kind} says why, the message says what to do. */
  final class Refused extends RuntimeException {
    /**
     * Why: an unknown node, a change conflicting with the state, bad input, or no leader reachable.
     */
    public enum Kind {
      NOT_FOUND,
      CONFLICT,
      INVALID,
      UNAVAILABLE
    }

    private final Kind kind;

    public Refused(Kind kind, @Nullable String message) {
      super(message);
      this.kind = kind;
    }

    public Kind kind() {
      return kind;
    }
  }
}
