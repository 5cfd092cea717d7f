package dev.dfs.store.cluster.data;

import dev.dfs.store.local.ChunkId;
import java.io.IOException;
import java.io.InputStream;

/**
 * The chunks of one node, local or remote. Failures are {@link ReplicaException}s naming the {@link
 * ReplicaFault}. Thread-safe.
 */
interface ReplicaStore {
  /** Starts writing the chunk ({@code size} bytes, negative: unknown). */
  ReplicaUpload upload(ChunkId id, long size) throws IOException;

  /**
   * A verified read of {@code count} bytes at {@code offset} of a chunk of {@code length} bytes;
   * the stream throws {@link ReplicaException} on any fault and never returns unverified bytes or
   * ends early.
   */
  InputStream read(ChunkId id, long length, long offset, long count) throws IOException;

  /** Deletes the chunk; a missing chunk is fine. */
  void delete(ChunkId id) throws IOException;
}
