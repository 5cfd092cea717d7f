package dev.dfs.store.cluster;

import static dev.dfs.store.cluster.OneBucketCluster.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.dfs.store.ClusterStatus;
import dev.dfs.store.cluster.data.ChunkClient;
import dev.dfs.store.cluster.data.ChunkService;
import dev.dfs.store.cluster.data.ClusterSecret;
import dev.dfs.store.cluster.data.Node;
import dev.dfs.store.cluster.data.NodeState;
import dev.dfs.store.cluster.data.PeerTransport;
import dev.dfs.store.cluster.meta.ClusterSettings;
import dev.dfs.store.local.ChunkVolume;
import dev.dfs.store.local.LocalStoreOptions;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * A three-node cluster whose chunk service speaks mutual TLS (one cluster for the class): objects
 * replicate and read back through every node, the peers' polls work; a peer that speaks plain HTTP,
 * or TLS with another certificate, is refused quickly; a node with another secret cannot join.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(120)
class ClusterTlsTest {
  /** Far above a refusal (a round trip) and far below the clients' idle timeout: not a hang. */
  private static final Duration REFUSED_WITHIN = Duration.ofSeconds(15);

  private static final Duration IDLE = Duration.ofSeconds(60);

  private OneBucketCluster fx;
  private Path dir;
  private ThreeNodeCluster cluster;
  private int leader;

  @BeforeAll
  void start() throws IOException {
    fx = OneBucketCluster.start("dfs-cluster-tls", d -> new ThreeNodeCluster(d).withTls());
    dir = fx.dir;
    cluster = fx.cluster;
    leader = fx.leader;
  }

  @AfterAll
  void stop() throws IOException {
    if (fx != null) fx.close();
  }

  @Test
  void objectsReplicateOverTlsAndReadBackOnEveryNode() throws Exception {
    byte[] large = bytes(3 * 1024 * 1024 + 11, 1); // chunked: sent to the three nodes
    byte[] small = bytes(100, 2); // inline: in the metadata
    fx.put("large", large);
    fx.put("small", small);
    cluster.awaitQuorum();
    for (int i = 0; i < 3; i++) {
      assertThat(fx.read(i, "large")).as("large on n" + (i + 1)).isEqualTo(large);
      assertThat(fx.read(i, "small")).as("small on n" + (i + 1)).isEqualTo(small);
      assertThat(chunkFiles(i)).as("chunk files of n" + (i + 1)).hasSize(1);
    }
    // the peers' node polls go over TLS too: the leader knows every node's volume
    ThreeNodeCluster.await(
        "every node polled over TLS",
        Duration.ofSeconds(30),
        () ->
            cluster.node(leader).view().status().members().stream()
                .allMatch(
                    m -> m.health() == ClusterStatus.Health.HEALTHY && m.capacityBytes() > 0));
  }

  @Test
  void aPeerSpeakingPlainHttpOrAnotherCertificateIsRefusedQuickly() throws Exception {
    ClusterSecret secret = ClusterSecret.of(ThreeNodeCluster.SECRET);
    Node n1 = node(0, "https");
    try (ChunkClient same = client(secret, PeerTransport.tls(ThreeNodeCluster.SECRET));
        ChunkClient plain = client(secret, PeerTransport.plain());
        ChunkClient other = client(secret, PeerTransport.tls("another-secret-0123456789"))) {
      assertThat(same.healthy(n1)).as("the cluster's own certificate").isTrue();
      // the same signing secret each time: what is refused is the transport, not the request
      assertThat(assertTimeoutPreemptively(REFUSED_WITHIN, () -> plain.healthy(n1)))
          .as("plain HTTP to a TLS chunk port")
          .isFalse();
      assertThat(assertTimeoutPreemptively(REFUSED_WITHIN, () -> other.healthy(n1)))
          .as("TLS with another certificate")
          .isFalse();
    }
  }

  @Test
  void aTlsPeerIsRefusedQuicklyByAPlaintextNode() throws Exception {
    ClusterSecret secret = ClusterSecret.of(ThreeNodeCluster.SECRET);
    Path volumeDir = dir.resolve("plain");
    try (ChunkService service =
            ChunkService.start(
                "p",
                ChunkVolume.open(volumeDir, 64 * 1024, Long.MAX_VALUE),
                secret,
                "127.0.0.1",
                0,
                Clock.systemUTC());
        ChunkClient plain = client(secret, PeerTransport.plain());
        ChunkClient tls = client(secret, PeerTransport.tls(ThreeNodeCluster.SECRET))) {
      Node p = new Node("p", service.address(), "z", 1, NodeState.ACTIVE);
      assertThat(plain.healthy(p)).as("a plaintext peer").isTrue();
      assertThat(assertTimeoutPreemptively(REFUSED_WITHIN, () -> tls.healthy(p)))
          .as("a TLS peer")
          .isFalse();
    }
  }

  @Test
  void aNodeWithAnotherSecretCannotJoin() throws Exception {
    int port = ThreeNodeCluster.freePortPair();
    ClusterSettings settings =
        ClusterSettings.parse(
                "n4",
                "127.0.0.1:" + port,
                ThreeNodeCluster.id(leader) + "=" + cluster.address(leader),
                "not-this-clusters-secret-42",
                "z3")
            .withTls(true);
    try (ClusterNode stranger =
        ClusterNode.start(
            settings,
            dir.resolve("n4"),
            LocalStoreOptions.defaults(),
            3,
            ThreeNodeCluster.TUNING,
            "same shared settings on every node")) {
      // it asks every JOIN_EVERY; give it several attempts
      Thread.sleep(ClusterNode.JOIN_EVERY.multipliedBy(3).toMillis());
      assertThat(cluster.node(leader).view().status().members())
          .extracting(ClusterStatus.Member::id)
          .containsExactly("n1", "n2", "n3");
      assertThat(stranger.view().inQuorum()).isFalse();
    }
  }

  private Node node(int i, String scheme) {
    return new Node(
        ThreeNodeCluster.id(i),
        URI.create(scheme + "://" + cluster.address(i)),
        "z" + i,
        1,
        NodeState.ACTIVE);
  }

  private static ChunkClient client(ClusterSecret secret, PeerTransport transport)
      throws Exception {
    return ChunkClient.start(secret, transport, Clock.systemUTC(), Duration.ofSeconds(2), IDLE);
  }

  private Path[] chunkFiles(int i) throws IOException {
    Path chunks = cluster.dir(i).resolve("chunks");
    try (Stream<Path> files = Files.walk(chunks)) {
      return files.filter(Files::isRegularFile).toArray(Path[]::new);
    }
  }
}
