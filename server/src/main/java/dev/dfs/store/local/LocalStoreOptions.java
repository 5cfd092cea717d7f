package dev.dfs.store.local;

import dev.dfs.store.ObjectStore;
import java.time.Clock;
import org.jspecify.annotations.Nullable;

/**
 * Tuning of a {@link LocalStore}.
 *
 * @param blockSize bytes per checksummed block in chunk files (a ranged read verifies only the
 *     blocks it touches)
 * @param inlineThreshold bodies up to this size are stored inside RocksDB, not as chunk files; at
 *     most {@code blockSize}; negative disables inlining
 * @param minPartSize smallest size of any part but the last (S3: 5 MiB; tests use less)
 * @param maxObjectSize largest single PUT body or part (S3: 5 GiB)
 * @param backgroundSweep whether {@code open} starts a background sweep of orphan chunks
 * @param diskReserveBytes free bytes on the data volume that new data may not use, kept for the
 *     metadata database so deletes can commit on a full disk; negative: 1% of the volume, within 64
 *     MiB to 1 GiB (DFS_DISK_RESERVE_MB)
 * @param clock what stamps records (Last-Modified, upload and part times, version order): the
 *     system clock, or the server's test-offset one (see {@code dev.dfs.util.NodeClock})
 * @param accessRelay on a replicated engine, where a node that is not the leader sends the reads
 *     its access log recorded (see {@link AccessRelay}); null on one node
 */
public record LocalStoreOptions(
    int blockSize,
    int inlineThreshold,
    long minPartSize,
    long maxObjectSize,
    boolean backgroundSweep,
    long diskReserveBytes,
    Clock clock,
    @Nullable AccessRelay accessRelay) {

  public LocalStoreOptions {
    java.util.Objects.requireNonNull(clock, "clock");
    if (blockSize < 16) throw new IllegalArgumentException("blockSize < 16");
    if (inlineThreshold > blockSize)
      throw new IllegalArgumentException("inlineThreshold > blockSize");
    if (minPartSize < 0 || maxObjectSize <= 0)
      throw new IllegalArgumentException("bad size limits");
  }

  public static LocalStoreOptions defaults() {
    return new LocalStoreOptions(
        64 * 1024,
        64 * 1024,
        ObjectStore.MIN_PART_SIZE,
        5L << 30,
        true,
        -1,
        dev.dfs.util.NodeClock.system(),
        null);
  }

  public LocalStoreOptions withBlockSize(int v) {
    return new LocalStoreOptions(
        v,
        Math.min(inlineThreshold, v),
        minPartSize,
        maxObjectSize,
        backgroundSweep,
        diskReserveBytes,
        clock,
        accessRelay);
  }

  public LocalStoreOptions withInlineThreshold(int v) {
    return new LocalStoreOptions(
        blockSize,
        v,
        minPartSize,
        maxObjectSize,
        backgroundSweep,
        diskReserveBytes,
        clock,
        accessRelay);
  }

  public LocalStoreOptions withMinPartSize(long v) {
    return new LocalStoreOptions(
        blockSize,
        inlineThreshold,
        v,
        maxObjectSize,
        backgroundSweep,
        diskReserveBytes,
        clock,
        accessRelay);
  }

  public LocalStoreOptions withMaxObjectSize(long v) {
    return new LocalStoreOptions(
        blockSize,
        inlineThreshold,
        minPartSize,
        v,
        backgroundSweep,
        diskReserveBytes,
        clock,
        accessRelay);
  }

  /**
   * @param v free bytes kept for deletes; negative: derived from the volume's size
   */
  public LocalStoreOptions withDiskReserveBytes(long v) {
    return new LocalStoreOptions(
        blockSize,
        inlineThreshold,
        minPartSize,
        maxObjectSize,
        backgroundSweep,
        v,
        clock,
        accessRelay);
  }

  public LocalStoreOptions withBackgroundSweep(boolean v) {
    return new LocalStoreOptions(
        blockSize,
        inlineThreshold,
        minPartSize,
        maxObjectSize,
        v,
        diskReserveBytes,
        clock,
        accessRelay);
  }

  public LocalStoreOptions withClock(Clock v) {
    return new LocalStoreOptions(
        blockSize,
        inlineThreshold,
        minPartSize,
        maxObjectSize,
        backgroundSweep,
        diskReserveBytes,
        v,
        accessRelay);
  }

  public LocalStoreOptions withAccessRelay(@Nullable AccessRelay v) {
    return new LocalStoreOptions(
        blockSize,
        inlineThreshold,
        minPartSize,
        maxObjectSize,
        backgroundSweep,
        diskReserveBytes,
        clock,
        v);
  }
}
