package dev.dfs.store.cluster;

import dev.dfs.store.ClusterAdmin;
import dev.dfs.store.ClusterAdmin.Refused;
import dev.dfs.store.ClusterAdmin.Refused.Kind;
import dev.dfs.store.cluster.data.Node;
import dev.dfs.store.cluster.data.NodeState;
import dev.dfs.store.cluster.repair.DrainScan;
import java.io.IOException;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Draining and retiring a node of the data layout ({@link CommittedLayout}), for the {@link
 * MembershipService}: the leader's half ({@link #drainHere}, {@link #checkRemovable}, {@link
 * #retire}, run under the membership lock) and the progress any node can compute ({@link
 * #progress}).
 *
 * <p>Draining applies a new layout version in which the node is {@link NodeState#DRAINING} ({@link
 * LayoutService#changeState}, a layout change like any other: its move is predicted, tracked in the
 * cluster status and retired when done): placement no longer picks it, so the owners of its chunks
 * change to other nodes; it stays a former owner, so reads still find its copies; and a full repair
 * pass is started, which queues every chunk a new owner lacks and copies it from a holder. The
 * drain is done ("safe to remove") when every referenced chunk it holds is on its owners ({@link
 * DrainScan}). Removing a node that may hold the only copies of chunks (active in the layout and
 * not declared dead, or draining and not done) is refused with what to do instead. Thread-safe.
 */
final class Decommission {
  private static final Logger log = LoggerFactory.getLogger(Decommission.class);

  private final CommittedLayout layout;
  private final LayoutService versions;
  private final DrainScan scan;
  private final int replicationFactor;
  private final Supplier<Set<String>> dead;
  private final Runnable fullPass;

  /**
   * @param dead the ids of the nodes declared dead now (their chunks were re-replicated)
   * @param fullPass asks this node's repair worker for a full pass (runs when it leads)
   */
  Decommission(
      CommittedLayout layout,
      LayoutService versions,
      DrainScan scan,
      int replicationFactor,
      Supplier<Set<String>> dead,
      Runnable fullPass) {
    this.layout = layout;
    this.versions = versions;
    this.scan = scan;
    this.replicationFactor = replicationFactor;
    this.dead = dead;
    this.fullPass = fullPass;
  }

  /** On the leader: marks {@code id} draining (again: a no-op) and starts a full repair pass. */
  void drainHere(String id) throws IOException {
    Node n = inLayout(id);
    if (n.state() == NodeState.RETIRED)
      throw new Refused(Kind.CONFLICT, "node " + id + " is retired already");
    long activeLeft =
        layout.nodes().stream()
            .filter(x -> x.state() == NodeState.ACTIVE && !x.id().equals(id))
            .count();
    if (n.state() == NodeState.ACTIVE && activeLeft < replicationFactor) {
      throw new Refused(
          Kind.CONFLICT,
          "draining "
              + id
              + " would leave "
              + activeLeft
              + " active node(s) for "
              + replicationFactor
              + " copies of each chunk; add a node first");
    }
    if (n.state() == NodeState.ACTIVE) {
      versions.changeState(id, NodeState.DRAINING);
      log.info(
          "node {} is draining: no new chunks; repair copies its chunks to their new owners", id);
    }
    fullPass.run();
  }

  /**
   * On the leader, before a removal: refuses when {@code id} may hold the only copies of chunks.
   */
  void checkRemovable(String id) throws IOException {
    Node n = layout.node(id).orElse(null);
    if (n == null || n.state() == NodeState.RETIRED || dead.get().contains(id)) return;
    if (n.state() == NodeState.ACTIVE) {
      throw new Refused(
          Kind.CONFLICT,
          "node "
              + id
              + " holds chunks of the data layout, some perhaps the only"
              + " healthy copies; drain it first (dfs admin cluster drain "
              + id
              + ") and remove it once the drain says"
              + " it is safe to remove");
    }
    ClusterAdmin.Drain d = scan.scan(n);
    if (!d.safeToRemove()) {
      throw new Refused(
          Kind.CONFLICT,
          "node "
              + id
              + " is still draining: "
              + d.chunksToGo()
              + " chunk(s), "
              + d.bytesToGo()
              + " byte(s) not yet on their new owners; remove it once the drain says it is safe");
    }
  }

  /** On the leader, after a removal: the node leaves the layout's placement for good. */
  void retire(String id) {
    try {
      if (layout.node(id).isPresent()) versions.changeState(id, NodeState.RETIRED);
    } catch (IOException | RuntimeException e) {
      log.warn("node {} removed but not marked retired in the layout: {}", id, e.toString());
    }
  }

  /**
   * How far {@code id}'s drain is, from this node's metadata (after a read barrier) and the nodes'
   * listings.
   */
  ClusterAdmin.Drain progress(String id) {
    try {
      return scan.scan(inLayout(id));
    } catch (IOException e) {
      throw new Refused(
          Kind.UNAVAILABLE, "cannot measure the drain of " + id + " now: " + e.getMessage());
    }
  }

  private Node inLayout(String id) {
    return layout
        .node(id)
        .orElseThrow(
            () ->
                new Refused(
                    Kind.NOT_FOUND,
                    "node "
                        + id
                        + " is not in the data"
                        + " layout (it holds no chunks: a node that joined later); remove it directly"));
  }
}
