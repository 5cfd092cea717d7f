package dev.dfs.store.cluster;

import dev.dfs.store.ObjectStore;
import dev.dfs.store.cluster.meta.ClusterSettings;
import dev.dfs.store.cluster.meta.RaftTuning;
import dev.dfs.store.cluster.repair.RepairSettings;
import dev.dfs.store.local.LocalStoreOptions;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Three in-process cluster nodes "n1", "n2", "n3" on 127.0.0.1, each with its own data dir and a
 * pair of ephemeral ports (chunk service p, Raft p + 1); nodes can be stopped and started again on
 * the same dir and ports. Elections are slower than a LAN's so that a loaded test machine does not
 * depose a healthy leader mid-test. For tests; not thread-safe.
 */
public final class ThreeNodeCluster implements AutoCloseable {
  public static final String SECRET = "test-cluster-secret-0123456789";

  /** Election 3 to 6 s, commits time out after 8 s, small log segments, frequent snapshots. */
  static final RaftTuning TUNING =
      new RaftTuning(
          Duration.ofSeconds(3), Duration.ofSeconds(6), Duration.ofSeconds(8), 64L << 10, 256);

  private static final Duration WAIT = Duration.ofSeconds(60);

  private final Path root;
  private final String seeds;
  private final int[] ports;
  private final ClusterNode[] nodes;
  private final int replicationFactor;
  private final RepairSettings repair;
  private boolean tls;

  public ThreeNodeCluster(Path root) throws IOException {
    this(root, 3, RepairSettings.defaults());
  }

  /**
   * Three nodes keeping {@code replicationFactor} copies, repairing and scrubbing as {@code repair}
   * says.
   */
  public ThreeNodeCluster(Path root, int replicationFactor, RepairSettings repair)
      throws IOException {
    this(root, 3, replicationFactor, repair);
  }

  /** {@code count} nodes "n1" … (all seeds), otherwise as the three-node cluster. */
  public ThreeNodeCluster(Path root, int count, int replicationFactor, RepairSettings repair)
      throws IOException {
    this.ports = new int[count];
    this.nodes = new ClusterNode[count];
    this.root = root;
    this.replicationFactor = replicationFactor;
    this.repair = repair;
    List<String> s = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      ports[i] = freePortPair();
      s.add(id(i) + "=127.0.0.1:" + ports[i]);
    }
    this.seeds = String.join(",", s);
  }

  static String id(int i) {
    return "n" + (i + 1);
  }

  /**
   * A port p such that p and p + 1 were both free just now (retried; other tests bind ports too).
   */
  static int freePortPair() throws IOException {
    for (int attempt = 0; attempt < 100; attempt++) {
      try (ServerSocket a = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
        int p = a.getLocalPort();
        if (p >= 65534) continue;
        try (ServerSocket b = new ServerSocket(p + 1, 50, InetAddress.getLoopbackAddress())) {
          return p;
        } catch (IOException taken) {
          // try another
        }
      }
    }
    throw new IOException("no two adjacent free ports found");
  }

  /** Nodes started from now on speak mutual TLS between each other (chunk service included). */
  public ThreeNodeCluster withTls() {
    this.tls = true;
    return this;
  }

  public ThreeNodeCluster startAll() throws IOException {
    for (int i = 0; i < nodes.length; i++) start(i);
    return this;
  }

  /** The seeds the three nodes start with ({@code DFS_CLUSTER_SEEDS}). */
  String seeds() {
    return seeds;
  }

  /** n's cluster address. */
  String address(int i) {
    return "127.0.0.1:" + ports[i];
  }

  public ClusterNode start(int i) throws IOException {
    ClusterSettings settings =
        ClusterSettings.parse(id(i), "127.0.0.1:" + ports[i], seeds, SECRET, "z" + i).withTls(tls);
    nodes[i] =
        ClusterNode.start(
            settings,
            root.resolve(id(i)),
            LocalStoreOptions.defaults(),
            replicationFactor,
            TUNING,
            "same shared settings on every node",
            repair);
    return nodes[i];
  }

  public void stop(int i) throws IOException {
    if (nodes[i] == null) return;
    nodes[i].close();
    nodes[i] = null;
  }

  public ClusterNode node(int i) {
    return nodes[i];
  }

  public ObjectStore store(int i) {
    return nodes[i].store();
  }

  public Path dir(int i) {
    return root.resolve(id(i));
  }

  /** Waits until one running node admits writes and returns its index. */
  public int awaitLeader() {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      for (int i = 0; i < nodes.length; i++) {
        if (nodes[i] != null && nodes[i].view().admitsWrites()) return i;
      }
      pause();
    }
    throw new AssertionError("no leader admitted writes within " + WAIT);
  }

  /** Waits until every running node is in a working quorum (knows and hears the leader). */
  public void awaitQuorum() {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      boolean all = true;
      for (ClusterNode n : nodes) if (n != null && !n.view().inQuorum()) all = false;
      if (all) return;
      pause();
    }
    throw new AssertionError("not every node joined the quorum within " + WAIT);
  }

  /**
   * Waits up to {@code wait} for {@code condition}, checking every 100 ms; fails naming {@code
   * what}.
   */
  static void await(String what, Duration wait, java.util.function.BooleanSupplier condition) {
    long deadline = System.nanoTime() + wait.toNanos();
    while (System.nanoTime() < deadline) {
      if (condition.getAsBoolean()) return;
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted");
      }
    }
    throw new AssertionError("not within " + wait + ": " + what);
  }

  private static void pause() {
    try {
      Thread.sleep(50);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted");
    }
  }

  @Override
  public void close() throws IOException {
    IOException first = null;
    for (int i = 0; i < nodes.length; i++) {
      try {
        stop(i);
      } catch (IOException e) {
        if (first == null) first = e;
      }
    }
    if (first != null) throw first;
  }
}
