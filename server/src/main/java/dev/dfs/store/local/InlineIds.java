package dev.dfs.store.local;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Names for inline values that ascend in the order they are made: the high 64 bits are the wall
 * clock in microseconds, raised past the previous id so they strictly increase within the process;
 * the low 64 bits are random, which keeps ids unique across restarts even if the clock went back.
 *
 * <p>Why not random like chunk file names: inline values are RocksDB keys, and random keys make
 * every flushed memtable overlap every table below it, so each flush was merged with all of the
 * column family's older data (a 4 KiB PUT load rewrote the inline bodies again and again, and the
 * compaction's memory-mapped reads of hundreds of MiB showed as server RSS). Ascending keys let
 * RocksDB move flushed tables down without rewriting them. Thread-safe.
 */
final class InlineIds {
  private final AtomicLong last = new AtomicLong();

  ChunkId next() {
    long now = Math.multiplyExact(System.currentTimeMillis(), 1000L);
    long hi = last.updateAndGet(prev -> Math.max(prev + 1, now));
    return new ChunkId(hi, ThreadLocalRandom.current().nextLong());
  }
}
