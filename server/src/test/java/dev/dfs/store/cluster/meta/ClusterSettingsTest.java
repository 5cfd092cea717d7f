package dev.dfs.store.cluster.meta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ClusterSettingsTest {
  private static final String SEEDS = "n1=10.0.0.1:5556,n2=10.0.0.2:5556,n3=host-3.example:6000";
  private static final String SECRET = "0123456789abcdef";

  @Test
  void parsesAValidNode() {
    ClusterSettings s = ClusterSettings.parse("n2", "10.0.0.2:5556", SEEDS, SECRET, "rack-b");
    assertThat(s.nodeId()).isEqualTo("n2");
    assertThat(s.address()).isEqualTo(new ClusterSettings.Endpoint("10.0.0.2", 5556));
    assertThat(s.seeds()).extracting(ClusterSettings.Peer::id).containsExactly("n1", "n2", "n3");
    assertThat(s.seeds().get(2).address())
        .isEqualTo(new ClusterSettings.Endpoint("host-3.example", 6000));
    assertThat(s.joining()).isFalse();
    assertThat(s.zone()).isEqualTo("rack-b");
  }

  @Test
  void aNodeNotAmongTheSeedsJoinsThem() {
    ClusterSettings s = ClusterSettings.parse("n9", "10.0.0.9:5556", SEEDS, SECRET, "rack-c");
    assertThat(s.joining()).isTrue();
    assertThat(s.seeds()).extracting(ClusterSettings.Peer::id).containsExactly("n1", "n2", "n3");
  }

  @Test
  void zoneDefaultsAndSecretNeverShows() {
    ClusterSettings s = ClusterSettings.parse("n1", "10.0.0.1:5556", SEEDS, SECRET, null);
    assertThat(s.zone()).isEqualTo("default");
    assertThat(s.toString()).doesNotContain(SECRET).contains("secret=***");
  }

  @Test
  void eachBadValueNamesItsSettingAndWhatWasExpected() {
    expectError("N1", "10.0.0.1:5556", SEEDS, SECRET, "z", "DFS_NODE_ID", "a-z 0-9");
    expectError("n1", "10.0.0.1", SEEDS, SECRET, "z", "DFS_CLUSTER_ADDRESS", "host:port");
    expectError("n1", "10.0.0.1:70000", SEEDS, SECRET, "z", "DFS_CLUSTER_ADDRESS", "1 to 65534");
    expectError("n1", "10.0.0.1:5556", "", SECRET, "z", "DFS_CLUSTER_SEEDS", "id=host:port");
    expectError(
        "n1",
        "10.0.0.1:5556",
        "n1=10.0.0.1:5556,n2",
        SECRET,
        "z",
        "DFS_CLUSTER_SEEDS",
        "id=host:port");
    expectError(
        "n1", "10.0.0.1:5556", "n1=a:1,n1=b:2", SECRET, "z", "DFS_CLUSTER_SEEDS", "'n1' repeats");
    expectError(
        "n1",
        "10.0.0.1:5556",
        "n1=a:1,n2=a:1",
        SECRET,
        "z",
        "DFS_CLUSTER_SEEDS",
        "different host:port");
    expectError("n1", "10.0.0.1:5556", SEEDS, "short", "z", "DFS_CLUSTER_SECRET", "at least 16");
    expectError("n1", "10.0.0.1:5556", SEEDS, SECRET, "Zone A", "DFS_ZONE", "a-z 0-9");
    expectError("n1", "10.0.0.1:65535", SEEDS, SECRET, "z", "DFS_CLUSTER_ADDRESS", "port + 1");
    expectError(
        "n1", "10.0.0.1:5556", "n1=a:7000,n2=a:7001", SECRET, "z", "DFS_CLUSTER_SEEDS", "2 apart");
  }

  @Test
  void raftListensOnTheNextPortOfEachAddress() {
    ClusterSettings r = ClusterSettings.parse("n2", "10.0.0.2:5556", SEEDS, SECRET, null).raft();
    assertThat(r.address()).isEqualTo(new ClusterSettings.Endpoint("10.0.0.2", 5557));
    assertThat(r.seeds()).extracting(p -> p.address().port()).containsExactly(5557, 5557, 6001);
    assertThat(r.nodeId()).isEqualTo("n2");
  }

  @Test
  void aBadSecretIsNotEchoed() {
    assertThatThrownBy(() -> ClusterSettings.parse("n1", "10.0.0.1:5556", SEEDS, "tooshort", null))
        .hasMessageNotContaining("tooshort");
  }

  private static void expectError(
      String id,
      String address,
      String seeds,
      String secret,
      String zone,
      String setting,
      String expected) {
    assertThatThrownBy(() -> ClusterSettings.parse(id, address, seeds, secret, zone))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Invalid value for " + setting)
        .hasMessageContaining(expected);
  }
}
