package dev.dfs.store.cluster.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * What a node tells its peers on {@code GET /v1/node}: its repair counters survive the wire form,
 * and an older node's answer without them reads as not told (-1) rather than as zero.
 */
class NodeInfoTest {

  @Test
  void repairCountersRoundTripAndAnOlderNodesAnswerReadsAsNotTold() {
    NodeInfo info =
        new NodeInfo(
            "n2",
            "b",
            Optional.of(URI.create("http://127.0.0.1:5002")),
            1000,
            400,
            "abc",
            7,
            7 << 20);
    String wire = new String(info.encode(), StandardCharsets.UTF_8);
    assertThat(NodeInfo.decode(wire)).isEqualTo(info);

    NodeInfo older = NodeInfo.decode("id=n3\nzone=\ns3=\ncapacity=-1\nused=-1\nshared=abc\n");
    assertThat(older.chunksRepaired()).isEqualTo(-1);
    assertThat(older.bytesRepaired()).isEqualTo(-1);
  }
}
