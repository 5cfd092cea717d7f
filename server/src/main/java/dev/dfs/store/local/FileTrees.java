package dev.dfs.store.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Whole-directory copy and removal (for installing a metadata checkpoint). Not thread-safe per
 * tree.
 */
final class FileTrees {
  private FileTrees() {}

  /** Removes {@code root} and everything under it; nothing if absent. */
  static void delete(Path root) throws IOException {
    if (!Files.exists(root)) return;
    List<Path> all;
    try (Stream<Path> s = Files.walk(root)) {
      all = s.sorted(Comparator.reverseOrder()).toList();
    }
    for (Path p : all) Files.deleteIfExists(p);
  }

  /**
   * Copies the regular files of {@code from} (one level, as a RocksDB directory is) into a new
   * {@code to}.
   */
  static void copy(Path from, Path to) throws IOException {
    Files.createDirectories(to);
    try (Stream<Path> s = Files.list(from)) {
      for (Path f : s.toList()) {
        if (Files.isRegularFile(f)) Files.copy(f, to.resolve(f.getFileName()));
      }
    }
  }
}
