package dev.dfs.util;

import java.io.IOException;

/**
 * Something that can write a consistent snapshot of itself into a {@link SnapshotSink}: a storage
 * engine's metadata and data files, an identity database, a key file. Thread-safe.
 */
@FunctionalInterface
public interface SnapshotSource {
  /**
   * Writes every file of the snapshot to {@code sink}; returns once the last one was taken.
   *
   * @throws IOException when a file cannot be read or the sink refuses one; the snapshot is then
   *     incomplete and must not be used
   */
  void writeTo(SnapshotSink sink) throws IOException;
}
