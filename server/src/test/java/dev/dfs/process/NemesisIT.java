package dev.dfs.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dfs.testing.linearizability.LinearizabilityChecker;
import dev.dfs.testing.linearizability.Op;
import dev.dfs.testing.linearizability.RegisterModel;
import dev.dfs.testing.linearizability.Result;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The cluster under a nemesis, Jepsen-style: three real {@code dfs server} processes (each in its
 * own network namespace, see {@link NodeNetwork}), four clients running PUT, overwrite, GET and
 * DELETE on five keys through random nodes, recorded as a history, while the {@link Nemesis}
 * partitions the leader away, SIGSTOPs the leader past the election timeout, deletes and corrupts
 * chunk files on a follower's disk, SIGKILLs the leader and restarts it with its clock 20 s off and
 * makes it leader again, and meanwhile a fourth node joins, is promoted and added to the data
 * layout (copies move to it under the load and the faults: 16 one-chunk objects are written first
 * so it has some to move). After healing: every key and ballast object read through every node; no
 * read returned bytes that no write wrote or whose ETag is not their MD5; every Last-Modified lies
 * within its write's time widened by the skew; the history (final reads included, so no
 * acknowledged write can be lost unseen) is linearizable per key; every node applied the same
 * metadata (equal digests at one applied index); the new layout settled (the old version retired:
 * every new owner confirmed its copies); replication is restored (nothing queued for repair after
 * two full repair passes); and, the nodes stopped, every chunk the metadata references is intact on
 * exactly three of the four disks, the joined node holds some, and no disk holds a chunk nothing
 * references.
 *
 * <p>By default (CI) each fault runs once (about 60 s of faults; the run before the skew and the
 * fourth node took 230-330 s on a loaded 2-core machine, mostly JVM starts). {@code
 * -Ddfs.nemesis.duration=10m} (or {@code DFS_NEMESIS_DURATION}; s, m or h) runs random faults on
 * random nodes that long instead; {@code -Ddfs.nemesis.seed=N} replays a schedule.
 */
class NemesisIT {
  private static final int CLIENTS = 4;
  private static final int KEYS = 5;

  /** One-chunk objects written before the load, so the layout change has copies to move. */
  private static final int BALLAST = 16;

  @Test
  void historyIsLinearizableAndNothingIsLostUnderKillsPausesPartitionsAndDamage(@TempDir Path dir)
      throws Exception {
    Duration longRun = longRun();
    long seed = Long.getLong("dfs.nemesis.seed", System.nanoTime());
    System.out.println(
        "nemesis seed "
            + seed
            + (longRun == null ? ", CI schedule" : ", random faults for " + longRun));
    Duration bound = longRun == null ? Duration.ofMinutes(8) : longRun.plusMinutes(10);
    try (NodeNetwork net = NodeNetwork.create(NemesisCluster.MAX_NODES);
        NemesisCluster cluster = new NemesisCluster(dir, net)) {
      if (!net.canPartition())
        System.out.println("nemesis: partitions will be skipped: " + net.whyNot());
      assertTimeoutPreemptively(
          bound,
          () -> run(net, cluster, new Random(seed), longRun),
          () -> "the nemesis run took over " + bound + "\n" + cluster.logTails(30));
    }
  }

