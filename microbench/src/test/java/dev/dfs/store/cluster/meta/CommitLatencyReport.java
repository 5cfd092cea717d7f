package dev.dfs.store.cluster.meta;

import dev.dfs.store.PutObjectRequest;
import dev.dfs.store.local.LocalStore;
import dev.dfs.store.local.LocalStoreOptions;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reports (never asserts) the latency of one small PUT, i.e. one metadata commit with its engine
 * work, sequentially: local group commit vs a 3-node Raft group on loopback. Opt-in: {@code
 * -Ddfs.perf=true}.
 */
@EnabledIfSystemProperty(named = "dfs.perf", matches = "true")
class CommitLatencyReport {
  private static final int WARMUP = 200;
  private static final int N = 1000;
  @TempDir Path dir;

  @Test
  void report() throws IOException {
    try (LocalStore local =
        LocalStore.open(
            dir.resolve("local"), LocalStoreOptions.defaults().withBackgroundSweep(false))) {
      local.createBucket("b", "us-east-1");
      System.out.println("local group commit: " + measure(local));
    }
    try (RaftMetaGroup group =
        new RaftMetaGroup(dir.resolve("raft"), 3, RaftTuning.defaults()).startAll()) {
      LocalStore leader = group.awaitLeader().store();
      leader.createBucket("b", "us-east-1");
      System.out.println("3-node Raft commit: " + measure(leader));
    }
  }

  private static String measure(LocalStore store) throws IOException {
    byte[] body = new byte[4096];
    long[] nanos = new long[N];
    for (int i = 0; i < WARMUP + N; i++) {
      long t = System.nanoTime();
      store.putObject(
          PutObjectRequest.simple("b", "k" + i, body.length), new ByteArrayInputStream(body));
      if (i >= WARMUP) nanos[i - WARMUP] = System.nanoTime() - t;
    }
    Arrays.sort(nanos);
    return String.format(
        "4 KiB PUT, sequential, n=%d: p50 %.2f ms, p99 %.2f ms",
        N, nanos[N / 2] / 1e6, nanos[N * 99 / 100] / 1e6);
  }
}
