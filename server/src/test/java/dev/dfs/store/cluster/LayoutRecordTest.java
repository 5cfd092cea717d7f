package dev.dfs.store.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dfs.store.cluster.data.Node;
import dev.dfs.store.cluster.data.NodeState;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The committed layout's record: a node's state survives encoding (a draining or retired node stays
 * so on every replica), a record written before states existed reads as all active, and a malformed
 * line is refused rather than guessed.
 */
class LayoutRecordTest {

  private static Node node(String id, int port, NodeState state) {
    return new Node(id, URI.create("http://127.0.0.1:" + port), null, 1, state);
  }

  @Test
  void statesRoundTripAndActiveIsTheDefault() {
    List<Node> nodes =
        List.of(
            node("n1", 7001, NodeState.ACTIVE),
            node("n2", 7011, NodeState.DRAINING),
            node("n3", 7021, NodeState.RETIRED));
    byte[] record = CommittedLayout.encode(nodes);
    assertThat(new String(record, StandardCharsets.UTF_8))
        .isEqualTo("n1 127.0.0.1:7001\nn2 127.0.0.1:7011 draining\nn3 127.0.0.1:7021 retired\n");
    assertThat(CommittedLayout.decode(record)).isEqualTo(nodes);
    assertThat(
            CommittedLayout.decode(
                "n1 127.0.0.1:7001\nn2 127.0.0.1:7011\n".getBytes(StandardCharsets.UTF_8)))
        .extracting(Node::state)
        .containsExactly(NodeState.ACTIVE, NodeState.ACTIVE);
  }

  @Test
  void zonesAndCapacitiesRoundTripAndOldRecordsStillRead() {
    List<Node> nodes =
        List.of(
            new Node("n1", URI.create("http://127.0.0.1:7001"), "rack-a", 2.5, NodeState.ACTIVE),
            new Node("n2", URI.create("http://127.0.0.1:7011"), "rack-b", 1, NodeState.DRAINING));
    byte[] record = CommittedLayout.encode(nodes);
    assertThat(new String(record, StandardCharsets.UTF_8))
        .isEqualTo(
            "n1 127.0.0.1:7001 zone=rack-a capacity=2.5\nn2 127.0.0.1:7011 draining zone=rack-b\n");
    assertThat(CommittedLayout.decode(record)).isEqualTo(nodes);
  }

  @Test
  void anAssignmentAddsAMemberOrChangesWhatItSaysAndRefusesBadValues() {
    List<Node> nodes =
        List.of(node("n1", 7001, NodeState.ACTIVE), node("n2", 7011, NodeState.ACTIVE));
    java.util.function.Function<String, java.util.Optional<URI>> members =
        id ->
            id.equals("n4")
                ? java.util.Optional.of(URI.create("http://127.0.0.1:7031"))
                : java.util.Optional.empty();
    List<Node> next =
        LayoutChanges.assign(
            nodes,
            new dev.dfs.store.ClusterLayout.Assignment(
                "n4",
                java.util.Optional.of("z4"),
                java.util.Optional.empty(),
                java.util.Optional.empty()),
            members);
    assertThat(next.get(2))
        .isEqualTo(new Node("n4", URI.create("http://127.0.0.1:7031"), "z4", 1, NodeState.ACTIVE));
    next =
        LayoutChanges.assign(
            next,
            new dev.dfs.store.ClusterLayout.Assignment(
                "n1",
                java.util.Optional.empty(),
                java.util.Optional.of(3.0),
                java.util.Optional.of("draining")),
            members);
    assertThat(next.get(0))
        .isEqualTo(
            new Node("n1", URI.create("http://127.0.0.1:7001"), null, 3, NodeState.DRAINING));
    List<Node> base = next;
    assertThatThrownBy(
            () ->
                LayoutChanges.assign(
                    base,
                    new dev.dfs.store.ClusterLayout.Assignment(
                        "n9",
                        java.util.Optional.empty(),
                        java.util.Optional.empty(),
                        java.util.Optional.empty()),
                    members))
        .hasMessageContaining("not a member");
    assertThatThrownBy(
            () ->
                LayoutChanges.assign(
                    base,
                    new dev.dfs.store.ClusterLayout.Assignment(
                        "n1",
                        java.util.Optional.empty(),
                        java.util.Optional.of(-1.0),
                        java.util.Optional.empty()),
                    members))
        .hasMessageContaining("capacity");
    assertThatThrownBy(
            () ->
                LayoutChanges.assign(
                    base,
                    new dev.dfs.store.ClusterLayout.Assignment(
                        "n1",
                        java.util.Optional.of("a zone"),
                        java.util.Optional.empty(),
                        java.util.Optional.empty()),
                    members))
        .hasMessageContaining("zone");
    assertThatThrownBy(
            () ->
                LayoutChanges.assign(
                    base,
                    new dev.dfs.store.ClusterLayout.Assignment(
                        "n1",
                        java.util.Optional.empty(),
                        java.util.Optional.empty(),
                        java.util.Optional.of("retired")),
                    members))
        .hasMessageContaining("state");
  }

  @Test
  void whileDataMovesWritesGoToBothVersionsOwnersAndReadsFindTheOldOnes() {
    List<Node> three =
        List.of(
            node("n1", 7001, NodeState.ACTIVE),
            node("n2", 7011, NodeState.ACTIVE),
            node("n3", 7021, NodeState.ACTIVE));
    List<Node> four = new java.util.ArrayList<>(three);
    four.add(node("n4", 7031, NodeState.ACTIVE));
    dev.dfs.store.cluster.repair.LiveOwners moving =
        dev.dfs.store.cluster.repair.LiveOwners.overVersions(
            () -> List.of(four, three), 2, java.util.Set::of);
    dev.dfs.store.cluster.data.Placement oldP = new dev.dfs.store.cluster.data.Placement(three);
    dev.dfs.store.cluster.data.Placement newP = new dev.dfs.store.cluster.data.Placement(four);
    java.util.Random random = new java.util.Random(3);
    int moved = 0;
    for (int i = 0; i < 2_000; i++) {
      byte[] raw = new byte[16];
      random.nextBytes(raw);
      dev.dfs.store.local.ChunkId c =
          dev.dfs.store.local.ChunkId.parseHex(java.util.HexFormat.of().formatHex(raw));
      List<Node> owners = newP.replicas(c, 2);
      assertThat(moving.ownersOf(c)).isEqualTo(owners);
      java.util.Set<Node> union = new java.util.LinkedHashSet<>(owners);
      union.addAll(oldP.replicas(c, 2));
      assertThat(moving.writeTargets(c)).containsExactlyElementsOf(union);
      assertThat(moving.formerOwners(c))
          .containsAll(oldP.replicas(c, 2).stream().filter(n -> !owners.contains(n)).toList());
      if (union.size() > 2) moved++;
    }
    // n4 is among the 2 of 4 owners of half the chunks; each such chunk moves one copy: a quarter
    // of the copies
    assertThat(moved / 2_000.0).isCloseTo(0.5, org.assertj.core.data.Offset.offset(0.04));
  }

  @Test
  void aMalformedLineIsRefused() {
    assertThatThrownBy(() -> CommittedLayout.decode("n1\n".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                CommittedLayout.decode(
                    "n1 127.0.0.1:7001 leaving\n".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
