package dev.dfs.testing;

import dev.dfs.store.ClusterAdmin;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records membership calls; refuses removing "n1" as the leader would. */
public final class RecordingClusterAdmin implements ClusterAdmin {
  public final List<String> calls = new CopyOnWriteArrayList<>();

  /** Whether {@link #layoutStatus()} answers {@link #settled()} rather than a moving layout. */
  public volatile boolean settled;

  @Override
  public void promote(String nodeId) {
    calls.add("promote " + nodeId);
  }

  @Override
  public void remove(String nodeId) {
    if (nodeId.equals("n1"))
      throw new Refused(Refused.Kind.CONFLICT, "node n1 is the leader; transfer leadership first");
    if (nodeId.equals("n9")) throw new Refused(Refused.Kind.NOT_FOUND, "no member n9");
    calls.add("remove " + nodeId);
  }

  /**
   * A layout at version 2 with n1..n3, n4 staged, one predicted link, data moving from version 1.
   */
  public static dev.dfs.store.ClusterLayout layout(boolean staged) {
    List<dev.dfs.store.ClusterLayout.LayoutNode> nodes =
        List.of(
            new dev.dfs.store.ClusterLayout.LayoutNode("n1", "127.0.0.1:7001", "z1", 1, "active"),
            new dev.dfs.store.ClusterLayout.LayoutNode("n2", "127.0.0.1:7011", null, 2, "active"),
            new dev.dfs.store.ClusterLayout.LayoutNode(
                "n3", "127.0.0.1:7021", null, 1, "draining"));
    List<dev.dfs.store.ClusterLayout.LayoutNode> next = new java.util.ArrayList<>(nodes);
    next.add(new dev.dfs.store.ClusterLayout.LayoutNode("n4", "127.0.0.1:7031", "z3", 2, "active"));
    return new dev.dfs.store.ClusterLayout(
        2,
        List.of(1L, 2L),
        nodes,
        staged ? Optional.of(next) : Optional.empty(),
        staged
            ? new dev.dfs.store.ClusterLayout.Moves(
                3, 300, List.of(new dev.dfs.store.ClusterLayout.Move("n1", "n4", 3, 300)))
            : null,
        new dev.dfs.store.ClusterLayout.Rebalance(
            true, 1, 10, 1000, 4, 400, 40, 15, java.time.Instant.parse("2026-12-03T12:00:00Z")));
  }

  @Override
  public dev.dfs.store.ClusterLayout layout() {
    return layout(true);
  }

  @Override
  public dev.dfs.store.ClusterLayout layoutStatus() {
    return settled ? settled() : layout(false);
  }

  /**
   * Version 2 settled: the move to it (10 chunks, 1000 B predicted; 10, 1000 B moved) ran from
   * 12:00:00 to 12:01:02 on 2026-12-03.
   */
  public static dev.dfs.store.ClusterLayout settled() {
    dev.dfs.store.ClusterLayout moving = layout(false);
    return new dev.dfs.store.ClusterLayout(
        2,
        List.of(2L),
        moving.nodes(),
        Optional.empty(),
        null,
        dev.dfs.store.ClusterLayout.Rebalance.SETTLED,
        Optional.of(
            new dev.dfs.store.ClusterLayout.LastRebalance(
                2,
                10,
                1000,
                10,
                1000,
                java.time.Instant.parse("2026-12-03T12:00:00Z"),
                java.time.Instant.parse("2026-12-03T12:01:02Z"))));
  }

  @Override
  public dev.dfs.store.ClusterLayout stageLayout(
      List<dev.dfs.store.ClusterLayout.Assignment> changes) {
    changes.forEach(
        a ->
            calls.add(
                "stage "
                    + a.nodeId()
                    + " "
                    + a.zone().orElse("-")
                    + " "
                    + a.capacity().map(String::valueOf).orElse("-")
                    + " "
                    + a.state().orElse("-")));
    return layout(true);
  }

  @Override
  public dev.dfs.store.ClusterLayout applyLayout(long version) {
    if (version != 3)
      throw new Refused(Refused.Kind.CONFLICT, "the layout is at version 2: apply it as version 3");
    calls.add("apply " + version);
    return layout(false);
  }

  @Override
  public dev.dfs.store.ClusterLayout revertLayout() {
    calls.add("revert");
    return layout(false);
  }

  @Override
  public String transferLeadership(Optional<String> nodeId) {
    calls.add("transfer " + nodeId.orElse("-"));
    return nodeId.orElse("n2");
  }
}
