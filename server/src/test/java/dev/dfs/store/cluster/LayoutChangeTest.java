package dev.dfs.store.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dfs.store.ClusterAdmin;
import dev.dfs.store.ClusterLayout;
import dev.dfs.store.ObjectRead;
import dev.dfs.store.PutObjectRequest;
import dev.dfs.store.ReadRequest;
import dev.dfs.store.cluster.meta.ClusterSettings;
import dev.dfs.store.cluster.repair.RepairSettings;
import dev.dfs.store.local.LocalStoreOptions;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A layout change on a cluster holding data: three in-process nodes (replication factor 2) with
 * objects, a fourth that joins; its assignment is staged, shown (the moves predicted from the
 * catalog) and applied while a client reads and writes through every node. The client sees no
 * error; the rebalance copies exactly the predicted bytes; the old version is retired and the
 * copies the old owners no longer need are removed; every object reads back through every node.
 * Then removing the new node is refused until it is drained, and after the drain it is removed and
 * every object still reads back.
 */
@Timeout(180)
class LayoutChangeTest {
  private static final String BUCKET = "b";
  private static final Duration WAIT = Duration.ofSeconds(60);

  /** Repair unthrottled, no periodic pass during the test, no scrub. */
  private static final RepairSettings FAST =
      new RepairSettings(0, Duration.ofMinutes(10), Duration.ofHours(1), 0, Duration.ofDays(7));

  @Test
  void addingANodeMovesThePredictedBytesWhileClientsWorkAndRemovingItDrainsItFirst()
      throws Exception {
    Path dir = Files.createTempDirectory("dfs-cluster-layout");
    ClusterNode n4 = null;
    try (ThreeNodeCluster cluster = new ThreeNodeCluster(dir, 2, FAST).startAll()) {
      int leader = cluster.awaitLeader();
      cluster.store(leader).createBucket(BUCKET, "us-east-1");
      Map<String, byte[]> objects = new ConcurrentHashMap<>();
      Random random = new Random(13);
      for (int i = 0; i < 24; i++)
        objects.put("before-" + i, put(cluster.node(leader), "before-" + i, random));
      n4 = join(cluster, dir, leader);
      ClusterNode joined = n4;
      ClusterAdmin admin =
          admin(cluster.node((leader + 1) % 3)); // a follower: it hands changes to the leader
      await("n4 is a member on the leader", () -> member(cluster.node(leader), "n4"));

      ClusterLayout staged =
          admin.stageLayout(
              List.of(
                  new ClusterLayout.Assignment(
                      "n4", Optional.of("z3"), Optional.of(1.0), Optional.empty())));
      assertThat(staged.staged()).isPresent();
      ClusterLayout.Moves predicted = staged.moves();
      assertThat(predicted.chunks())
          .as("n4 owns one of the 2 copies of about half the 24 chunks")
          .isBetween(3L, 21L);
      assertThat(predicted.byLink()).allSatisfy(m -> assertThat(m.to()).isEqualTo("n4"));
      assertThat(predicted.byLink().stream().mapToLong(ClusterLayout.Move::bytes).sum())
          .isEqualTo(predicted.bytes());
      long version = staged.version();
      assertThatThrownBy(() -> admin.applyLayout(version + 2))
          .isInstanceOfSatisfying(
              ClusterAdmin.Refused.class,
              e -> assertThat(e.kind()).isEqualTo(ClusterAdmin.Refused.Kind.CONFLICT));
      long repairedBefore = repaired(cluster, joined);

      ClusterLayout applied = admin.applyLayout(version + 1);
      assertThat(applied.staged()).isEmpty();
      await(
          "the leader applied the new version",
          () -> admin(cluster.node(leader)).layoutStatus().version() == version + 1);
      Client client = new Client(cluster, joined, leader, objects).start();
      try {
        await(
            "the old version is retired",
            () -> admin.layoutStatus().activeVersions().equals(List.of(version + 1)));
        Thread.sleep(500); // a few more reads and writes after the retirement
      } finally {
        client.stop();
      }
      assertThat(client.errors).as("errors the client saw").isEmpty();
      assertThat(client.writes.get()).isPositive();
      // A write acknowledged at quorum may still be streaming to n4 when a pass looks, and repair
      // then copies that chunk too: the client's writes bound what may be moved beyond the plan.
      assertThat(repaired(cluster, joined) - repairedBefore)
          .as("bytes moved = bytes predicted, plus at most what the client wrote meanwhile")
          .isBetween(predicted.bytes(), predicted.bytes() + client.bytesWritten.get());
      await(
          "the old owners' extra copies are removed",
          () -> copies(cluster, joined) == 2L * objects.size());
      for (ClusterNode node : nodes(cluster, joined)) {
        for (Map.Entry<String, byte[]> o : objects.entrySet()) {
          assertThat(read(node, o.getKey())).as("%s", o.getKey()).isEqualTo(o.getValue());
        }
      }

      assertThatThrownBy(() -> admin.remove("n4"))
          .isInstanceOfSatisfying(
              ClusterAdmin.Refused.class,
              e -> assertThat(e.kind()).isEqualTo(ClusterAdmin.Refused.Kind.CONFLICT))
          .hasMessageContaining("drain it first");
      admin.drain("n4");
      assertThat(admin.layoutStatus().rebalance().moving()).isTrue();
      await("n4 is drained", () -> admin.drain("n4").safeToRemove());
      admin.remove("n4");
      n4.close();
      n4 = null;
      for (int i = 0; i < 3; i++) {
        for (Map.Entry<String, byte[]> o : objects.entrySet()) {
          assertThat(read(cluster.node(i), o.getKey()))
              .as("%s on n%d", o.getKey(), i + 1)
              .isEqualTo(o.getValue());
        }
      }
    } finally {
      if (n4 != null) n4.close();
      dev.dfs.testing.DfsTestServer.deleteTree(dir);
    }
  }

