package dev.dfs.store.cluster.data;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What this node has lately seen of its peers: a node that was unreachable within the last {@code
 * suspectFor} is suspect, and readers try it last. (Heartbeats, and the dead state that triggers
 * re-replication, come with membership.) Thread-safe.
 */
public final class NodeHealth {
  private final Clock clock;
  private final long suspectMillis;
  private final Map<String, Long> lastFailure = new ConcurrentHashMap<>();

  public NodeHealth(Clock clock, Duration suspectFor) {
    this.clock = clock;
    this.suspectMillis = suspectFor.toMillis();
  }

  public void unreachable(String nodeId) {
    lastFailure.put(nodeId, clock.millis());
  }

  public void reachable(String nodeId) {
    lastFailure.remove(nodeId);
  }

  public boolean suspect(String nodeId) {
    Long at = lastFailure.get(nodeId);
    return at != null && clock.millis() - at < suspectMillis;
  }
}
