package dev.dfs.store.cluster.repair;

import dev.dfs.store.cluster.data.Node;
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
  private record Cached(Set<String> dead, Placement live) {}

  private final List<Node> nodes;
  private final int replicationFactor;
  private final Placement all;
  private final Supplier<Set<String>> dead;
  private volatile Cached cached;

  /** @param dead the ids of the nodes declared dead now */
  public LiveOwners(List<Node> nodes, int replicationFactor, Supplier<Set<String>> dead) {
    this.nodes = List.copyOf(nodes);
    this.replicationFactor = replicationFactor;
    this.all = new Placement(this.nodes);
    this.dead = dead;
    this.cached = new Cached(Set.of(), all);
  }

  @Override
  public List<Node> ownersOf(ChunkId id) {
    return live().replicas(id, replicationFactor);
  }

  @Override
  public List<Node> formerOwners(ChunkId id) {
    List<Node> owners = ownersOf(id);
    List<Node> out = new ArrayList<>();
    for (Node n : all.replicas(id, replicationFactor)) if (!owners.contains(n)) out.add(n);
    return out;
  }

  private Placement live() {
    Set<String> now = Set.copyOf(dead.get());
    Cached c = cached;
    if (c.dead().equals(now)) return c.live();
    List<Node> alive = nodes.stream().filter(n -> !now.contains(n.id())).toList();
    Placement p = alive.isEmpty() ? all : new Placement(alive);
    cached = new Cached(now, p);
    return p;
  }
}
