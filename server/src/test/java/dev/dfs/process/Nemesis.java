package dev.dfs.process;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The faults, applied one at a time to a running {@link NemesisCluster} while the load runs, each
 * healed before the next: a partition that cuts one node (the leader, or a random one) off from the
 * others, a SIGSTOP of the leader past the election timeout, damage to chunk files on one node's
 * disk, a SIGKILL with a restart, a restart with the node's clock skewed (then handed the
 * leadership, so it stamps the entries), and, meanwhile, a layout change: a fourth node joins, is
 * promoted and added to the data layout, so copies move to it while the other faults run. Every
 * step is logged with its time. {@link #healAll} undoes whatever is still in effect.
 */
final class Nemesis {
  /** Longer than the election timeout (1 to 2 s): followers elect another leader meanwhile. */
  static final Duration PAUSE = Duration.ofSeconds(5);

  static final Duration PARTITION = Duration.ofSeconds(6);

  /**
   * CI's skew: inside the 30 s window of node-to-node request stamps (chunk service, forwarded-for
   * headers), so the skewed node keeps working with its peers.
   */
  static final long SMALL_SKEW_MILLIS = 20_000;

  /**
   * The long mode's large skew: past that window (its chunk traffic is refused), inside SigV4's 15
   * min.
   */
  static final long LARGE_SKEW_MILLIS = 120_000;

  private final NemesisCluster cluster;
  private final NodeNetwork net;
  private final Random random;
  private final List<String> log = new ArrayList<>();
  private Thread growing;
  private volatile long grownTo;
  private volatile Exception growFailed;
  private int skewedLeader = -1;

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

  /**
   * CI's schedule: each fault once, on the leader where it matters most (about 45 s), while the
   * fourth node starts and joins; its layout change is applied before the damage, so copies move
   * during the damage, the kill and the skewed leader's term. The killed leader comes back with its
   * clock 20 s ahead or behind and is made leader again.
   */
  void everyFaultOnce() throws Exception {
    Thread.sleep(3_000);
    startGrowing();
    partition(cluster.leader());
    pause(cluster.leader());
    awaitGrown();
    damage(follower());
    int victim = cluster.leader();
    killAndRestart(victim, random.nextBoolean() ? SMALL_SKEW_MILLIS : -SMALL_SKEW_MILLIS);
    leadSkewed(victim);
    skewedLeader = victim;
    Thread.sleep(3_000);
  }

  /** Starts the fourth node's join and layout change in the background ({@link #awaitGrown}). */
  void startGrowing() {
    note("start " + NemesisCluster.id(NemesisCluster.SEEDS) + " (joins as a learner)");
    growing =
        Thread.ofPlatform()
            .name("nemesis-grow")
            .start(
                () -> {
                  try {
                    grownTo = cluster.grow();
                  } catch (Exception e) {
                    growFailed = e;
                  }
                });
  }

  /** Waits for {@link #startGrowing}'s layout change to be applied; returns its version. */
  long awaitGrown() throws Exception {
    growing.join();
    if (growFailed != null) throw growFailed;
    note(
        NemesisCluster.id(NemesisCluster.SEEDS)
            + " promoted and in layout version "
            + grownTo
            + ": copies move to it ("
            + cluster.appliedRebalance()
            + ")");
    return grownTo;
  }

  /** The node CI's schedule restarted with a skewed clock and made leader (-1: none yet). */
  int skewedLeader() {
    return skewedLeader;
  }

  /** The layout version {@link #startGrowing} applied (0 before). */
  long grownTo() {
    return grownTo;
  }

  /** Hands the leadership to the skewed node {@code i}, so it stamps entries for a while. */
  private void leadSkewed(int i) throws Exception {
    cluster.transferLeader(i);
    note(NemesisCluster.id(i) + " leads with its clock " + cluster.skewMillis(i) + " ms off");
    Thread.sleep(5_000);
  }

  /** The long mode: random faults on random nodes until {@code duration} has passed. */
  void randomFaultsFor(Duration duration) throws Exception {
    long end = System.nanoTime() + duration.toNanos();
    startGrowing();
    while (System.nanoTime() < end) {
      if (grownTo == 0 && !growing.isAlive()) awaitGrown();
      int victim = random.nextBoolean() ? cluster.leader() : random.nextInt(cluster.size());
      switch (random.nextInt(5)) {
        case 0 -> partition(victim);
        case 1 -> pause(victim);
        case 2 -> damage(victim);
        case 3 -> killAndRestart(victim, 0);
        default -> skew(victim);
      }
      Thread.sleep(1_000 + random.nextInt(3_000));
    }
    awaitGrown();
  }

  /**
   * Restarts node {@code i} with its clock 20 s or 2 min ahead or behind; half the time makes it
   * lead.
   */
  private void skew(int i) throws Exception {
    long skew =
        (random.nextBoolean() ? SMALL_SKEW_MILLIS : LARGE_SKEW_MILLIS)
            * (random.nextBoolean() ? 1 : -1);
    killAndRestart(i, skew);
    if (random.nextBoolean()) {
      try {
        leadSkewed(i);
      } catch (AssertionError e) {
        note("leadership not handed to " + NemesisCluster.id(i) + ": " + e.getMessage());
      }
    }
  }

  private int follower() throws InterruptedException {
    int n = cluster.size();
    return (cluster.leader() + 1 + random.nextInt(n - 1)) % n;
  }

  /** Cuts node {@code i} off from the others for {@link #PARTITION}, then removes every rule. */
  void partition(int i) throws Exception {
    if (!net.canPartition()) {
      note("partition of " + NemesisCluster.id(i) + " skipped: " + net.whyNot());
      return;
    }
    try {
      net.isolate(List.of(i));
      note(
          "partition: "
              + NemesisCluster.id(i)
              + " cut off from the others ("
              + net.rules(i).size()
              + " DROP rules in its namespace)");
      Thread.sleep(PARTITION.toMillis());
    } finally {
      net.heal();
    }
    for (int n = 0; n < cluster.size(); n++) {
      if (!net.rules(n).isEmpty())
        throw new AssertionError("rules left in " + NemesisCluster.id(n) + ": " + net.rules(n));
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
    note(
        "damage on "
            + NemesisCluster.id(i)
            + ": "
            + (done.isEmpty() ? "no chunk files yet" : done));
    Thread.sleep(3_000);
  }

  /** SIGKILL, 3 s down, restart with its clock {@code skewMillis} off (0: the system's). */
  void killAndRestart(int i, long skewMillis) throws Exception {
    note("SIGKILL " + NemesisCluster.id(i));
    cluster.kill(i);
    Thread.sleep(3_000);
    note(
        "restart "
            + NemesisCluster.id(i)
            + (skewMillis == 0 ? "" : " with its clock " + skewMillis + " ms off"));
    cluster.start(i, skewMillis);
    note(NemesisCluster.id(i) + " serves again");
  }

  /**
   * Undoes every fault still in effect: rules removed, paused nodes resumed, killed nodes
   * restarted, and a node whose clock is off by more than {@link #SMALL_SKEW_MILLIS} restarted with
   * the system clock (a small skew stays: the checks run with it).
   */
  void healAll() throws Exception {
    net.heal();
    for (int i = 0; i < cluster.size(); i++) {
      if (Math.abs(cluster.skewMillis(i)) > SMALL_SKEW_MILLIS) {
        note("restart " + NemesisCluster.id(i) + " with the system clock");
        cluster.kill(i);
      }
      if (cluster.running(i)) cluster.resume(i);
      else
        cluster.start(
            i,
            cluster.skewMillis(i) == 0 || Math.abs(cluster.skewMillis(i)) > SMALL_SKEW_MILLIS
                ? 0
                : cluster.skewMillis(i));
    }
  }
}
