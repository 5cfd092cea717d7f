package dev.dfs.store.local;

import dev.dfs.store.local.MetaDb.Cf;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes orphan chunk files: files under {@code chunks/} that no metadata references (the {@link
 * Cf#CHUNK_REFS} reverse index, a point lookup per file) and that no writer or reader has pinned.
 * Orphans are what a crash between publishing a chunk and committing (or between committing a
 * delete and removing the file) leaves behind. The background pass started at open only considers
 * files older than the open time. Thread-safe.
 */
final class Sweeper implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Sweeper.class);

  private final ChunkFiles files;
  private final MetaDb db;
  private final ChunkPins pins;
  private volatile boolean stopped;
  private @Nullable Thread thread;

  /** Readiness' view of the background pass: each file is due within {@link #FILE_DUE}. */
  private final dev.dfs.util.Heartbeat heartbeat =
      new dev.dfs.util.Heartbeat("orphan-sweep", FILE_DUE);

  private static final java.time.Duration FILE_DUE = java.time.Duration.ofMinutes(10);

  Sweeper(ChunkFiles files, MetaDb db, ChunkPins pins) {
    this.files = files;
    this.db = db;
    this.pins = pins;
  }

  /** Starts one background pass over files last modified before {@code cutoffMillis}. */
  synchronized void startBackground(long cutoffMillis) {
    thread =
        Thread.ofPlatform()
            .daemon()
            .name("dfs-chunk-sweeper")
            .start(
                () -> {
                  heartbeat.started();
                  try {
                    int n = sweep(cutoffMillis);
                    if (n > 0) log.info("sweeper removed {} orphan chunk file(s)", n);
                    heartbeat.finished();
                  } catch (IOException | RuntimeException e) {
                    if (stopped) {
                      heartbeat.finished();
                    } else {
                      log.warn("chunk sweep failed: {}", e.toString());
                      heartbeat.failed("the orphan chunk sweep failed: " + e);
                    }
                  }
                });
  }

  /** The background pass's liveness (it finishes once it has looked at every file). */
  dev.dfs.util.Heartbeat heartbeat() {
    return heartbeat;
  }

  /**
   * Deletes orphan chunk files modified before {@code cutoffMillis} ({@link Long#MAX_VALUE}: all);
   * returns how many were removed.
   */
  int sweep(long cutoffMillis) throws IOException {
    int removed = 0;
    try (DirectoryStream<Path> level1 = Files.newDirectoryStream(files.chunksDir())) {
      for (Path d1 : level1) {
        if (!Files.isDirectory(d1)) continue;
        try (DirectoryStream<Path> level2 = Files.newDirectoryStream(d1)) {
          for (Path d2 : level2) {
            if (!Files.isDirectory(d2)) continue;
            try (DirectoryStream<Path> leaves = Files.newDirectoryStream(d2)) {
              for (Path f : leaves) {
                if (stopped) return removed;
                heartbeat.beat(FILE_DUE);
                if (sweepOne(f, cutoffMillis)) removed++;
              }
            }
          }
        }
      }
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    return removed;
  }

  private boolean sweepOne(Path f, long cutoffMillis) throws IOException {
    ChunkId id = ChunkId.parseHex(f.getFileName().toString());
    if (id == null || !f.equals(files.path(id))) return false; // not ours: leave it alone
    if (cutoffMillis != Long.MAX_VALUE) {
      try {
        if (Files.getLastModifiedTime(f).toMillis() >= cutoffMillis) return false;
      } catch (java.nio.file.NoSuchFileException gone) {
        return false;
      }
    }
    boolean deleted =
        pins.deleteIfOrphan(
            id,
            c -> {
              try {
                return db.get(Cf.CHUNK_REFS, c.bytes()) == null;
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            });
    if (deleted) log.debug("removed orphan chunk {}", id);
    return deleted;
  }

  @Override
  public void close() {
    stopped = true;
    Thread t;
    synchronized (this) {
      t = thread;
    }
    if (t != null) {
      try {
        t.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
