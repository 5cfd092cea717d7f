package dev.dfs.store;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The data layout of a cluster as the operator sees it ({@code GET /api/v1/cluster/layout}, {@code
 * dfs admin cluster layout show}): the newest applied version, the older versions still active
 * while data moves to the newest, the staged changes with the moves applying them would cause, and
 * how far the current move (rebalance) is. Immutable.
 *
 * @param version the newest applied layout version (writes and reads place chunks by it)
 * @param activeVersions every version still active, oldest first (more than one while data moves:
 *     writes go to every active version's owners; an older one is retired once every owner of the
 *     newest holds its copies)
 * @param nodes the newest version's nodes, in layout order
 * @param staged the staged next node list (empty: nothing staged)
 * @param moves what applying the staged list would move (null when nothing is staged)
 * @param rebalance the move to the newest version ({@link Rebalance#SETTLED} when no older version
 *     is active)
 * @param lastRebalance the last move that ended, kept until the next one starts (empty while data
 *     moves, and before any move ended)
 */
public record ClusterLayout(
    long version,
    List<Long> activeVersions,
    List<LayoutNode> nodes,
    Optional<List<LayoutNode>> staged,
    @Nullable Moves moves,
    Rebalance rebalance,
    Optional<LastRebalance> lastRebalance) {

  public ClusterLayout {
    activeVersions = List.copyOf(activeVersions);
    nodes = List.copyOf(nodes);
    staged = staged.map(List::copyOf);
    Objects.requireNonNull(rebalance, "rebalance");
    Objects.requireNonNull(lastRebalance, "lastRebalance");
  }

  /** A layout without a finished move to show. */
  public ClusterLayout(
      long version,
      List<Long> activeVersions,
      List<LayoutNode> nodes,
      Optional<List<LayoutNode>> staged,
      @Nullable Moves moves,
      Rebalance rebalance) {
    this(version, activeVersions, nodes, staged, moves, rebalance, Optional.empty());
  }

  /** A node of a layout version: {@code state} is active, draining or retired (lower case). */
  public record LayoutNode(
      String id, String address, @Nullable String zone, double capacity, String state) {}

  /**
   * An operator's change to the staged layout ({@code PUT /api/v1/cluster/layout}); an empty field
   * keeps what the node has (a node new to the layout: zone none, capacity 1, active).
   *
   * @param state "active" or "draining"
   */
  public record Assignment(
      String nodeId, Optional<String> zone, Optional<Double> capacity, Optional<String> state) {}

  /**
   * Exact moves from the chunk catalog: every referenced chunk's owners under the current and the
   * staged layout; one copy per new owner, from the node repair copies it from.
   */
  public record Moves(long chunks, long bytes, List<Move> byLink) {
    public Moves {
      byLink = List.copyOf(byLink);
    }
  }

  /** Chunks (and their bytes) that move from {@code from} to {@code to}. */
  public record Move(String from, String to, long chunks, long bytes) {}

  /**
   * A move that ended: every owner of {@code version} held its copies and the older versions were
   * retired.
   *
   * @param version the layout version data moved to
   * @param chunksPredicted chunks the apply predicted to move
   * @param bytesPredicted their bytes
   * @param chunksMoved chunks the leader's rebalance copied
   * @param bytesMoved their bytes
   * @param startedAt when the version was applied
   * @param finishedAt when the older versions were retired
   */
  public record LastRebalance(
      long version,
      long chunksPredicted,
      long bytesPredicted,
      long chunksMoved,
      long bytesMoved,
      Instant startedAt,
      Instant finishedAt) {}

  /**
   * The move to the newest version.
   *
   * @param moving whether an older version is still active
   * @param fromVersion the oldest active version
   * @param chunksPredicted chunks the apply predicted to move (from the catalog at apply)
   * @param bytesPredicted their bytes
   * @param chunksMoved chunks the leader's rebalance copied since the apply
   * @param bytesMoved their bytes
   * @param bytesPerSecond bytes moved per second since the apply
   * @param etaSeconds bytes to go at that rate (-1: unknown)
   * @param appliedAt when the newest version was applied (null: version 1)
   */
  public record Rebalance(
      boolean moving,
      long fromVersion,
      long chunksPredicted,
      long bytesPredicted,
      long chunksMoved,
      long bytesMoved,
      double bytesPerSecond,
      long etaSeconds,
      @Nullable Instant appliedAt) {
    public static final Rebalance SETTLED = new Rebalance(false, 0, 0, 0, 0, 0, 0, 0, null);

    /** Chunks still to move (predicted less moved, at least 0; 0 once settled). */
    public long chunksToGo() {
      return moving ? Math.max(0, chunksPredicted - chunksMoved) : 0;
    }

    /** Bytes still to move (predicted less moved, at least 0; 0 once settled). */
    public long bytesToGo() {
      return moving ? Math.max(0, bytesPredicted - bytesMoved) : 0;
    }
  }
}
