package dev.dfs.process;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The faults, applied one at a time to a running {@link NemesisCluster} while the load runs,
 * each healed before the next: a partition that cuts one node (the leader, or a random one)
 * off from the others, a SIGSTOP of the leader past the election timeout, damage to chunk
 * files on one node's disk, and a SIGKILL with a restart. Every
 * step is logged with its time. {@link #healAll} undoes whatever is still in effect.
 */
final class Nemesis {
  /** Longer than the election timeout (1 to 2 s): followers elect another leader meanwhile. */
  static final Duration PAUSE = Duration.ofSeconds(5);
  static final Duration PARTITION = Duration.ofSeconds(6);

  private final NemesisCluster cluster;
  private final NodeNetwork net;
  private final Random random;
  private final List<String> log = new ArrayList<>();

  Nemesis(NemesisCluster cluster, NodeNetwork net, Random random) {
    this.cluster = cluster;
    this.net = net;
    this.random = random;
  }

  /** What was done, one line per step. */
  List<String> log() {
    return List.copyOf(log);
  }

  void note(String what) {
    String line = Instant.now() + " nemesis: " + what;
    System.out.println(line);
    log.add(line);
  }

  /** CI's schedule: each fault once, on the leader where it matters most (about 45 s). */
  void everyFaultOnce() throws Exception {
    Thread.sleep(3_000);
    partition(cluster.leader());
    pause(cluster.leader());
    damage(follower());
    killAndRestart(cluster.leader());
    Thread.sleep(3_000);
  }

  /** The long mode: random faults on random nodes until {@code duration} has passed. */
  void randomFaultsFor(Duration duration) throws Exception {
    long end = System.nanoTime() + duration.toNanos();
    while (System.nanoTime() < end) {
      int victim = random.nextBoolean() ? cluster.leader() : random.nextInt(NemesisCluster.NODES);
      switch (random.nextInt(4)) {
        case 0 -> partition(victim);
        case 1 -> pause(victim);
        case 2 -> damage(victim);
        default -> killAndRestart(victim);
      }
      Thread.sleep(1_000 + random.nextInt(3_000));
    }
  }

  private int follower() throws InterruptedException {
    return (cluster.leader() + 1 + random.nextInt(NemesisCluster.NODES - 1)) % NemesisCluster.NODES;
  }

  /** Cuts node {@code i} off from the others for {@link #PARTITION}, then removes every rule. */
  void partition(int i) throws Exception {
    if (!net.canPartition()) {
      note("partition of " + NemesisCluster.id(i) + " skipped: " + net.whyNot());
      return;
    }
    try {
      net.isolate(List.of(i));
      note("partition: " + NemesisCluster.id(i) + " cut off from the others (" + net.rules(i).size() + " DROP rules in its namespace)");
      Thread.sleep(PARTITION.toMillis());
    } finally {
      net.heal();
    }
    for (int n = 0; n < NemesisCluster.NODES; n++) {
      if (!net.rules(n).isEmpty()) throw new AssertionError("rules left in " + NemesisCluster.id(n) + ": " + net.rules(n));
    }
    note("partition healed");
    Thread.sleep(2_000);
  }

  /** SIGSTOP for {@link #PAUSE}, then SIGCONT. */
  void pause(int i) throws Exception {
    note("SIGSTOP " + NemesisCluster.id(i));
    try {
      cluster.pause(i);
      Thread.sleep(PAUSE.toMillis());
    } finally {
      cluster.resume(i);
      note("SIGCONT " + NemesisCluster.id(i));
    }
    Thread.sleep(2_000);
  }

  /** Deletes one chunk file and corrupts two more on node {@code i}'s disk, under it. */
  void damage(int i) throws Exception {
    List<String> done = ReplicaAudit.damage(cluster.dataDir(i), 3, random);
    note("damage on " + NemesisCluster.id(i) + ": " + (done.isEmpty() ? "no chunk files yet" : done));
    Thread.sleep(3_000);
  }

  /** SIGKILL, 3 s down, restart. */
  void killAndRestart(int i) throws Exception {
    note("SIGKILL " + NemesisCluster.id(i));
    cluster.kill(i);
    Thread.sleep(3_000);
    note("restart " + NemesisCluster.id(i));
    cluster.start(i);
    note(NemesisCluster.id(i) + " serves again");
  }

  /** Undoes every fault still in effect: rules removed, paused nodes resumed, killed nodes restarted. */
  void healAll() throws Exception {
    net.heal();
    for (int i = 0; i < NemesisCluster.NODES; i++) {
      if (cluster.running(i)) cluster.resume(i);
      else cluster.start(i);
    }
  }
}
