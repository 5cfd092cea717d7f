package dev.dfs.store.cluster;

import static dev.dfs.store.cluster.OneBucketCluster.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dfs.store.ClusterStatus;
import dev.dfs.store.PutObjectRequest;
import dev.dfs.store.cluster.repair.RepairSettings;
import dev.dfs.store.local.ChunkId;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * Garbage collection on three in-process nodes with a 3 s orphan grace: an orphan replica (a chunk
 * no metadata references, as a failed write leaves it) on every node is kept while younger than the
 * grace and then removed on every node by the leader's sweep, while the replicas of stored objects
 * stay; a write whose body takes several grace periods to arrive, with sweeps running all along, is
 * stored whole and reads back from every node.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(180)
class ClusterGcTest {
  private static final String BUCKET = OneBucketCluster.BUCKET;
  private static final Duration GRACE = Duration.ofSeconds(3);
  private static final Duration WAIT = Duration.ofSeconds(60);
  private OneBucketCluster fx;
  private ThreeNodeCluster cluster;
  private int leader;

  @BeforeAll
  void start() throws IOException {
    fx =
        OneBucketCluster.start(
            "dfs-cluster-gc",
            dir -> new ThreeNodeCluster(dir, 3, RepairSettings.defaults().withGcGrace(GRACE)));
    cluster = fx.cluster;
    leader = fx.leader;
  }

  @AfterAll
  void stop() throws IOException {
    if (fx != null) fx.close();
  }

  @Test
  void orphansOlderThanTheGraceAreSweptOnEveryReplicaAndReferencedChunksStay() throws Exception {
    byte[] kept = bytes(700_000, 1);
    fx.put("kept", kept);
    ChunkId orphan = ChunkId.random();
    long written = System.nanoTime();
    for (int i = 0; i < 3; i++) {
      byte[] body = bytes(200_000, 2);
      cluster.node(i).volume().write(orphan, new ByteArrayInputStream(body), body.length);
    }
    Thread.sleep(GRACE.toMillis() / 3);
    if (System.nanoTime() - written
        < GRACE.toNanos()) { // still younger than the grace: kept everywhere
      for (int i = 0; i < 3; i++)
        assertThat(cluster.node(i).volume().length(orphan)).as("n%d", i + 1).isPresent();
    }
    await(
        () -> {
          for (int i = 0; i < 3; i++) {
            try {
              if (cluster.node(i).volume().length(orphan).isPresent()) return false;
            } catch (IOException e) {
              return false;
            }
          }
          return true;
        },
        "the orphan removed on every node");
    assertThat(System.nanoTime() - written).isGreaterThanOrEqualTo(GRACE.toNanos());
    ClusterStatus.Gc gc = cluster.node(leader).view().status().repair().gc();
    assertThat(gc.orphansRemoved()).isGreaterThanOrEqualTo(3);
    assertThat(gc.bytesRemoved()).isGreaterThanOrEqualTo(3 * 200_000L);
    assertThat(gc.graceSeconds()).isEqualTo(GRACE.toSeconds());
    await(
        () -> cluster.node(leader).view().status().repair().gc().passes() >= 2, "two more passes");
    for (int i = 0; i < 3; i++) {
      assertThat(fx.read(i, "kept")).as("n%d", i + 1).isEqualTo(kept);
    }
  }

  @Test
  void aWriteInProgressDuringSweepsIsNeverHarmed() throws Exception {
    byte[] body = bytes(2_000_000, 3);
    long passesBefore = cluster.node(leader).view().status().repair().gc().passes();
    // the body trickles in over about three grace periods, sweeps running all along
    InputStream slow =
        new ByteArrayInputStream(body) {
          @Override
          public synchronized int read(byte[] b, int off, int len) {
            pause(Math.max(1, GRACE.toMillis() * 3 / (body.length / 64_000)));
            return super.read(b, off, Math.min(len, 64_000));
          }
        };
    cluster.store(leader).putObject(PutObjectRequest.simple(BUCKET, "slow", body.length), slow);
    assertThat(cluster.node(leader).view().status().repair().gc().passes())
        .isGreaterThan(passesBefore);
    // and later passes leave its chunk alone
    long passesAfter = cluster.node(leader).view().status().repair().gc().passes();
    await(
        () -> cluster.node(leader).view().status().repair().gc().passes() >= passesAfter + 4,
        "four more passes");
    for (int i = 0; i < 3; i++) assertThat(fx.read(i, "slow")).as("n%d", i + 1).isEqualTo(body);
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void await(BooleanSupplier done, String what) {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!done.getAsBoolean()) {
      if (System.nanoTime() > deadline)
        throw new AssertionError("not within " + WAIT + ": " + what);
      pause(100);
    }
  }
}
