package dev.dfs.store.cluster.repair;

import dev.dfs.store.local.ChunkId;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * The orphan sweep's memory: replicas (node and chunk) seen unreferenced, with when they were
 * first seen so and the pass that last saw them so. A replica is removable once it has been
 * seen unreferenced for the grace period without a sighting in between that found it
 * referenced or in use ({@link #forget}), and only while the pass still finds it so. At most
 * {@code capacity} suspects are kept (more wait for a later pass). In memory only: a new
 * leader starts empty, which only delays removals. Not thread-safe (the sweep's thread);
 * {@link #size} may be read from any thread.
 */
final class OrphanSuspects {
  private record Key(String nodeId, ChunkId chunk) {}

  private record Seen(Instant first, long pass) {}

  private final int capacity;
  private final Map<Key, Seen> seen = new HashMap<>();
  private volatile int size;

  OrphanSuspects(int capacity) {
    this.capacity = capacity;
  }

  /**
   * Records that pass {@code pass} found the replica unreferenced at {@code now}; returns
   * whether it has been so for at least {@code grace} (a first sighting never is).
   */
  boolean sighted(String nodeId, ChunkId chunk, long pass, Instant now, Duration grace) {
    Key k = new Key(nodeId, chunk);
    Seen s = seen.get(k);
    if (s == null) {
      if (seen.size() < capacity) seen.put(k, new Seen(now, pass));
      size = seen.size();
      return false;
    }
    seen.put(k, new Seen(s.first(), pass));
    return Duration.between(s.first(), now).compareTo(grace) >= 0;
  }

  /** The replica is referenced, in use, or gone: its suspicion starts over. */
  void forget(String nodeId, ChunkId chunk) {
    seen.remove(new Key(nodeId, chunk));
    size = seen.size();
  }

  /** Pass {@code pass} ended: replicas it did not find unreferenced are no longer suspects. */
  void passEnded(long pass) {
    seen.values().removeIf(s -> s.pass() != pass);
    size = seen.size();
  }

  void clear() {
    seen.clear();
    size = 0;
  }

  int size() {
    return size;
  }
}
