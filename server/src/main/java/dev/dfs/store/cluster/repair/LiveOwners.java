package dev.dfs.store.cluster.repair;

import dev.dfs.store.cluster.data.Node;
import dev.dfs.store.cluster.data.NodeState;
import dev.dfs.store.cluster.data.Placement;
import dev.dfs.store.local.ChunkId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * {@link ReplicaOwners} from rendezvous {@link Placement} over the nodes not declared dead: a
 * dead node's chunks go to the next nodes of each chunk's ranking (rendezvous moves only the
 * dead node's share), and come back to it when it is heard again. Former owners are the
 * placement over every node, dead ones included, minus the current owners. The placement is
 * rebuilt only when the dead set changes. Thread-safe.
 */
public final class LiveOwners implements ReplicaOwners {
  private record Cached(List<Node> nodes, Set<String> dead, Placement all, Placement live) {}

  private final Supplier<List<Node>> nodes;
  private final int replicationFactor;
  private final Supplier<Set<String>> dead;
  private volatile Cached cached;

  /** Over a fixed node list. */
  public LiveOwners(List<Node> nodes, int replicationFactor, Supplier<Set<String>> dead) {
    this(supplierOf(List.copyOf(nodes)), replicationFactor, dead);
  }

  /**
   * @param nodes the nodes placement works over now (the committed layout's); the placement is
   *     rebuilt when this list or the dead set changes
   * @param dead the ids of the nodes declared dead now
   */
  public LiveOwners(Supplier<List<Node>> nodes, int replicationFactor, Supplier<Set<String>> dead) {
    this.nodes = nodes;
    this.replicationFactor = replicationFactor;
    this.dead = dead;
    List<Node> first = List.copyOf(nodes.get());
    Placement all = new Placement(holding(first));
    this.cached = new Cached(first, Set.of(), all, new Placement(first));
  }

  /** The nodes that may hold copies: a draining node still does (it is a former owner), a retired one not. */
  private static List<Node> holding(List<Node> nodes) {
    return nodes.stream().map(n -> n.state() == NodeState.DRAINING
        ? new Node(n.id(), n.address(), n.zone(), n.weight(), NodeState.ACTIVE) : n).toList();
  }

  private static Supplier<List<Node>> supplierOf(List<Node> fixed) {
    return () -> fixed;
  }

  @Override
  public List<Node> ownersOf(ChunkId id) {
    return live().replicas(id, replicationFactor);
  }

  @Override
  public List<Node> formerOwners(ChunkId id) {
    List<Node> owners = ownersOf(id);
    List<Node> out = new ArrayList<>();
    for (Node n : current().all().replicas(id, replicationFactor)) if (!owners.contains(n)) out.add(n);
    return out;
  }

  private Placement live() {
    return current().live();
  }

  private Cached current() {
    Set<String> now = Set.copyOf(dead.get());
    List<Node> members = nodes.get();
    Cached c = cached;
    if (c.dead().equals(now) && c.nodes().equals(members)) return c;
    List<Node> copy = List.copyOf(members);
    Placement all = c.nodes().equals(copy) ? c.all() : new Placement(holding(copy));
    List<Node> alive = copy.stream().filter(n -> !now.contains(n.id())).toList();
    Cached next = new Cached(copy, now, all, alive.isEmpty() ? all : new Placement(alive));
    cached = next;
    return next;
  }
}
