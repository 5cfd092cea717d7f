package dev.dfs.store.local;

import java.io.IOException;

/**
 * Where written chunks become visible and are removed again: this node's chunk files ({@link
 * ChunkFiles}: rename into place, delete the file) or the cluster's replicas ({@link
 * ReplicatedChunks}: visible once the write quorum acknowledged, delete on every replica). {@link
 * StagedData} and {@link ChunkPins} work through it, so they serve both engines unchanged.
 * Implementations are thread-safe.
 */
interface ChunkSink {
  /** Makes a fully written chunk durable under its final name (no-op where writing did that). */
  void publish(ChunkId id) throws IOException;

  /** Removes the chunk, published or not; a missing chunk is fine. */
  void delete(ChunkId id) throws IOException;
}
