package dev.dfs.store.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dfs.store.ClusterStatus;
import dev.dfs.store.PutObjectRequest;
import dev.dfs.store.cluster.repair.RepairSettings;
import dev.dfs.store.local.ChunkVolume.StoredChunk;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Three nodes keeping two copies: a node unreachable longer than DFS_NODE_DEAD_AFTER (3 s here) is
 * shown DEAD, and the chunks it held are copied to the next node of their placement, so the two
 * live nodes end up holding every chunk; reads keep working throughout.
 */
@Timeout(180)
class DeadNodeRepairTest {
  @Test
  void aDeadNodesChunksAreReReplicatedToTheNextNodes() throws Exception {
    Path dir = Files.createTempDirectory("dfs-dead-node");
    RepairSettings s =
        new RepairSettings(0, Duration.ofSeconds(3), Duration.ofHours(1), 0, Duration.ofDays(7));
    try (ThreeNodeCluster cluster = new ThreeNodeCluster(dir, 2, s).startAll()) {
      int leader = cluster.awaitLeader();
      cluster.store(leader).createBucket("b", "us-east-1");
      Random random = new Random(3);
      for (int i = 0; i < 8; i++) {
        byte[] body = new byte[300_000];
        random.nextBytes(body);
        cluster
            .store(leader)
            .putObject(
                PutObjectRequest.simple("b", "k" + i, body.length), new ByteArrayInputStream(body));
      }
      int dead = (leader + 1) % 3;
      int other = (leader + 2) % 3;
      cluster.stop(dead);
      List<StoredChunk> chunks = cluster.node(leader).local().referencedChunks(null, 1000);
      assertThat(chunks).hasSize(8);
      await(
          () -> health(cluster, leader, ThreeNodeCluster.id(dead)) == ClusterStatus.Health.DEAD,
          "declared dead");
      await(
          () ->
              holdsAll(cluster, leader, chunks)
                  && holdsAll(cluster, other, chunks)
                  && cluster.node(leader).view().status().underReplicatedChunks() == 0,
          "every chunk on both live nodes");
      for (int i = 0; i < 8; i++) {
        try (var r = cluster.store(leader).open(dev.dfs.store.ReadRequest.of("b", "k" + i));
            var in = r.stream(null)) {
          assertThat(in.readAllBytes()).hasSize(300_000);
        }
      }
    } finally {
      dev.dfs.testing.DfsTestServer.deleteTree(dir);
    }
  }

  private static ClusterStatus.Health health(ThreeNodeCluster cluster, int node, String id) {
    return cluster.node(node).view().status().members().stream()
        .filter(m -> m.id().equals(id))
        .findFirst()
        .orElseThrow()
        .health();
  }

  private static boolean holdsAll(ThreeNodeCluster cluster, int node, List<StoredChunk> chunks) {
    for (StoredChunk c : chunks) {
      String hex = c.id().hex();
      Path f =
          cluster
              .dir(node)
              .resolve("chunks")
              .resolve(hex.substring(0, 2))
              .resolve(hex.substring(2, 4))
              .resolve(hex);
      if (!Files.exists(f)) return false;
    }
    return true;
  }

  private static void await(java.util.function.BooleanSupplier condition, String what)
      throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) throw new AssertionError("not within 90 s: " + what);
      Thread.sleep(100);
    }
  }
}
