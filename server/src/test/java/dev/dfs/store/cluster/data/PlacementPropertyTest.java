package dev.dfs.store.cluster.data;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dfs.store.local.ChunkId;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** Weighted rendezvous placement: determinism, spread, balance by weight, minimal movement. */
class PlacementPropertyTest {
  private static final URI ADDR = URI.create("http://127.0.0.1:1");

  @Provide
  Arbitrary<List<Node>> clusters() {
    Arbitrary<Integer> size = Arbitraries.integers().between(3, 9);
    return size.flatMap(
        n ->
            Combinators.combine(
                    Arbitraries.integers().between(1, 4).list().ofSize(n),
                    Arbitraries.integers().between(0, 3).list().ofSize(n),
                    Arbitraries.strings().alpha().ofLength(6))
                .as(
                    (weights, zones, prefix) -> {
                      List<Node> nodes = new ArrayList<>();
                      for (int i = 0; i < n; i++) {
                        nodes.add(
                            new Node(
                                prefix + "-" + i,
                                ADDR,
                                zones.get(i) == 0 ? null : "zone" + zones.get(i),
                                weights.get(i),
                                NodeState.ACTIVE));
                      }
                      return nodes;
                    }));
  }

  static List<ChunkId> chunks(int n, long seed) {
    Random r = new Random(seed);
    List<ChunkId> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) out.add(new ChunkId(r.nextLong(), r.nextLong()));
    return out;
  }

  @Property(tries = 50, seed = "11")
  void deterministicDistinctAndIndependentOfListOrder(
      @ForAll("clusters") List<Node> nodes, @ForAll @IntRange(min = 1, max = 5) int rf) {
    List<Node> shuffled = new ArrayList<>(nodes);
    Collections.shuffle(shuffled, new Random(rf));
    Placement p = new Placement(nodes);
    Placement q = new Placement(shuffled);
    for (ChunkId c : chunks(200, rf)) {
      List<Node> set = p.replicas(c, rf);
      assertThat(set).hasSize(Math.min(rf, nodes.size())).doesNotHaveDuplicates();
      assertThat(q.replicas(c, rf)).isEqualTo(set);
    }
  }

  @Property(tries = 50, seed = "12")
  void replicasSpreadOverAsManyZonesAsThereAre(@ForAll("clusters") List<Node> nodes) {
    Set<String> domains = new HashSet<>();
    nodes.forEach(n -> domains.add(n.failureDomain()));
    Placement p = new Placement(nodes);
    for (ChunkId c : chunks(200, 3)) {
      Set<String> used = new HashSet<>();
      p.replicas(c, 3).forEach(n -> used.add(n.failureDomain()));
      assertThat(used).hasSize(Math.min(3, domains.size()));
    }
  }

  @Property(tries = 8, seed = "13")
  void eachNodeGetsItsShareByWeight(@ForAll("clusters") List<Node> zoned) {
    List<Node> nodes = withoutZones(zoned);
    double total = nodes.stream().mapToDouble(Node::weight).sum();
    Placement p = new Placement(nodes);
    Map<String, Integer> counts = new HashMap<>();
    int n = 100_000;
    for (ChunkId c : chunks(n, 5)) counts.merge(p.replicas(c, 1).get(0).id(), 1, Integer::sum);
    for (Node node : nodes) {
      double expected = n * node.weight() / total;
      assertThat(counts.getOrDefault(node.id(), 0) / expected).as(node.id()).isBetween(0.95, 1.05);
    }
  }

  @Property(tries = 7, seed = "14")
  void equalNodesShareThreeReplicasEvenly(@ForAll @IntRange(min = 3, max = 9) int size) {
    List<Node> nodes = new ArrayList<>();
    for (int i = 0; i < size; i++) nodes.add(new Node("n" + i, ADDR, null, 1, NodeState.ACTIVE));
    Placement p = new Placement(nodes);
    Map<String, Integer> counts = new HashMap<>();
    int n = 40_000;
    for (ChunkId c : chunks(n, size))
      p.replicas(c, 3).forEach(r -> counts.merge(r.id(), 1, Integer::sum));
    double expected = 3.0 * n / size;
    for (Node node : nodes) assertThat(counts.get(node.id()) / expected).isBetween(0.95, 1.05);
  }

  @Property(tries = 10, seed = "15")
  void addingANodeMovesOnlyItsShareAndOnlyToIt(
      @ForAll("clusters") List<Node> zoned, @ForAll @IntRange(min = 1, max = 4) int weight) {
    List<Node> before = withoutZones(zoned);
    List<Node> after = new ArrayList<>(before);
    Node added = new Node("added", ADDR, null, weight, NodeState.ACTIVE);
    after.add(added);
    Placement p = new Placement(before);
    Placement q = new Placement(after);
    int moved = 0;
    int n = 20_000;
    for (ChunkId c : chunks(n, weight)) {
      Set<Node> old = new HashSet<>(p.replicas(c, 3));
      Set<Node> now = new HashSet<>(q.replicas(c, 3));
      Set<Node> gained = new HashSet<>(now);
      gained.removeAll(old);
      Set<Node> lost = new HashSet<>(old);
      lost.removeAll(now);
      // minimal movement: nothing moves between old nodes; a chunk that moves moves one replica
      assertThat(gained).isSubsetOf(Set.of(added));
      assertThat(lost).hasSize(gained.size());
      if (!gained.isEmpty()) moved++;
    }
    assertThat(moved).isPositive();
  }

  @Property(tries = 20, seed = "16")
  void onlyActiveNodesArePlacedOn(@ForAll("clusters") List<Node> nodes) {
    List<Node> mixed = new ArrayList<>();
    for (int i = 0; i < nodes.size(); i++) {
      Node n = nodes.get(i);
      NodeState s = i == 0 ? NodeState.DRAINING : i == 1 ? NodeState.RETIRED : NodeState.ACTIVE;
      mixed.add(new Node(n.id(), n.address(), n.zone(), n.weight(), s));
    }
    Placement p = new Placement(mixed);
    for (ChunkId c : chunks(100, 1)) {
      assertThat(p.replicas(c, 3)).allMatch(n -> n.state() == NodeState.ACTIVE);
    }
  }

  private static List<Node> withoutZones(List<Node> nodes) {
    return nodes.stream()
        .map(n -> new Node(n.id(), n.address(), null, n.weight(), n.state()))
        .toList();
  }
}
