package dev.dfs.store.cluster.repair;

import dev.dfs.store.StoreException;
import dev.dfs.store.local.ChunkId;
import dev.dfs.store.local.ChunkVolume.StoredChunk;
import dev.dfs.store.local.LocalStore;
import java.io.IOException;
import java.util.List;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;

/**
 * The {@link ChunkCatalog} of a cluster node: its {@link LocalStore}'s metadata (a replica of the
 * cluster's) and the Raft group's read barrier. Thread-safe.
 */
public final class StoreCatalog implements ChunkCatalog {
  private final LocalStore store;
  private final Runnable barrier;

  /**
   * @param barrier the group's read barrier; throws {@link StoreException} when it cannot be had
   */
  public StoreCatalog(LocalStore store, Runnable barrier) {
    this.store = store;
    this.barrier = barrier;
  }

  @Override
  public List<StoredChunk> referenced(@Nullable ChunkId after, int limit) throws IOException {
    return store.referencedChunks(after, limit);
  }

  @Override
  public OptionalLong length(ChunkId id) throws IOException {
    return store.referencedLength(id);
  }

  @Override
  public void readBarrier() throws IOException {
    try {
      barrier.run();
    } catch (StoreException e) {
      throw new IOException("no read barrier: " + e.getMessage(), e);
    }
  }
}
