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
 * The committed layout's record: a node's state survives encoding (a draining or retired node
 * stays so on every replica), a record written before states existed reads as all active, and
 * a malformed line is refused rather than guessed.
 */
class LayoutRecordTest {

  private static Node node(String id, int port, NodeState state) {
    return new Node(id, URI.create("http://127.0.0.1:" + port), null, 1, state);
  }

  @Test
  void statesRoundTripAndActiveIsTheDefault() {
    List<Node> nodes = List.of(node("n1", 7001, NodeState.ACTIVE), node("n2", 7011, NodeState.DRAINING),
        node("n3", 7021, NodeState.RETIRED));
    byte[] record = CommittedLayout.encode(nodes);
    assertThat(new String(record, StandardCharsets.UTF_8))
        .isEqualTo("n1 127.0.0.1:7001\nn2 127.0.0.1:7011 draining\nn3 127.0.0.1:7021 retired\n");
    assertThat(CommittedLayout.decode(record)).isEqualTo(nodes);
    assertThat(CommittedLayout.decode("n1 127.0.0.1:7001\nn2 127.0.0.1:7011\n".getBytes(StandardCharsets.UTF_8)))
        .extracting(Node::state).containsExactly(NodeState.ACTIVE, NodeState.ACTIVE);
  }

  @Test
  void aMalformedLineIsRefused() {
    assertThatThrownBy(() -> CommittedLayout.decode("n1\n".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> CommittedLayout.decode("n1 127.0.0.1:7001 leaving\n".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
