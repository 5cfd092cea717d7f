package dev.dfs.store.local;

import java.io.IOException;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * In-memory pins on chunk ids. A chunk is pinned while a writer is producing it (before its
 * metadata commits) and while a reader has it open. Freeing a pinned chunk defers the file
 * deletion to the last unpin, so open reads stay readable after a delete or overwrite, and the
 * sweeper never removes a chunk that is pinned. Thread-safe (one monitor).
 */
final class ChunkPins {
  private static final Logger log = LoggerFactory.getLogger(ChunkPins.class);

  private final ChunkFiles files;
  private final Map<ChunkId, Integer> counts = new HashMap<>();
  private final Set<ChunkId> deferred = new HashSet<>();

  ChunkPins(ChunkFiles files) {
    this.files = files;
  }

  synchronized void pin(ChunkId id) {
    counts.merge(id, 1, Integer::sum);
  }

  synchronized void pinAll(Collection<ChunkId> ids) {
    for (ChunkId id : ids) pin(id);
  }

  synchronized void unpin(ChunkId id) {
    Integer n = counts.get(id);
    if (n == null) return;
    if (n > 1) {
      counts.put(id, n - 1);
      return;
    }
    counts.remove(id);
    if (deferred.remove(id)) deleteQuietly(id);
  }

  synchronized void unpinAll(Collection<ChunkId> ids) {
    for (ChunkId id : ids) unpin(id);
  }

  /** The chunk is no longer referenced by metadata: delete it now, or at its last unpin. */
  synchronized void free(ChunkId id) {
    if (counts.containsKey(id)) {
      deferred.add(id);
    } else {
      deleteQuietly(id);
    }
  }

  synchronized void freeAll(Collection<ChunkId> ids) {
    for (ChunkId id : ids) free(id);
  }

  synchronized boolean pinned(ChunkId id) {
    return counts.containsKey(id);
  }

  /**
   * Deletes the chunk if it is not pinned and {@code unreferenced} confirms no metadata refers
   * to it; both checks and the deletion happen under the monitor, so no reader or writer can
   * pin it in between. Returns whether it was deleted.
   */
  synchronized boolean deleteIfOrphan(ChunkId id, Predicate<ChunkId> unreferenced) {
    if (counts.containsKey(id) || !unreferenced.test(id)) return false;
    deleteQuietly(id);
    return true;
  }

  private void deleteQuietly(ChunkId id) {
    try {
      files.delete(id);
    } catch (IOException e) {
      log.warn("could not delete chunk {} (the sweeper will retry): {}", id, e.toString());
    }
  }
}
