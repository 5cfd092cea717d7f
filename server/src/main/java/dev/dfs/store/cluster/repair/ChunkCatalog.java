package dev.dfs.store.cluster.repair;

import dev.dfs.store.local.ChunkId;
import dev.dfs.store.local.ChunkVolume.StoredChunk;
import java.io.IOException;
import java.util.List;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;

/**
 * What the metadata says about chunks, as repair, scrub and the sweeper need it: which chunks are
 * referenced and with what length (this node's copy of the metadata, see {@code
 * LocalStore#referencedChunks}), and a read barrier that makes that copy current (linearizable:
 * every commit acknowledged before the barrier started is applied when it returns). Implementations
 * are thread-safe.
 */
public interface ChunkCatalog {
  /**
   * Up to {@code limit} referenced chunks with ids above {@code after} (null: from the first), in
   * id order.
   */
  List<StoredChunk> referenced(@Nullable ChunkId after, int limit) throws IOException;

  /** The length the metadata gives chunk {@code id}, or empty when nothing references it. */
  OptionalLong length(ChunkId id) throws IOException;

  /** Waits until this node's metadata holds every commit acknowledged before the call. */
  void readBarrier() throws IOException;
}