  /** Starts n4 with one seed (a follower), as a node joins. */
  private static ClusterNode join(ThreeNodeCluster cluster, Path dir, int leader)
      throws IOException {
    int port = ThreeNodeCluster.freePortPair();
    int seed = (leader + 1) % 3;
    ClusterSettings settings =
        ClusterSettings.parse(
            "n4",
            "127.0.0.1:" + port,
            ThreeNodeCluster.id(seed) + "=" + cluster.address(seed),
            ThreeNodeCluster.SECRET,
            "z3");
    return ClusterNode.start(
        settings,
        dir.resolve("n4"),
        LocalStoreOptions.defaults(),
        2,
        ThreeNodeCluster.TUNING,
        "same shared settings on every node",
        FAST);
  }

  /**
   * Reads every object and writes new ones through every node, round after round, until stopped.
   */
  private static final class Client implements Runnable {
    final List<String> errors = new CopyOnWriteArrayList<>();
    final java.util.concurrent.atomic.AtomicLong writes =
        new java.util.concurrent.atomic.AtomicLong();
    final java.util.concurrent.atomic.AtomicLong bytesWritten =
        new java.util.concurrent.atomic.AtomicLong();
    private final ThreeNodeCluster cluster;
    private final ClusterNode n4;
    private final int leader;
    private final Map<String, byte[]> objects;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Random random = new Random(17);
    private Thread thread;

    Client(ThreeNodeCluster cluster, ClusterNode n4, int leader, Map<String, byte[]> objects) {
      this.cluster = cluster;
      this.n4 = n4;
      this.leader = leader;
      this.objects = objects;
    }

    Client start() {
      thread = Thread.ofPlatform().name("layout-test-client").start(this);
      return this;
    }

    @Override
    public void run() {
      List<ClusterNode> nodes = nodes(cluster, n4);
      for (int round = 0; running.get(); round++) {
        String key = "during-" + round;
        try {
          byte[] body = put(cluster.node(leader), key, random);
          objects.put(key, body);
          writes.incrementAndGet();
          bytesWritten.addAndGet(body.length);
          ClusterNode via = nodes.get(round % nodes.size());
          for (Map.Entry<String, byte[]> o : List.copyOf(objects.entrySet())) {
            if (!java.util.Arrays.equals(read(via, o.getKey()), o.getValue()))
              errors.add(o.getKey() + ": wrong bytes");
          }
        } catch (IOException | RuntimeException e) {
          errors.add(key + ": " + e);
        }
      }
    }

    void stop() throws InterruptedException {
      running.set(false);
      thread.join(Duration.ofSeconds(30));
    }
  }

  private static List<ClusterNode> nodes(ThreeNodeCluster cluster, ClusterNode n4) {
    return List.of(cluster.node(0), cluster.node(1), cluster.node(2), n4);
  }

  /** Bytes the repair workers of every node copied. */
  private static long repaired(ThreeNodeCluster cluster, ClusterNode n4) {
    return nodes(cluster, n4).stream()
        .mapToLong(n -> n.view().status().repair().bytesRepaired())
        .sum();
  }

  /** Chunk replicas on every node. */
  private static long copies(ThreeNodeCluster cluster, ClusterNode n4) {
    long n = 0;
    for (ClusterNode node : nodes(cluster, n4)) {
      try {
        n += node.volume().list(null, 100_000).size();
      } catch (IOException e) {
        return -1;
      }
    }
    return n;
  }

  private static ClusterAdmin admin(ClusterNode node) {
    return node.view().admin().orElseThrow();
  }

  private static boolean member(ClusterNode node, String id) {
    return node.view().status().members().stream().anyMatch(m -> m.id().equals(id));
  }

  private static byte[] put(ClusterNode node, String key, Random random) throws IOException {
    byte[] body = new byte[200_000 + random.nextInt(100_000)];
    random.nextBytes(body);
    node.store()
        .putObject(
            PutObjectRequest.simple(BUCKET, key, body.length), new ByteArrayInputStream(body));
    return body;
  }

  private static byte[] read(ClusterNode node, String key) throws IOException {
    node.view().readBarrier();
    try (ObjectRead r = node.store().open(ReadRequest.of(BUCKET, key));
        InputStream in = r.stream(null)) {
      return in.readAllBytes();
    }
  }

  private static void await(String what, BooleanSupplier condition) {
    ThreeNodeCluster.await(what, WAIT, condition);
  }
}
