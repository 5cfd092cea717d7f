package dev.dfs.store.cluster.data;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dfs.store.local.ChunkId;
import java.io.InputStream;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Figures, not a test: a 256 MiB chunk written local-only vs replicated to three loopback nodes
 * (W=2 and W=3). Runs only with {@code -Ddfs.bench=true}; asserts nothing about speed.
 */
class ReplicationThroughputBench {
  private static final long SIZE = 256L << 20;
  @TempDir Path root;

  @Test
  void replicatedVersusLocalWrite() throws Exception {
    Assumptions.assumeTrue(Boolean.getBoolean("dfs.bench"), "set -Ddfs.bench=true to run");
    try (ThreeNodes c = new ThreeNodes(root)) {
      for (int round = 0; round < 2; round++) { // the first round warms up
        long t0 = System.nanoTime();
        c.volumes[0].write(ChunkId.random(), body(), SIZE);
        double local = mibPerSecond(t0);
        t0 = System.nanoTime();
        WriteResult w2 = c.writer(2).write(ChunkId.random(), body(), SIZE, c.nodes);
        double quorum2 = mibPerSecond(t0);
        t0 = System.nanoTime();
        WriteResult w3 = c.writer(3).write(ChunkId.random(), body(), SIZE, c.nodes);
        double all3 = mibPerSecond(t0);
        assertThat(w2.length()).isEqualTo(SIZE);
        assertThat(w3.durable()).hasSize(3);
        System.out.printf(
            "round %d: local-only %.0f MiB/s, replicated W=2 %.0f MiB/s, W=3 %.0f MiB/s%n",
            round, local, quorum2, all3);
      }
    }
  }

  private static double mibPerSecond(long t0) {
    return (SIZE / 1048576.0) / ((System.nanoTime() - t0) / 1e9);
  }

  /** SIZE bytes of a 1 MiB pseudo-random pattern, generated as read (no big buffer). */
  private static InputStream body() {
    byte[] pattern = ReplicationTest.data(1 << 20, 42);
    return new InputStream() {
      long pos;

      @Override
      public int read() {
        return pos < SIZE ? pattern[(int) (pos++ & ((1 << 20) - 1))] & 0xFF : -1;
      }

      @Override
      public int read(byte[] b, int off, int len) {
        if (pos >= SIZE) return -1;
        int at = (int) (pos & ((1 << 20) - 1));
        int n = (int) Math.min(Math.min(len, pattern.length - at), SIZE - pos);
        System.arraycopy(pattern, at, b, off, n);
        pos += n;
        return n;
      }
    };
  }
}