  private void run(NodeNetwork net, NemesisCluster cluster, Random random, Duration longRun)
      throws Exception {
    long started = System.nanoTime();
    cluster.startAll();
    createBucket(cluster);
    NemesisWorkload load = new NemesisWorkload(cluster, KEYS);
    Nemesis nemesis = new Nemesis(cluster, net, random);
    load.writeBallast(BALLAST);
    load.start(CLIENTS, random.nextLong());
    try {
      if (longRun == null) nemesis.everyFaultOnce();
      else nemesis.randomFaultsFor(longRun);
    } finally {
      load.stop();
      nemesis.healAll();
    }
    nemesis.note("healed; " + load.acknowledged() + " operations acknowledged");
    cluster.awaitCaughtUp();
    load.writeChunkedValues();
    load.finalReads();
    assertThat(load.damage()).as("reads of bytes no write wrote").isEmpty();
    nemesis.note(
        load.stampsSeen()
            + " Last-Modified stamps read; largest clock skew "
            + cluster.maxSkewMillis()
            + " ms; "
            + (nemesis.skewedLeader() < 0
                ? ""
                : load.stampsOffBy(cluster.skewMillis(nemesis.skewedLeader()))
                    + " stamped by the skewed leader's clock"));
    assertThat(load.lastModifiedOutsideTheClocks(cluster.maxSkewMillis()))
        .as("Last-Modified outside the write's time and the skew")
        .isEmpty();
    if (longRun == null) {
      assertThat(load.stampsOffBy(cluster.skewMillis(nemesis.skewedLeader())))
          .as(
              "Last-Modified stamps by the skewed leader's clock"
                  + " (none: the clock offset had no effect, or the leader changed before it stamped a write read later)")
          .isPositive();
    }
    assertLinearizable(load.history().ops());
    assertThat(cluster.digestsAtOneIndex())
        .as("metadata digests of every node at one applied index")
        .hasSize(1);
    JsonNode moved = cluster.awaitLayoutSettled(nemesis.grownTo());
    nemesis.note(
        "layout version " + nemesis.grownTo() + " settled on every node; rebalance " + moved);
    cluster.awaitFullPasses();
    cluster.awaitReplicationRestored();
    cluster.awaitSweepPasses(4);
    nemesis.note("replication restored, orphan sweep done");
    cluster.terminateAll();
    List<Path> dirs = new ArrayList<>();
    for (int i = 0; i < cluster.size(); i++) dirs.add(cluster.dataDir(i));
    ReplicaAudit.Findings audit = ReplicaAudit.audit(dirs.get(0), dirs, NemesisCluster.SEEDS);
    nemesis.note("audit: " + audit.referenced() + " referenced chunks; " + audit);
    assertThat(audit.referenced())
        .as("chunks referenced (the ballast and two keys hold 300,000-byte values)")
        .isGreaterThanOrEqualTo(BALLAST + 2);
    assertThat(cluster.appliedRebalance().get("chunksPredicted").asLong())
        .as(
            "chunks the layout change predicted"
                + " to move (of the ballast's "
                + BALLAST
                + ", each the new node's with probability 3/4)")
        .isPositive();
    assertThat(audit.heldBy().get(NemesisCluster.id(NemesisCluster.SEEDS)))
        .as("referenced chunks on the joined node")
        .isPositive();
    assertThat(audit.missingOrDamaged())
        .as("referenced chunks not intact on exactly three nodes, or damaged copies")
        .isEmpty();
    assertThat(audit.orphans()).as("chunks nothing references").isEmpty();
    System.out.printf("nemesis run done in %d s%n", (System.nanoTime() - started) / 1_000_000_000);
  }

  private static void assertLinearizable(List<Op> ops) {
    List<Result> results =
        LinearizabilityChecker.checkPerKey(
            ops, new RegisterModel(), LinearizabilityChecker.DEFAULT_BUDGET);
    long indeterminate = ops.stream().filter(o -> o.outcome() == Op.Outcome.INDETERMINATE).count();
    System.out.printf("history: %d operations, %d indeterminate%n", ops.size(), indeterminate);
    List<String> problems = new ArrayList<>();
    for (Result r : results) {
      System.out.println(r.describe().lines().findFirst().orElse(""));
      if (!r.linearizable()) problems.add(r.describe());
    }
    assertThat(problems).as("keys whose history is not linearizable").isEmpty();
  }

  private static void createBucket(NemesisCluster cluster) throws InterruptedException {
    NemesisCluster.await(
        "the bucket created through some node",
        () -> {
          for (int i = 0; i < cluster.size(); i++) {
            S3Client c = cluster.client(i);
            try {
              c.createBucket(b -> b.bucket(NemesisWorkload.BUCKET));
              return true;
            } catch (S3Exception e) {
              if (e.statusCode() == 409) return true; // an earlier try committed
            } catch (RuntimeException notYet) {
              // no leader yet
            }
          }
          return false;
        });
  }

  /** The long mode's duration ({@code 90s}, {@code 10m}, {@code 2h}), or null for CI's schedule. */
  static Duration longRun() {
    String d = System.getProperty("dfs.nemesis.duration", System.getenv("DFS_NEMESIS_DURATION"));
    if (d == null || d.isBlank()) return null;
    d = d.trim().toLowerCase(java.util.Locale.ROOT);
    long n = Long.parseLong(d.substring(0, d.length() - 1));
    return switch (d.charAt(d.length() - 1)) {
      case 's' -> Duration.ofSeconds(n);
      case 'm' -> Duration.ofMinutes(n);
      case 'h' -> Duration.ofHours(n);
      default ->
          throw new IllegalArgumentException("dfs.nemesis.duration: a number and s, m or h: " + d);
    };
  }
}
