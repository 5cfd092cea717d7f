package dev.dfs.util;

import java.io.IOException;
import java.io.InputStream;

/**
 * Receives the files of a consistent snapshot of a server's data directory (a backup), one at a
 * time, in the order they are produced. Names are relative, {@code /}-separated paths inside the
 * data directory, fixed by the server (never a user string) and valid by {@link
 * BackupManifest#validName}. Implementations are not thread-safe.
 */
@FunctionalInterface
public interface SnapshotSink {
  /**
   * Adds the file {@code name} of exactly {@code size} bytes, read from {@code data} before this
   * returns (the caller closes {@code data}).
   *
   * @throws IOException when the bytes cannot be taken (a client that went away, a full disk), or
   *     {@code data} ends before {@code size} bytes
   */
  void add(String name, long size, InputStream data) throws IOException;
}
