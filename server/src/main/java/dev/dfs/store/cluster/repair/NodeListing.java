package dev.dfs.store.cluster.repair;

import dev.dfs.store.cluster.data.Node;
import dev.dfs.store.local.ChunkId;
import dev.dfs.store.local.ChunkVolume.StoredChunk;
import java.io.IOException;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** A node's chunk listing ({@code GET /v1/chunks}, or the local volume's): id order, resumable. */
@FunctionalInterface
public interface NodeListing {
  /** Up to {@code limit} chunks of {@code node} with ids above {@code after} (null: first). */
  List<StoredChunk> list(Node node, @Nullable ChunkId after, int limit) throws IOException;
}
