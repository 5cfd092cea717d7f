package dev.dfs.store.local;

import dev.dfs.store.StoreError;
import dev.dfs.store.StoreException;
import java.io.IOException;

/**
 * A chunk file that cannot be trusted: missing, truncated, of a wrong length, with a bad header or
 * a block whose check does not match (flipped bits, a block moved or swapped, a file replaced by
 * another chunk). Thrown by {@link ChunkReader} before any byte of the bad block is handed out; the
 * object read turns it into the engine's CORRUPT_DATA error naming the object. A replicating engine
 * reads another copy instead. Never logged where thrown.
 */
final class CorruptChunkException extends IOException {
  private final ChunkId chunk;

  CorruptChunkException(ChunkId chunk, String what) {
    super("chunk " + chunk + " " + what);
    this.chunk = chunk;
  }

  CorruptChunkException(ChunkId chunk, String what, Throwable cause) {
    super("chunk " + chunk + " " + what, cause);
    this.chunk = chunk;
  }

  /** The engine's error for a read of {@code object} ("bucket/key") that met this chunk. */
  StoreException toStoreError(String object) {
    return new StoreException(StoreError.CORRUPT_DATA, object + ": " + getMessage());
  }

  /** The chunk that failed. */
  ChunkId chunk() {
    return chunk;
  }
}
