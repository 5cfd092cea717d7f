package dev.dfs.store.local;

import dev.dfs.store.StoreUsage.BucketUsage;
import dev.dfs.store.local.MetaDb.Cf;
import dev.dfs.store.local.Records.ObjectRecord;
import java.io.IOException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Current-object count and logical bytes per bucket, kept in memory: counted once when the
 * store opens ({@link #load}, one scan of the objects column family before any request is
 * served) and then adjusted by {@link Catalog} after each committed replace or remove. Not
 * persisted, so a crash costs nothing but the next start's scan. Thread-safe; a reader may see
 * a count and a byte sum from slightly different moments.
 */
final class UsageCounters {
  private static final class Counts {
    final LongAdder objects = new LongAdder();
    final LongAdder bytes = new LongAdder();
  }

  private final ConcurrentHashMap<String, Counts> byBucket = new ConcurrentHashMap<>();

  /** Counts every current object. Call once, before the store serves requests. */
  void load(MetaDb db) throws IOException {
    byBucket.clear();
    try (MetaDb.Scan s = db.scan(Cf.OBJECTS, null, null)) {
      s.seek(new byte[0]);
      for (; s.valid(); s.next()) {
        byte[] k = s.key();
        int sep = KeyCodec.indexOf(k, new byte[] {0}, 0);
        String bucket = KeyCodec.string(k, 0, sep < 0 ? k.length : sep);
        add(bucket, 1, RecordCodec.decodeObject(s.value()).size());
      }
    }
  }

  /** After a committed replace: {@code old} is the replaced record or null. */
  void replaced(String bucket, ObjectRecord old, ObjectRecord now) {
    add(bucket, old == null ? 1 : 0, now.size() - (old == null ? 0 : old.size()));
  }

  /** After a committed remove of {@code old}. */
  void removed(String bucket, ObjectRecord old) {
    add(bucket, -1, -old.size());
  }

  /** The bucket's figures (zero when it holds nothing or does not exist). */
  BucketUsage of(String bucket) {
    Counts c = byBucket.get(bucket);
    return c == null ? BucketUsage.EMPTY : new BucketUsage(c.objects.sum(), c.bytes.sum());
  }

  private void add(String bucket, long objects, long bytes) {
    Counts c = byBucket.computeIfAbsent(bucket, b -> new Counts());
    if (objects != 0) c.objects.add(objects);
    if (bytes != 0) c.bytes.add(bytes);
  }
}
