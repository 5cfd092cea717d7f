package dev.dfs.store.local;

import java.io.IOException;
import java.io.InputStream;

/**
 * Chunk bytes kept outside this node's data directory: the cluster engine's replicas. Handed to
 * {@link LocalStore#openReplicated(java.nio.file.Path, LocalStoreOptions, ChunkBackend,
 * MetaLog.Binder)}; the store then streams every chunk through it (digests, inline bodies, metadata
 * and pins stay the store's). Chunk ids are random and never user strings.
 *
 * <p>Contracts. {@link #write} returns only once the chunk is durable where the backend promises (a
 * write quorum of replicas fsynced and published it); on failure nothing is acknowledged and
 * whatever was written is unreferenced. {@link #read} returns only verified bytes and fails over
 * between copies by itself. Errors are {@link IOException}s or {@link
 * dev.dfs.store.StoreException}s (UNAVAILABLE when too few nodes answer, CORRUPT_DATA when no copy
 * is intact). Implementations are thread-safe.
 */
public interface ChunkBackend {

  /**
   * Stores {@code size} bytes of {@code body} (to its end when negative) as chunk {@code id}.
   *
   * @throws dev.dfs.util.BodyException INCOMPLETE_BODY when the body ends early (rethrown as is)
   */
  void write(ChunkId id, InputStream body, long size) throws IOException;

  /**
   * A verified read of {@code count} bytes at {@code offset} of chunk {@code id} of {@code length}
   * bytes.
   */
  InputStream read(ChunkId id, long length, long offset, long count) throws IOException;

  /** Removes the chunk's copies, best effort (what is left is an orphan); never throws. */
  void delete(ChunkId id);
}
