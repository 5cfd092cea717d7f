package dev.dfs.store.local;

import dev.dfs.store.StoreError;
import dev.dfs.store.StoreException;
import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The free space of the data volume, and the reserve kept free for the metadata database so that
 * deletes (how an operator frees space) can always commit. New data (chunk files and inline bodies)
 * is refused with {@link StoreError#INSUFFICIENT_STORAGE} while writing it would leave less than
 * the reserve; a write that fails anyway because the volume filled up (another process, a reserve
 * of 0) is reported the same way. The check asks the file system each time (one statvfs, about a
 * microsecond), so writes work again as soon as space is freed, without a restart. Thread-safe.
 */
final class DiskSpace {
  /** What one write may take without being counted against the reserve: rounding slack. */
  private static final long SLACK = 64 * 1024;

  private final FileStore volume;
  private final Path dataDir;
  private final long reserveBytes;

  /**
   * @param reserveBytes free bytes new data may not use; negative: derived from the volume ({@link
   *     #defaultReserve(long)})
   */
  DiskSpace(Path dataDir, long reserveBytes) throws IOException {
    this.dataDir = dataDir;
    this.volume = Files.getFileStore(dataDir);
    this.reserveBytes = reserveBytes >= 0 ? reserveBytes : defaultReserve(volume.getTotalSpace());
  }

  /**
   * The reserve when none is configured: 1% of the volume, at least 64 MiB (a full memtable flush
   * of deletes plus a new WAL fits; see the README's measurement) and at most 1 GiB.
   */
  static long defaultReserve(long capacity) {
    return Math.min(1L << 30, Math.max(64L << 20, capacity / 100));
  }

  long reserveBytes() {
    return reserveBytes;
  }

  /** Usable bytes on the data volume now. */
  long usable() throws IOException {
    return volume.getUsableSpace();
  }

  /**
   * Refuses a write of {@code bytes} more (0 when unknown) when it would eat into the reserve.
   *
   * @throws StoreException INSUFFICIENT_STORAGE
   */
  void requireRoom(long bytes) throws IOException {
    long free = usable();
    if (free - Math.max(0, bytes) + SLACK < reserveBytes) throw full(free);
  }

  /**
   * What a failed data write means: INSUFFICIENT_STORAGE when the volume is (nearly) full, so
   * ENOSPC is reported as such and not as an internal error; otherwise {@code failure} itself.
   */
  IOException classify(IOException failure) {
    try {
      long free = usable();
      if (free < reserveBytes + SLACK) {
        StoreException full = full(free);
        full.initCause(failure);
        throw full;
      }
    } catch (IOException statFailed) {
      failure.addSuppressed(statFailed);
    }
    return failure;
  }

  /** The refusal, naming the cause and what frees space. */
  StoreException full(long free) {
    return new StoreException(
        StoreError.INSUFFICIENT_STORAGE,
        String.format(
            "The data volume is full: %d MiB free on %s, and %d MiB stay reserved so that deletes"
                + " can commit. Delete objects or free space on the volume; writes resume by"
                + " themselves.",
            free >> 20, dataDir, reserveBytes >> 20));
  }
}
