package dev.dfs.store.local;

import dev.dfs.store.StoreUsage;
import dev.dfs.store.StoreUsage.BucketUsage;
import dev.dfs.store.local.MetaDb.Cf;
import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the local engine's {@link StoreUsage} and runs its readiness probe. Usage costs one scan
 * of the (small) buckets column family, a statfs of the data volume and a few RocksDB property
 * reads; object figures come from {@link UsageCounters}. Thread-safe.
 */
final class LocalUsage {
  /** RocksDB properties exported as engine stats, under the same names. */
  static final List<String> ROCKSDB_PROPERTIES =
      List.of(
          "rocksdb.estimate-num-keys",
          "rocksdb.total-sst-files-size",
          "rocksdb.cur-size-all-mem-tables",
          "rocksdb.block-cache-usage",
          "rocksdb.estimate-pending-compaction-bytes",
          "rocksdb.num-running-compactions",
          "rocksdb.num-running-flushes");

  /** Below this much free space the probe reports the store as not ready. */
  static final long MIN_FREE_BYTES = 64L << 20;

  private final MetaDb db;
  private final UsageCounters counters;
  private final Path dataDir;

  LocalUsage(MetaDb db, UsageCounters counters, Path dataDir) {
    this.db = db;
    this.counters = counters;
    this.dataDir = dataDir;
  }

  StoreUsage usage() throws IOException {
    Map<String, BucketUsage> buckets = new LinkedHashMap<>();
    try (MetaDb.Scan s = db.scan(Cf.BUCKETS, null, null)) {
      s.seek(new byte[0]);
      for (; s.valid(); s.next()) {
        byte[] k = s.key();
        String name = KeyCodec.string(k, 0, k.length);
        buckets.put(name, counters.of(name));
      }
    }
    FileStore fs = Files.getFileStore(dataDir);
    Map<String, Long> stats = new LinkedHashMap<>();
    for (String p : ROCKSDB_PROPERTIES) {
      long v = db.longProperty(p);
      if (v >= 0) stats.put(p, v);
    }
    return new StoreUsage(fs.getTotalSpace(), fs.getUsableSpace(), buckets, stats);
  }

  /**
   * Metadata readable, data directory writable (a small file written, synced, deleted), free space
   * left.
   */
  void probe() throws IOException {
    db.get(Cf.META, new byte[] {'f'});
    Path tmp = dataDir.resolve("tmp");
    Path probe = Files.createTempFile(tmp, "probe-", ".tmp");
    try (var ch =
        java.nio.channels.FileChannel.open(probe, java.nio.file.StandardOpenOption.WRITE)) {
      ch.write(java.nio.ByteBuffer.wrap(new byte[] {1}));
      ch.force(true);
    } catch (IOException e) {
      throw new IOException("data directory is not writable: " + e.getMessage(), e);
    } finally {
      Files.deleteIfExists(probe);
    }
    long free = Files.getFileStore(dataDir).getUsableSpace();
    if (free < MIN_FREE_BYTES) {
      throw new IOException(
          "data volume is full: " + free + " bytes free (need " + MIN_FREE_BYTES + ")");
    }
  }
}
