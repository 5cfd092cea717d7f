package dev.dfs.store.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * The {@code FORMAT} file at the root of a data directory: one line {@code dfs-local <n>} naming
 * the layout version. Written (durably) on first open; a directory of a newer format is refused
 * with a clear error rather than misread.
 *
 * <p>Versions: 1, the first; 2 may hold chunk files of {@link ChunkFormat} version 2 and inline
 * values bound to their ids, which a build knowing only 1 cannot read. A version-1 directory is
 * marked 2 at open (nothing is rewritten: this build reads both), so older builds refuse it instead
 * of failing on the newer chunks.
 */
final class DataDirFormat {
  static final int CURRENT = 2;
  private static final String PREFIX = "dfs-local ";

  private DataDirFormat() {}

  /** Creates the FORMAT file if missing, else checks it; returns the directory's format. */
  static int checkOrCreate(Path dataDir) throws IOException {
    Path file = dataDir.resolve("FORMAT");
    if (Files.exists(file)) {
      String text = Files.readString(file, StandardCharsets.UTF_8).trim();
      int version;
      try {
        if (!text.startsWith(PREFIX)) throw new NumberFormatException(text);
        version = Integer.parseInt(text.substring(PREFIX.length()).trim());
      } catch (NumberFormatException e) {
        throw new IOException(
            "data directory " + dataDir + " has an unreadable FORMAT file: '" + text + "'");
      }
      if (version > CURRENT) {
        throw new IOException(
            "data directory "
                + dataDir
                + " has format version "
                + version
                + ", newer than this build supports ("
                + CURRENT
                + "); use a newer DFS release");
      }
      if (version == CURRENT) return version;
    }
    Path tmp = dataDir.resolve("FORMAT.tmp");
    Files.writeString(
        tmp,
        PREFIX + CURRENT + "\n",
        StandardCharsets.UTF_8,
        StandardOpenOption.CREATE,
        StandardOpenOption.TRUNCATE_EXISTING,
        StandardOpenOption.WRITE,
        StandardOpenOption.SYNC);
    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
    ChunkFiles.fsyncDir(dataDir);
    return CURRENT;
  }
}
