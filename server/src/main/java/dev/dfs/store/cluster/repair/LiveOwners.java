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
 * {@link ReplicaOwners} from rendezvous {@link Placement} over the active layout versions (the
 * newest first), each over its nodes not declared dead: a dead node's chunks go to the next nodes
 * of each chunk's ranking (rendezvous moves only the dead node's share), and come back to it when
 * it is heard again. Owners are the newest version's; write targets add the owners under the older
 * active versions (while data moves); former owners are every version's placement over every node
 * that may hold copies (dead and draining ones included) minus the current owners. The placements
 * are rebuilt only when the versions or the dead set change. Thread-safe.
 */
public final class LiveOwners implements ReplicaOwners {
  private record Cached(
      List<List<Node>> versions, Set<String> dead, List<Placement> all, List<Placement> live) {}

  private final Supplier<List<List<Node>>> versions;
  private final int replicationFactor;
  private final Supplier<Set<String>> dead;
  private volatile Cached cached;

  /** Over a fixed node list. */
  public LiveOwners(List<Node> nodes, int replicationFactor, Supplier<Set<String>> dead) {
    this(listOf(List.copyOf(nodes)), replicationFactor, dead);
  }

  /**
   * Over the active layout versions {@code versions} gives.
   *
   * @param versions the active layout versions' node lists, newest first (at least one); the
   *     placements are rebuilt when this list or the dead set changes
   * @param dead the ids of the nodes declared dead now
   */
  public static LiveOwners overVersions(
      Supplier<List<List<Node>>> versions, int replicationFactor, Supplier<Set<String>> dead) {
    return new LiveOwners(versions, replicationFactor, dead);
  }

  private LiveOwners(
      Supplier<List<List<Node>>> versions, int replicationFactor, Supplier<Set<String>> dead) {
    this.versions = versions;
    this.replicationFactor = replicationFactor;
    this.dead = dead;
    this.cached = build(List.copyOf(versions.get()), Set.of());
  }

  private static Supplier<List<List<Node>>> listOf(List<Node> fixed) {
    List<List<Node>> one = List.of(fixed);
    return () -> one;
  }

  /**
   * The nodes that may hold copies: a draining node still does (it is a former owner), a retired
   * one not.
   */
  private static List<Node> holding(List<Node> nodes) {
    return nodes.stream()
        .map(
            n ->
                n.state() == NodeState.DRAINING
                    ? new Node(n.id(), n.address(), n.zone(), n.weight(), NodeState.ACTIVE)
                    : n)
        .toList();
  }

  @Override
  public List<Node> ownersOf(ChunkId id) {
    return current().live().get(0).replicas(id, replicationFactor);
  }

  @Override
  public List<Node> writeTargets(ChunkId id) {
    List<Placement> live = current().live();
    if (live.size() == 1) return ownersOf(id);
    List<Node> out = new ArrayList<>();
    for (Placement p : live) {
      for (Node n : p.replicas(id, replicationFactor)) if (!containsId(out, n)) out.add(n);
    }
    return List.copyOf(out);
  }

  @Override
  public List<Node> formerOwners(ChunkId id) {
    List<Node> owners = ownersOf(id);
    List<Node> out = new ArrayList<>();
    for (Placement p : current().all()) {
      for (Node n : p.replicas(id, replicationFactor))
        if (!containsId(owners, n) && !containsId(out, n)) out.add(n);
    }
    return out;
  }

  private static boolean containsId(List<Node> nodes, Node n) {
    for (Node x : nodes) if (x.id().equals(n.id())) return true;
    return false;
  }

  private Cached current() {
    Set<String> now = Set.copyOf(dead.get());
    List<List<Node>> active = versions.get();
    Cached c = cached;
    if (c.dead().equals(now) && c.versions().equals(active)) return c;
    Cached next = build(List.copyOf(active), now);
    cached = next;
    return next;
  }

  private static Cached build(List<List<Node>> versions, Set<String> dead) {
    if (versions.isEmpty()) throw new IllegalArgumentException("no layout version");
    List<Placement> all = new ArrayList<>();
    List<Placement> live = new ArrayList<>();
    for (List<Node> v : versions) {
      Placement every = new Placement(holding(v));
      all.add(every);
      List<Node> alive = v.stream().filter(n -> !dead.contains(n.id())).toList();
      live.add(alive.isEmpty() ? every : new Placement(alive));
    }
    return new Cached(versions, dead, List.copyOf(all), List.copyOf(live));
  }
}
