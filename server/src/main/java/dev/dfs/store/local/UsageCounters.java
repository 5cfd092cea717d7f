package dev.dfs.store.local;

import dev.dfs.store.StoreUsage.BucketUsage;
import dev.dfs.store.local.MetaDb.Batch;
import dev.dfs.store.local.MetaDb.Cf;
import dev.dfs.store.local.Records.ObjectRecord;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Stored object versions (current and noncurrent, delete markers excluded; for an unversioned
 * bucket simply its objects) and their logical bytes per bucket, persisted in the {@link Cf#USAGE}
 * column family and changed in the same atomic batch as the object change they count (RocksDB
 * merges the deltas), so they are exact after a crash and cost nothing at start-up however large
 * the store. A data directory written before the counters existed is counted once, at the first
 * open that finds no {@link #MARKER}. Thread-safe.
 */
final class UsageCounters {
  /** Set in the meta column family once the counters reflect every object. */
  private static final byte[] MARKER = "usage-counters".getBytes(StandardCharsets.US_ASCII);

  private static final byte OBJECTS = 'o';
  private static final byte BYTES = 'b';

  private final MetaDb db;

  UsageCounters(MetaDb db) {
    this.db = db;
  }

  /** Counts existing objects once if this data directory predates the counters. */
  void initialize() throws IOException {
    if (db.get(Cf.META, MARKER) != null) return;
    try (Batch b = db.batch()) {
      db.deletePrefix(b, Cf.USAGE, new byte[0]);
      // runs after VersionIndex.initialize, so every version is in the versions index
      try (MetaDb.Scan s = db.scan(Cf.VERSIONS, null, null)) {
        s.seek(new byte[0]);
        for (; s.valid(); s.next()) {
          byte[] k = s.key();
          int sep = KeyCodec.indexOf(k, new byte[] {0}, 0);
          String bucket = KeyCodec.string(k, 0, sep < 0 ? k.length : sep);
          added(b, bucket, RecordCodec.decodeObject(s.value()));
        }
      }
      db.commit(b.put(Cf.META, MARKER, new byte[] {1}));
    }
  }

  /** Adds to {@code b} the count of a new stored version (delete markers count nothing). */
  void added(Batch b, String bucket, ObjectRecord now) throws IOException {
    if (!now.deleteMarker()) add(b, bucket, 1, now.size());
  }

  /** Adds to {@code b} the change of removing version {@code old}. */
  void removed(Batch b, String bucket, ObjectRecord old) throws IOException {
    if (!old.deleteMarker()) add(b, bucket, -1, -old.size());
  }

  /** Adds to {@code b} the removal of a deleted bucket's counters. */
  void dropBucket(Batch b, String bucket) throws IOException {
    db.deletePrefix(b, Cf.USAGE, KeyCodec.bucketPrefix(bucket));
  }

  /** The bucket's figures (zero when it holds nothing or does not exist). */
  BucketUsage of(String bucket) throws IOException {
    return new BucketUsage(read(bucket, OBJECTS), read(bucket, BYTES));
  }

  private void add(Batch b, String bucket, long objects, long bytes) throws IOException {
    if (objects != 0) b.add(Cf.USAGE, key(bucket, OBJECTS), objects);
    if (bytes != 0) b.add(Cf.USAGE, key(bucket, BYTES), bytes);
  }

  private long read(String bucket, byte which) throws IOException {
    byte[] v = db.get(Cf.USAGE, key(bucket, which));
    if (v == null || v.length < 8) return 0;
    long x = 0;
    for (int i = 7; i >= 0; i--) x = (x << 8) | (v[i] & 0xFF);
    return x;
  }

  private static byte[] key(String bucket, byte which) {
    return KeyCodec.concat(KeyCodec.bucketPrefix(bucket), new byte[] {which});
  }
}
