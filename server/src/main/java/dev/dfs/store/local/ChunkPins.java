package dev.dfs.store.local;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * In-memory pins on chunk ids. A chunk is pinned while a writer is producing it (before its
 * metadata commits) and while a reader has it open. Freeing a pinned chunk defers the file deletion
 * to the last unpin, so open reads stay readable after a delete or overwrite, and the sweeper never
 * removes a chunk that is pinned. While a {@link #hold()} is open (a backup is copying the files a
 * metadata checkpoint refers to) no chunk file is deleted at all: frees are kept and carried out
 * when the last hold closes. Thread-safe (one monitor).
 */
final class ChunkPins {
  private static final Logger log = LoggerFactory.getLogger(ChunkPins.class);

  private final ChunkSink files;
  private final Map<ChunkId, Integer> counts = new HashMap<>();
  private final Set<ChunkId> deferred = new HashSet<>();

  /** Chunks freed (and unpinned) while a hold was open: deleted when the last hold closes. */
  private final Set<ChunkId> held = new HashSet<>();

  private int holds;

  ChunkPins(ChunkSink files) {
    this.files = files;
  }

  synchronized void pin(ChunkId id) {
    counts.merge(id, 1, Integer::sum);
  }

  synchronized void pinAll(Collection<ChunkId> ids) {
    for (ChunkId id : ids) pin(id);
  }

  void unpin(ChunkId id) {
    unpinAll(List.of(id));
  }

  void unpinAll(Collection<ChunkId> ids) {
    List<ChunkId> delete = new ArrayList<>();
    synchronized (this) {
      for (ChunkId id : ids) {
        Integer n = counts.get(id);
        if (n == null) continue;
        if (n > 1) {
          counts.put(id, n - 1);
        } else {
          counts.remove(id);
          if (deferred.remove(id)) (holds > 0 ? held : delete).add(id);
        }
      }
    }
    delete.forEach(this::deleteQuietly);
  }

  void free(ChunkId id) {
    freeAll(List.of(id));
  }

  /**
   * The chunks are no longer referenced by metadata: delete them now, or at their last unpin. Files
   * are deleted outside the monitor; that is safe because an unreferenced, unpinned chunk can never
   * be pinned again (readers pin only chunks of a record they then re-check).
   */
  void freeAll(Collection<ChunkId> ids) {
    List<ChunkId> delete = new ArrayList<>(ids.size());
    synchronized (this) {
      for (ChunkId id : ids) {
        if (counts.containsKey(id)) {
          deferred.add(id);
        } else if (holds > 0) {
          held.add(id);
        } else {
          delete.add(id);
        }
      }
    }
    delete.forEach(this::deleteQuietly);
  }

  synchronized boolean pinned(ChunkId id) {
    return counts.containsKey(id);
  }

  /**
   * Deletes the chunk if it is not pinned and {@code unreferenced} confirms no metadata refers to
   * it; both checks and the deletion happen under the monitor, so no reader or writer can pin it in
   * between. Returns whether it was deleted.
   */
  synchronized boolean deleteIfOrphan(ChunkId id, Predicate<ChunkId> unreferenced) {
    if (holds > 0 || counts.containsKey(id) || !unreferenced.test(id)) return false;
    deleteQuietly(id);
    return true;
  }

  /** A hold on every deletion; closing it (once) lets the frees it kept happen. */
  interface Hold extends AutoCloseable {
    @Override
    void close();
  }

  /**
   * Stops every chunk file deletion (frees, last unpins of freed chunks, the sweeper) until the
   * returned hold is closed; holds nest. A chunk some metadata refers to when the hold is taken
   * therefore stays on disk until the hold closes, whatever is committed meanwhile.
   */
  Hold hold() {
    synchronized (this) {
      holds++;
    }
    java.util.concurrent.atomic.AtomicBoolean closed =
        new java.util.concurrent.atomic.AtomicBoolean();
    return () -> {
      if (closed.compareAndSet(false, true)) release();
    };
  }

  private void release() {
    List<ChunkId> delete = new ArrayList<>();
    synchronized (this) {
      if (--holds > 0) return;
      for (ChunkId id : held) {
        if (counts.containsKey(id)) {
          deferred.add(id);
        } else {
          delete.add(id);
        }
      }
      held.clear();
    }
    delete.forEach(this::deleteQuietly);
  }

  private void deleteQuietly(ChunkId id) {
    try {
      files.delete(id);
    } catch (IOException e) {
      log.warn("could not delete chunk {} (the sweeper will retry): {}", id, e.toString());
    }
  }
}
