package dev.dfs.store.cluster;

import dev.dfs.store.cluster.data.ChunkClient;
import dev.dfs.store.cluster.data.MemberRequests;
import dev.dfs.store.cluster.data.Node;
import dev.dfs.store.cluster.data.NodeState;
import dev.dfs.store.cluster.meta.ClusterSettings;
import dev.dfs.store.cluster.meta.RaftMembership;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings a joining node ({@link ClusterSettings#joining()}) into the metadata group: until this
 * node appears in the group's configuration it asks the seeds in turn (any member; a follower hands
 * the request to the leader) to add it as a learner, every {@code every}. Once added, the leader
 * streams it the log (or a snapshot) and it stops asking. A restarted node that is already a member
 * asks nothing. One virtual thread until added or {@link #close}d. Thread-safe.
 */
final class Joiner implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Joiner.class);

  private final ClusterSettings settings;
  private final RaftMembership membership;
  private final ChunkClient client;
  private final CountDownLatch stop = new CountDownLatch(1);
  private final Thread thread;

  Joiner(ClusterSettings settings, RaftMembership membership, ChunkClient client, Duration every) {
    this.settings = settings;
    this.membership = membership;
    this.client = client;
    this.thread = Thread.ofVirtual().name("dfs-cluster-join").start(() -> loop(every));
  }

  private void loop(Duration every) {
    String lastFailure = null;
    try {
      while (!member()) {
        String failure = askSeeds();
        if (failure == null) {
          log.info("node {} asked to join the cluster as a learner", settings.nodeId());
        } else if (!failure.equals(lastFailure)) {
          log.warn("node {} cannot join the cluster yet: {}", settings.nodeId(), failure);
        }
        lastFailure = failure;
        if (stop.await(every.toMillis(), TimeUnit.MILLISECONDS)) return;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private boolean member() {
    try {
      return membership.joined(settings.nodeId());
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  /** Asks each seed until one accepts; null when one did, else the last refusal. */
  private @Nullable String askSeeds() {
    String failure = "no seed answered";
    Map<String, String> join =
        Map.of("op", "join", "id", settings.nodeId(), "address", settings.address().toString());
    for (ClusterSettings.Peer seed : settings.seeds()) {
      Node n =
          new Node(seed.id(), URI.create("http://" + seed.address()), null, 1, NodeState.ACTIVE);
      try {
        MemberRequests.Answer a = client.member(n, join, MembershipService.CHANGE_TIMEOUT);
        if (a.status() == 200) return null;
        failure = seed.id() + " answered " + a.status() + ": " + a.text();
      } catch (IOException | RuntimeException e) {
        failure = seed.id() + ": " + e.getMessage();
      }
    }
    return failure;
  }

  @Override
  public void close() throws InterruptedException {
    stop.countDown();
    thread.join(Duration.ofSeconds(15));
  }
}
