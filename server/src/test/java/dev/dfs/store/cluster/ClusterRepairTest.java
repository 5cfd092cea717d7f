package dev.dfs.store.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dfs.store.ClusterStatus;
import dev.dfs.store.PutObjectRequest;
import dev.dfs.store.cluster.repair.RepairSettings;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

/**
 * Repair and scrub on three in-process nodes (replication factor 3): chunks written while a node
 * was down are copied to it when it returns; a replica deleted behind the engine's back is found by
 * the leader's full pass; a corrupted replica is found by the scrub, quarantined and replaced;
 * queued repairs survive a restart of the node that queued them. Every test ends with the three
 * nodes holding byte-identical replicas of every chunk. One cluster for the class, tests in order.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(180)
class ClusterRepairTest {
  private static final String BUCKET = "b";
  private static final Duration WAIT = Duration.ofSeconds(90);

  /** Fast scrub (a pass every 2 s) so a test sees one; repair unthrottled. */
  private static final RepairSettings FAST =
      new RepairSettings(
          0, Duration.ofMinutes(10), Duration.ofHours(1), 1L << 30, Duration.ofSeconds(2));

  private Path dir;
  private ThreeNodeCluster cluster;
  private int leader;
  private final Random random = new Random(7);

  @BeforeAll
  void start() throws IOException {
    dir = Files.createTempDirectory("dfs-cluster-repair");
    cluster = new ThreeNodeCluster(dir, 3, FAST).startAll();
    leader = cluster.awaitLeader();
    cluster.store(leader).createBucket(BUCKET, "us-east-1");
  }

  @AfterAll
  void stop() throws IOException {
    try {
      if (cluster != null) cluster.close();
    } finally {
      if (dir != null) dev.dfs.testing.DfsTestServer.deleteTree(dir);
    }
  }

  @Test
  @Order(1)
  void chunksWrittenWhileANodeWasDownAreCopiedToItWhenItReturns() throws IOException {
    int down = (leader + 1) % 3;
    cluster.stop(down);
    for (int i = 0; i < 4; i++) put("while-down-" + i, 1024 * 1024 + 100 * i);
    // the writer reports the replica it could not write (possibly just after the write returned)
    await(() -> status(leader).underReplicatedChunks() >= 4, "four chunks under-replicated");
    cluster.start(down);
    awaitFullyReplicated();
    assertThat(status(leader).repair().chunksRepaired()).isGreaterThanOrEqualTo(4);
    assertThat(status(leader).repair().bytesRepaired()).isGreaterThanOrEqualTo(4L * 1024 * 1024);
  }

  @Test
  @Order(2)
  void aReplicaDeletedBehindTheEnginesBackIsFoundByTheFullPass() throws IOException {
    put("full-pass", 700_000);
    int victim = (leader + 2) % 3;
    awaitFullyReplicated();
    Path file = chunkFiles(victim).values().iterator().next();
    Files.delete(file);
    cluster.node(leader).repairWorker().requestFullPass();
    await(() -> Files.exists(file), "the full pass restores " + file);
    awaitFullyReplicated();
    // every member's own repair counter reaches every node (its poll of the member), so any node
    // asked shows the same per-member figures and the same total
    await(this::repairCountersAlikeOnEveryNode, "each member's repair counter on every node");
    long total = 0;
    for (ClusterStatus.Member m : status(victim).members()) total += m.chunksRepaired();
    assertThat(total).isGreaterThanOrEqualTo(5); // order 1's four and this one
  }

  @Test
  @Order(3)
  void aCorruptedReplicaIsFoundByTheScrubQuarantinedAndReplaced() throws IOException {
    int victim = (leader + 1) % 3;
    Path file = chunkFiles(victim).values().iterator().next();
    long corruptBefore = status(victim).repair().scrubCorrupt();
    flipByte(file, Files.size(file) / 2);
    await(
        () -> status(victim).repair().scrubCorrupt() > corruptBefore, "the scrub finds the damage");
    try (var quarantined = Files.list(cluster.dir(victim).resolve("quarantine"))) {
      assertThat(quarantined).isNotEmpty();
    }
    awaitFullyReplicated();
    assertThat(status(victim).repair().scrubbedChunks()).isPositive();
  }

  @Test
  @Order(4)
  void queuedRepairsSurviveARestartOfTheNodeThatQueuedThem() throws IOException {
    int down = (leader + 1) % 3;
    cluster.stop(down);
    put("before-restart", 1_500_000);
    await(() -> status(leader).underReplicatedChunks() > 0, "a chunk under-replicated");
    int queued = leader;
    cluster.stop(queued); // its queue is flushed on close, and read back at start
    assertThat(cluster.dir(queued).resolve("repair").resolve("queue"))
        .content()
        .contains(" WRITE_FAILED ");
    cluster.start(down);
    cluster.start(queued);
    leader = cluster.awaitLeader();
    cluster.awaitQuorum();
    awaitFullyReplicated();
  }

  // ---- helpers ----

  /** Whether every node shows each member's repair counters as that member counts them itself. */
  private boolean repairCountersAlikeOnEveryNode() {
    for (int j = 0; j < 3; j++) {
      ClusterStatus own = status(j);
      for (int i = 0; i < 3; i++) {
        ClusterStatus.Member seen =
            status(i).members().stream()
                .filter(m -> m.id().equals(own.nodeId()))
                .findFirst()
                .orElseThrow();
        if (seen.chunksRepaired() != own.repair().chunksRepaired()
            || seen.bytesRepaired() != own.repair().bytesRepaired()) return false;
      }
    }
    return true;
  }

  private ClusterStatus status(int node) {
    return cluster.node(node).view().status();
  }

  /**
   * Until every node holds byte-identical copies of the same chunks and no node queues a repair.
   */
  private void awaitFullyReplicated() {
    await(
        () -> {
          try {
            for (int i = 0; i < 3; i++) if (status(i).underReplicatedChunks() != 0) return false;
            return sameReplicas();
          } catch (IOException e) {
            return false;
          }
        },
        "every chunk on every node, no repair queued");
  }

  private boolean sameReplicas() throws IOException {
    Map<String, Path> a = chunkFiles(0);
    Map<String, Path> b = chunkFiles(1);
    Map<String, Path> c = chunkFiles(2);
    if (a.isEmpty() || !a.keySet().equals(b.keySet()) || !a.keySet().equals(c.keySet()))
      return false;
    for (String id : a.keySet()) {
      if (Files.mismatch(a.get(id), b.get(id)) != -1 || Files.mismatch(a.get(id), c.get(id)) != -1)
        return false;
    }
    return true;
  }

  private void await(BooleanSupplier condition, String what) {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline)
        throw new AssertionError("not within " + WAIT + ": " + what);
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted");
      }
    }
  }

  private void put(String key, int size) throws IOException {
    byte[] body = new byte[size];
    random.nextBytes(body);
    cluster
        .store(leader)
        .putObject(PutObjectRequest.simple(BUCKET, key, size), new ByteArrayInputStream(body));
  }

  /** Chunk id → file of a node's replicas. */
  private Map<String, Path> chunkFiles(int node) throws IOException {
    Path chunks = cluster.dir(node).resolve("chunks");
    Map<String, Path> out = new TreeMap<>();
    try (Stream<Path> s = Files.walk(chunks)) {
      s.filter(Files::isRegularFile).forEach(p -> out.put(p.getFileName().toString(), p));
    }
    return out;
  }

  private static void flipByte(Path file, long at) throws IOException {
    try (var ch =
        java.nio.channels.FileChannel.open(
            file, java.nio.file.StandardOpenOption.READ, java.nio.file.StandardOpenOption.WRITE)) {
      java.nio.ByteBuffer one = java.nio.ByteBuffer.allocate(1);
      ch.read(one, at);
      one.put(0, (byte) (one.get(0) ^ 0x5A)).rewind();
      ch.write(one, at);
      ch.force(true);
    }
  }
}
