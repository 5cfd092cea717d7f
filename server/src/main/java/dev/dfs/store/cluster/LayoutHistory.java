package dev.dfs.store.cluster;

import dev.dfs.store.cluster.data.Node;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The data layout's committed state as one node applied it: the active versions (oldest first; more
 * than one while data moves to the newest), the staged next node list, and the leader's record of
 * the current move. Immutable.
 *
 * @param active at least one version, numbers ascending
 * @param staged the staged node list, if any
 * @param progress the move to the newest version as the leader last recorded it
 * @param settled when the last move ended (its older versions retired), if one did
 */
record LayoutHistory(
    List<Version> active,
    Optional<List<Node>> staged,
    Progress progress,
    Optional<Settled> settled) {

  LayoutHistory {
    active = List.copyOf(active);
    if (active.isEmpty()) throw new IllegalArgumentException("a layout has at least one version");
    staged = staged.map(List::copyOf);
    Objects.requireNonNull(progress, "progress");
    Objects.requireNonNull(settled, "settled");
  }

  /** A layout no move has ended in yet. */
  LayoutHistory(List<Version> active, Optional<List<Node>> staged, Progress progress) {
    this(active, staged, progress, Optional.empty());
  }

  /** A layout with version 1 only: {@code nodes}. */
  static LayoutHistory first(List<Node> nodes) {
    return new LayoutHistory(
        List.of(new Version(1, nodes, Instant.EPOCH)), Optional.empty(), Progress.NONE);
  }

  /**
   * One applied version.
   *
   * @param appliedAt when it was applied (the epoch for version 1)
   */
  record Version(long number, List<Node> nodes, Instant appliedAt) {
    Version {
      nodes = List.copyOf(nodes);
    }
  }

  /**
   * The move to version {@code version}, as the leader recorded it: predicted at the apply, moved
   * by its rebalance since.
   */
  record Progress(
      long version, long predictedChunks, long predictedBytes, long movedChunks, long movedBytes) {
    static final Progress NONE = new Progress(0, 0, 0, 0, 0);

    String encode() {
      return version
          + " "
          + predictedChunks
          + " "
          + predictedBytes
          + " "
          + movedChunks
          + " "
          + movedBytes;
    }

    static Progress decode(String s) {
      String[] f = s.trim().split(" ");
      if (f.length != 5) throw new IllegalArgumentException("bad layout progress '" + s + "'");
      return new Progress(
          Long.parseLong(f[0]),
          Long.parseLong(f[1]),
          Long.parseLong(f[2]),
          Long.parseLong(f[3]),
          Long.parseLong(f[4]));
    }
  }

  /**
   * The end of the move to version {@code version}: at {@code at} its older versions were retired.
   * Wire form {@code "<version> <epoch millis>"}.
   */
  record Settled(long version, Instant at) {
    String encode() {
      return version + " " + at.toEpochMilli();
    }

    static Settled decode(String s) {
      String[] f = s.trim().split(" ");
      if (f.length != 2) throw new IllegalArgumentException("bad layout settled '" + s + "'");
      return new Settled(Long.parseLong(f[0]), Instant.ofEpochMilli(Long.parseLong(f[1])));
    }
  }

  /**
   * The last move that ended, while none runs: the newest version's, once its older versions are
   * retired (empty while data moves, and before any move ended).
   */
  Optional<Settled> lastMove() {
    if (moving()) return Optional.empty();
    return settled.filter(
        s -> s.version() == newest().number() && progress.version() == s.version());
  }

  /** The newest version: the one chunks are placed by. */
  Version newest() {
    return active.get(active.size() - 1);
  }

  /** The oldest active version. */
  Version oldest() {
    return active.get(0);
  }

  /** Whether data is moving: an older version is still active. */
  boolean moving() {
    return active.size() > 1;
  }

  /** The active versions' node lists, newest first (what owners are computed over). */
  List<List<Node>> newestFirst() {
    List<List<Node>> out = new ArrayList<>(active.size());
    for (int i = active.size() - 1; i >= 0; i--) out.add(active.get(i).nodes());
    return List.copyOf(out);
  }

  /** The newest version's node {@code id}, if it has one. */
  Optional<Node> node(String id) {
    return newest().nodes().stream().filter(n -> n.id().equals(id)).findFirst();
  }
}
