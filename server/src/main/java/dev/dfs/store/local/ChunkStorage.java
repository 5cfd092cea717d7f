package dev.dfs.store.local;

import dev.dfs.store.local.Records.ChunkRef;
import dev.dfs.util.ChecksumAlgorithm;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The seam through which {@link LocalStore} (and {@link Multipart}, {@link LocalObjectRead}) write
 * and read object bytes: this node's chunk files ({@link DiskChunks}, the local engine, today's
 * code path unchanged) or chunks replicated over a cluster's nodes ({@link ReplicatedChunks} over a
 * {@link ChunkBackend}). Small bodies stay inline either way (in the metadata, which the cluster
 * replicates through Raft). Implementations are thread-safe.
 */
interface ChunkStorage extends ChunkSink {

  /**
   * Streams {@code size} bytes of {@code body} (to its end when negative) into a new chunk, or
   * keeps them in memory when the body ends within {@code inlineLimit} bytes (negative: never). The
   * chunk is pinned and not yet published; the returned data deletes it at close unless its
   * metadata committed.
   *
   * @param digest whether to compute the MD5 (encrypted writes digest their plaintext)
   * @throws dev.dfs.util.BodyException INCOMPLETE_BODY when the body ends before {@code size}
   * @throws dev.dfs.store.StoreException ENTITY_TOO_LARGE, INSUFFICIENT_STORAGE, UNAVAILABLE (no
   *     write quorum of replicas)
   */
  StagedData write(
      InputStream body, long size, @Nullable ChecksumAlgorithm alg, int inlineLimit, boolean digest)
      throws IOException;

  /**
   * A verified read of bytes {@code [first, last]} of the object stored as {@code chunks}. Every
   * byte handed out passed its check; a failure is a CORRUPT_DATA (or, with replicas, UNAVAILABLE)
   * {@link dev.dfs.store.StoreException} naming {@code object}, never wrong bytes.
   *
   * @param check the whole-object check when the range is the whole object, or null
   * @param prime read the first block now, so a bad one fails here, before a caller answers
   */
  InputStream read(
      List<ChunkRef> chunks,
      long first,
      long last,
      String object,
      @Nullable WholeObjectCheck check,
      boolean prime)
      throws IOException;

  /** This node's chunk files, for the orphan sweep; null where chunks live elsewhere. */
  @Nullable ChunkFiles files();
}
