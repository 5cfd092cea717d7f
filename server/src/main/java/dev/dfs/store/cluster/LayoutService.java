package dev.dfs.store.cluster;

import dev.dfs.store.ClusterAdmin.Refused;
import dev.dfs.store.ClusterAdmin.Refused.Kind;
import dev.dfs.store.ClusterLayout;
import dev.dfs.store.cluster.data.Node;
import dev.dfs.store.cluster.data.NodeState;
import dev.dfs.store.cluster.repair.LiveOwners;
import dev.dfs.store.cluster.repair.MovePredictor;
import dev.dfs.store.cluster.repair.Rebalancing;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Staged layout changes and the move they cause, over the {@link CommittedLayout}: the leader's
 * half ({@link #stageHere}, {@link #applyHere}, {@link #revertHere}, {@link #changeState}, run
 * under the membership lock), the report any node computes ({@link #report}: the moves predicted
 * exactly from its chunk catalog), and the {@link Rebalancing} the leader's repair worker drives
 * (progress records, retiring the older versions). Thread-safe.
 */
final class LayoutService implements Rebalancing {
  private static final Logger log = LoggerFactory.getLogger(LayoutService.class);

  private final CommittedLayout layout;
  private final MovePredictor predictor;
  private final int replicationFactor;
  private final Supplier<Set<String>> dead;
  private final Function<String, Optional<URI>> memberAddress;
  private final Runnable fullPass;
  private final Clock clock;

  /**
   * @param memberAddress the chunk address of a member of the metadata group (a node new to the
   *     layout)
   * @param fullPass asks this node's repair worker for a full pass (it runs when this node leads)
   */
  LayoutService(
      CommittedLayout layout,
      MovePredictor predictor,
      int replicationFactor,
      Supplier<Set<String>> dead,
      Function<String, Optional<URI>> memberAddress,
      Runnable fullPass,
      Clock clock) {
    this.layout = layout;
    this.predictor = predictor;
    this.replicationFactor = replicationFactor;
    this.dead = dead;
    this.memberAddress = memberAddress;
    this.fullPass = fullPass;
    this.clock = clock;
  }

  /**
   * The layout as this node applied it, with the staged moves predicted from its catalog when
   * {@code moves}.
   */
  ClusterLayout report(boolean moves) throws IOException {
    LayoutHistory h = layout.history();
    LayoutHistory.Version newest = h.newest();
    ClusterLayout.Moves predicted =
        moves && h.staged().isPresent() ? predict(newest.nodes(), h.staged().get()) : null;
    return new ClusterLayout(
        newest.number(),
        h.active().stream().map(LayoutHistory.Version::number).toList(),
        LayoutChanges.view(newest.nodes()),
        h.staged().map(LayoutChanges::view),
        predicted,
        rebalance(h),
        lastRebalance(h));
  }

  /** The move that ended last, while none runs (the figures the leader recorded for it). */
  private static Optional<ClusterLayout.LastRebalance> lastRebalance(LayoutHistory h) {
    return h.lastMove()
        .map(
            s ->
                new ClusterLayout.LastRebalance(
                    s.version(),
                    h.progress().predictedChunks(),
                    h.progress().predictedBytes(),
                    h.progress().movedChunks(),
                    h.progress().movedBytes(),
                    h.newest().appliedAt(),
                    s.at()));
  }

  private ClusterLayout.Rebalance rebalance(LayoutHistory h) {
    if (!h.moving()) return ClusterLayout.Rebalance.SETTLED;
    LayoutHistory.Version newest = h.newest();
    LayoutHistory.Progress p =
        h.progress().version() == newest.number()
            ? h.progress()
            : new LayoutHistory.Progress(newest.number(), 0, 0, 0, 0);
    double seconds =
        Math.max(1, Duration.between(newest.appliedAt(), clock.instant()).toMillis() / 1000.0);
    double rate = p.movedBytes() / seconds;
    long toGo = Math.max(0, p.predictedBytes() - p.movedBytes());
    long eta = toGo == 0 ? 0 : rate > 0 ? (long) Math.ceil(toGo / rate) : -1;
    return new ClusterLayout.Rebalance(
        true,
        h.oldest().number(),
        p.predictedChunks(),
        p.predictedBytes(),
        p.movedChunks(),
        p.movedBytes(),
        rate,
        eta,
        newest.appliedAt());
  }

  /**
   * The exact moves from the owners over {@code from} to those over {@code to} (dead nodes
   * skipped).
   */
  ClusterLayout.Moves predict(List<Node> from, List<Node> to) throws IOException {
    LiveOwners before = new LiveOwners(from, replicationFactor, dead);
    LiveOwners after = new LiveOwners(to, replicationFactor, dead);
    return predictor.predict(before::ownersOf, after::ownersOf);
  }

  /** On the leader: stages {@code changes} on top of what is staged (or the newest version). */
  void stageHere(List<ClusterLayout.Assignment> changes) throws IOException {
    LayoutHistory h = layout.history();
    List<Node> next = h.staged().orElse(h.newest().nodes());
    for (ClusterLayout.Assignment a : changes) next = LayoutChanges.assign(next, a, memberAddress);
    layout.stage(next);
    log.info(
        "layout change staged: {} assignment(s); show it, then apply it as version {}",
        changes.size(),
        h.newest().number() + 1);
  }

  /** On the leader: drops the staged changes. */
  void revertHere() throws IOException {
    layout.unstage();
  }

  /**
   * On the leader: applies the staged list as {@code version} (the newest + 1), data then moves.
   */
  void applyHere(long version) throws IOException {
    LayoutHistory h = layout.history();
    List<Node> staged =
        h.staged().orElseThrow(() -> new Refused(Kind.CONFLICT, "no layout change is staged"));
    checkActive(staged);
    ClusterLayout.Moves moves = predict(h.newest().nodes(), staged);
    layout.apply(version, new LayoutHistory.Progress(version, moves.chunks(), moves.bytes(), 0, 0));
    log.info(
        "layout version {} applied: {} chunk(s), {} byte(s) to move",
        version,
        moves.chunks(),
        moves.bytes());
    fullPass.run();
  }

  /**
   * On the leader: a new version in which {@code id} has {@code state} (a drain, a removal); false
   * when the newest version has no such node.
   */
  boolean changeState(String id, NodeState state) throws IOException {
    LayoutHistory h = layout.history();
    List<Node> next = LayoutChanges.withState(h.newest().nodes(), id, state);
    ClusterLayout.Moves moves =
        state == NodeState.RETIRED
            ? new ClusterLayout.Moves(0, 0, List.of())
            : predict(h.newest().nodes(), next);
    long version = h.newest().number() + 1;
    boolean changed =
        layout.setState(
            id, state, new LayoutHistory.Progress(version, moves.chunks(), moves.bytes(), 0, 0));
    if (changed) fullPass.run();
    return changed;
  }

  private void checkActive(List<Node> nodes) {
    long active = nodes.stream().filter(n -> n.state() == NodeState.ACTIVE).count();
    if (active < replicationFactor) {
      throw new Refused(
          Kind.CONFLICT,
          "the staged layout has "
              + active
              + " active node(s) for "
              + replicationFactor
              + " copies of each chunk; assign more nodes first");
    }
  }

  @Override
  public Target target() {
    LayoutHistory h = layout.history();
    return new Target(h.newest().number(), h.moving(), h.newest().appliedAt());
  }

  @Override
  public void moved(long version, long chunks, long bytes) {
    try {
      layout.recordMoved(version, chunks, bytes);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Override
  public void settled(long version) {
    try {
      layout.retire(version);
    } catch (IOException | RuntimeException e) {
      log.warn(
          "layout version {} settled but the older versions not retired yet (retried): {}",
          version,
          e.toString());
    }
  }
}
