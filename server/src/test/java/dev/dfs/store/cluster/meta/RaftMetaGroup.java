package dev.dfs.store.cluster.meta;

import dev.dfs.store.local.LocalStore;
import dev.dfs.store.local.LocalStoreOptions;
import dev.dfs.store.local.MetaReplica;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Three (or more) in-process nodes, each a real {@link LocalStore} whose metadata commits go
 * through its {@link RaftMetaLog}, on loopback with ephemeral ports and a data dir of its own.
 * Nodes can be stopped and restarted on the same dirs and ports. For tests; not thread-safe.
 */
final class RaftMetaGroup implements AutoCloseable {
  static final String SECRET = "test-cluster-secret-0123456789";
  private static final Duration WAIT = Duration.ofSeconds(60);

  /** One running node. */
  record Node(String id, LocalStore store, RaftMetaLog log, MetaReplica replica) {}

  private final Path root;
  private final RaftTuning tuning;
  private final String seeds;
  private final String[] ids;
  private final int[] ports;
  private final Node[] nodes;
  private final Set<String> cut = ConcurrentHashMap.newKeySet();

  RaftMetaGroup(Path root, int size, RaftTuning tuning) throws IOException {
    this.root = root;
    this.tuning = tuning;
    this.ids = new String[size];
    this.ports = new int[size];
    this.nodes = new Node[size];
    for (int i = 0; i < size; i++) {
      ids[i] = "n" + (i + 1);
      ports[i] = freePort();
    }
    List<String> s = new ArrayList<>();
    for (int i = 0; i < size; i++) s.add(ids[i] + "=127.0.0.1:" + ports[i]);
    this.seeds = String.join(",", s);
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  RaftMetaGroup startAll() throws IOException {
    for (int i = 0; i < nodes.length; i++) start(i);
    return this;
  }

  Node start(int i) throws IOException {
    return start(i, SECRET);
  }

  /** Starts node {@code i} with {@code secret} (another than the others' to test refusal). */
  Node start(int i, String secret) throws IOException {
    ClusterSettings settings =
        ClusterSettings.parse(ids[i], "127.0.0.1:" + ports[i], seeds, secret, "z1");
    Path dir = root.resolve(ids[i]);
    MetaReplica[] replica = new MetaReplica[1];
    RaftMetaLog[] raft = new RaftMetaLog[1];
    LocalStore store =
        LocalStore.openReplicated(
            dir,
            LocalStoreOptions.defaults().withBackgroundSweep(false),
            r -> {
              replica[0] = r;
              raft[0] = RaftMetaLog.start(settings, dir.resolve("raft"), r, tuning, this::ask);
              return raft[0];
            });
    nodes[i] = new Node(ids[i], store, raft[0], replica[0]);
    return nodes[i];
  }

  /**
   * The read barriers' {@link VoterProbe}: asks the in-process node {@code id} directly; a node
   * stopped or cut off ({@link #cutOff}) does not answer.
   */
  private CompletableFuture<TermLeader> ask(String id, String raftAddress) {
    for (int i = 0; i < nodes.length; i++) {
      Node n = nodes[i];
      if (ids[i].equals(id) && n != null && !cut.contains(id)) {
        try {
          return CompletableFuture.completedFuture(n.log().termAndLeader());
        } catch (IOException | RuntimeException e) {
          return CompletableFuture.failedFuture(e);
        }
      }
    }
    return CompletableFuture.failedFuture(new IOException(id + " does not answer"));
  }

  /** From now on node {@code id} answers no read barrier's confirmation round. */
  void cutOff(String id) {
    cut.add(id);
  }

  void stop(int i) throws IOException {
    if (nodes[i] == null) return;
    nodes[i].store().close();
    nodes[i] = null;
  }

  /** The Raft address (host:port) of node {@code i}. */
  String address(int i) {
    return "127.0.0.1:" + ports[i];
  }

  String id(int i) {
    return ids[i];
  }

  int size() {
    return nodes.length;
  }

  Node node(int i) {
    return nodes[i];
  }

  int indexOf(Node n) {
    return Arrays.asList(nodes).indexOf(n);
  }

  /** Waits for a running node that admits writes, and returns it. */
  Node awaitLeader() {
    Node[] found = new Node[1];
    await(
        "a writable leader",
        () -> {
          for (Node n : nodes) {
            if (n != null && n.log().writable()) {
              found[0] = n;
              return true;
            }
          }
          return false;
        });
    return found[0];
  }

  /** Waits until every running node applied the same position, and returns it. */
  MetaReplica.Position awaitSameApplied() {
    MetaReplica.Position[] at = new MetaReplica.Position[1];
    await(
        "all replicas at the same applied position",
        () -> {
          List<MetaReplica.Position> all = running().stream().map(n -> applied(n)).toList();
          if (all.contains(null) || all.stream().distinct().count() != 1) return false;
          at[0] = all.getFirst();
          return true;
        });
    return at[0];
  }

  private static MetaReplica.Position applied(Node n) {
    try {
      return n.replica().applied();
    } catch (IOException e) {
      return null;
    }
  }

  /** The first index still in a node's Raft log, or -1 when it cannot be read. */
  static long startIndex(Node n) {
    try {
      return n.log().logStartIndex();
    } catch (IOException e) {
      return -1;
    }
  }

  List<Node> running() {
    return Arrays.stream(nodes).filter(n -> n != null).toList();
  }

  /** Hex digests of the running nodes' metadata, by node id. */
  String digests() throws IOException {
    StringBuilder b = new StringBuilder();
    for (Node n : running())
      b.append(n.id())
          .append('=')
          .append(dev.dfs.util.Hex.encode(n.replica().digest()))
          .append(' ');
    return b.toString().trim();
  }

  long distinctDigests() throws IOException {
    List<String> all = new ArrayList<>();
    for (Node n : running()) all.add(Arrays.toString(n.replica().digest()));
    return all.stream().distinct().count();
  }

  static void await(String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) throw new AssertionError("timed out waiting for " + what);
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted waiting for " + what);
      }
    }
  }

  Path root() {
    return root;
  }

  @Override
  public void close() throws IOException {
    for (int i = 0; i < nodes.length; i++) {
      try {
        stop(i);
      } catch (IOException | RuntimeException e) {
        // closing the others matters more than one failed close
      }
    }
  }

  static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) return;
    try (Stream<Path> s = Files.walk(root)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).collect(Collectors.toList()))
        Files.deleteIfExists(p);
    }
  }
}
