package dev.dfs.store.cluster;

import dev.dfs.store.ClusterStatus.Health;
import dev.dfs.store.cluster.data.ChunkClient;
import dev.dfs.store.cluster.data.Node;
import dev.dfs.store.cluster.data.NodeHealth;
import dev.dfs.store.cluster.data.NodeInfo;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What this node knows of its peers from their chunk services: every {@code every} it asks each
 * peer for its {@link NodeInfo} (authenticated, like every chunk request) and records the answer
 * and when it came, marking the peer reachable or unreachable in {@link NodeHealth} (readers try
 * unreachable nodes last). A peer whose answer says its shared settings (root credentials, master
 * key) differ from this node's is reported once as an error and counted as diverged.
 *
 * <p>Health: HEALTHY while the last poll answered; SUSPECT when it failed but the peer answered
 * within {@link #DOWN_AFTER}; DOWN after that, or when it never answered. Thread-safe; one virtual
 * thread polls until {@link #close}.
 */
final class PeerDirectory implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(PeerDirectory.class);

  /** A peer not heard from for this long is DOWN. */
  static final Duration DOWN_AFTER = Duration.ofSeconds(10);

  /** The last answer of a peer, when it came, and whether the latest poll failed. */
  record Seen(NodeInfo info, Instant at, boolean lastFailed) {}

  private final String selfId;
  private final java.util.function.Supplier<List<Node>> nodes;
  private final ChunkClient client;
  private final NodeHealth health;
  private final String sharedDigest;
  private final Clock clock;
  private final Map<String, Seen> seen = new ConcurrentHashMap<>();
  private final Map<String, Boolean> diverged = new ConcurrentHashMap<>();
  private final CountDownLatch stop = new CountDownLatch(1);
  private final Thread thread;

  /**
   * Polls the nodes {@code nodes} names at each round (the current members; this node is skipped).
   */
  PeerDirectory(
      String selfId,
      java.util.function.Supplier<List<Node>> nodes,
      ChunkClient client,
      NodeHealth health,
      String sharedDigest,
      Duration every,
      Clock clock) {
    this.selfId = selfId;
    this.nodes = nodes;
    this.client = client;
    this.health = health;
    this.sharedDigest = sharedDigest;
    this.clock = clock;
    this.thread = Thread.ofVirtual().name("dfs-peer-directory").start(() -> loop(every));
  }

  private void loop(Duration every) {
    try {
      do {
        for (Node n : nodes.get()) {
          if (!n.id().equals(selfId)) poll(n);
        }
      } while (!stop.await(every.toMillis(), TimeUnit.MILLISECONDS));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void poll(Node n) {
    try {
      NodeInfo info = client.nodeInfo(n);
      seen.put(n.id(), new Seen(info, clock.instant(), false));
      health.reachable(n.id());
      checkShared(n.id(), info);
    } catch (IOException | RuntimeException e) {
      seen.computeIfPresent(n.id(), (id, s) -> new Seen(s.info(), s.at(), true));
      health.unreachable(n.id());
    }
  }

  private void checkShared(String id, NodeInfo info) {
    boolean differs = !info.sharedDigest().isEmpty() && !info.sharedDigest().equals(sharedDigest);
    Boolean before = diverged.put(id, differs);
    if (differs && !Boolean.TRUE.equals(before)) {
      log.error(
          "node {} has other root credentials or another master key than node {}: set the same"
              + " DFS_ROOT_ACCESS_KEY, DFS_ROOT_SECRET_KEY and DFS_MASTER_KEY on every node",
          id,
          selfId);
    }
  }

  /** Peers whose shared settings differ from this node's, by the last answer of each. */
  List<String> diverged() {
    return diverged.entrySet().stream()
        .filter(Map.Entry::getValue)
        .map(Map.Entry::getKey)
        .sorted()
        .toList();
  }

  /** The last answer of {@code id}, if it ever answered. */
  Optional<Seen> seen(String id) {
    return Optional.ofNullable(seen.get(id));
  }

  /** {@code id}'s health as the polls saw it (this node itself is always HEALTHY). */
  Health health(String id) {
    if (id.equals(selfId)) return Health.HEALTHY;
    Seen s = seen.get(id);
    if (s == null) return Health.DOWN;
    if (!s.lastFailed()) return Health.HEALTHY;
    return Duration.between(s.at(), clock.instant()).compareTo(DOWN_AFTER) < 0
        ? Health.SUSPECT
        : Health.DOWN;
  }

  @Override
  public void close() throws InterruptedException {
    stop.countDown();
    thread.join(Duration.ofSeconds(15));
  }
}
