package dev.dfs.store.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dfs.store.ClusterAdmin;
import dev.dfs.store.ObjectRead;
import dev.dfs.store.PutObjectRequest;
import dev.dfs.store.ReadRequest;
import dev.dfs.store.cluster.repair.RepairSettings;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Decommission on four in-process nodes (replication factor 3): a node holding chunks cannot be
 * removed before it is drained; draining it copies every chunk it holds to the other nodes until
 * the drain reports it safe to remove; then it is removed and stopped, and every object, those
 * written before and during the drain, reads back byte for byte from every other node.
 */
@Timeout(240)
class DrainTest {
  private static final String BUCKET = "b";
  private static final Duration WAIT = Duration.ofSeconds(120);

  /** Repair unthrottled, no scrub. */
  private static final RepairSettings FAST =
      new RepairSettings(0, Duration.ofMinutes(10), Duration.ofHours(1), 0, Duration.ofDays(7));

  @Test
  void aDrainedNodeIsRemovedAndStoppedWithEveryObjectStillReadable() throws Exception {
    Path dir = Files.createTempDirectory("dfs-cluster-drain");
    try (ThreeNodeCluster cluster = new ThreeNodeCluster(dir, 4, 3, FAST).startAll()) {
      int leader = cluster.awaitLeader();
      cluster.store(leader).createBucket(BUCKET, "us-east-1");
      Map<String, byte[]> objects = new LinkedHashMap<>();
      Random random = new Random(11);
      for (int i = 0; i < 16; i++)
        objects.put("before-" + i, put(cluster, leader, "before-" + i, random));
      int drained = (leader + 1) % 4;
      String id = ThreeNodeCluster.id(drained);
      ClusterAdmin admin = cluster.node(leader).view().admin().orElseThrow();
      assertThatThrownBy(() -> admin.remove(id))
          .isInstanceOfSatisfying(
              ClusterAdmin.Refused.class,
              e -> assertThat(e.kind()).isEqualTo(ClusterAdmin.Refused.Kind.CONFLICT))
          .hasMessageContaining("drain it first");

      ClusterAdmin.Drain first =
          cluster.node(drained).view().admin().orElseThrow().drain(id); // through the node itself
      assertThat(first.chunksHeld()).isPositive();
      assertThat(cluster.node(leader).view().status().repair().drainingNodes()).containsExactly(id);
      for (int i = 0; i < 4; i++)
        objects.put("during-" + i, put(cluster, leader, "during-" + i, random));
      long deadline = System.nanoTime() + WAIT.toNanos();
      ClusterAdmin.Drain now = first;
      while (!now.safeToRemove()) {
        assertThat(System.nanoTime())
            .as("drained within %s, last %s", WAIT, now)
            .isLessThan(deadline);
        Thread.sleep(250);
        now = admin.drain(id);
      }
      assertThat(now.chunksToGo()).isZero();
      assertThat(now.bytesToGo()).isZero();

      admin.remove(id);
      cluster.stop(drained);
      objects.put("after", put(cluster, leader, "after", random));
      for (int i = 0; i < 4; i++) {
        if (i == drained) continue;
        for (Map.Entry<String, byte[]> o : objects.entrySet()) {
          assertThat(read(cluster, i, o.getKey()))
              .as("%s on n%d", o.getKey(), i + 1)
              .isEqualTo(o.getValue());
        }
      }
    } finally {
      dev.dfs.testing.DfsTestServer.deleteTree(dir);
    }
  }

  private static byte[] put(ThreeNodeCluster cluster, int leader, String key, Random random)
      throws IOException {
    byte[] body = new byte[200_000 + random.nextInt(100_000)];
    random.nextBytes(body);
    cluster
        .store(leader)
        .putObject(
            PutObjectRequest.simple(BUCKET, key, body.length), new ByteArrayInputStream(body));
    return body;
  }

  private static byte[] read(ThreeNodeCluster cluster, int node, String key) throws IOException {
    cluster.node(node).view().readBarrier();
    try (ObjectRead r = cluster.store(node).open(ReadRequest.of(BUCKET, key));
        InputStream in = r.stream(null)) {
      return in.readAllBytes();
    }
  }
}
