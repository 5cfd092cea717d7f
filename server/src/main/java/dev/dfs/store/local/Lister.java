package dev.dfs.store.local;

import dev.dfs.store.ListPage;
import dev.dfs.store.ListQuery;
import dev.dfs.store.ObjectInfo;
import dev.dfs.store.StoreError;
import dev.dfs.store.StoreException;
import dev.dfs.store.local.MetaDb.Cf;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ListObjects as one bounded range scan over {@code bucket 0x00 prefix…}. Entries are keys, or
 * with a delimiter the common prefixes keys roll up into, in UTF-8 byte order; a page holds the
 * entries strictly greater than {@code after}. After a common prefix the scan seeks to
 * {@code prefix 0xFF}, skipping every key below it without reading it, so a page costs about
 * maxKeys seeks/steps regardless of bucket size. Stateless and thread-safe.
 */
final class Lister {
  private static final Logger log = LoggerFactory.getLogger(Lister.class);

  private Lister() {}

  static ListPage list(MetaDb db, String bucket, ListQuery q) throws IOException {
    if (q.maxKeys() == 0) return new ListPage(List.of(), List.of(), false, null);
    byte[] base = KeyCodec.bucketPrefix(bucket);
    byte[] prefix = KeyCodec.utf8(q.prefix());
    byte[] delim = q.delimiter() == null ? null : KeyCodec.utf8(q.delimiter());
    byte[] after = q.after() == null ? null : KeyCodec.utf8(q.after());
    byte[] scanPrefix = KeyCodec.concat(base, prefix);

    List<ObjectInfo> objects = new ArrayList<>();
    List<String> prefixes = new ArrayList<>();
    boolean truncated = false;
    String lastEntry = null;
    try (MetaDb.Scan scan = db.scan(Cf.OBJECTS, scanPrefix, KeyCodec.upperBound(scanPrefix))) {
      byte[] start = scanPrefix;
      if (after != null && Arrays.compareUnsigned(after, prefix) > 0) start = KeyCodec.concat(base, after);
      scan.seek(start);
      while (scan.valid()) {
        byte[] full = scan.key();
        byte[] key = Arrays.copyOfRange(full, base.length, full.length);
        int cut = delim == null ? -1 : KeyCodec.indexOf(key, delim, prefix.length);
        if (cut >= 0) {
          byte[] cp = Arrays.copyOf(key, cut + delim.length);
          if (after == null || Arrays.compareUnsigned(cp, after) > 0) {
            if (objects.size() + prefixes.size() == q.maxKeys()) {
              truncated = true;
              break;
            }
            lastEntry = KeyCodec.string(cp, 0, cp.length);
            prefixes.add(lastEntry);
          }
          scan.seek(KeyCodec.pastPrefix(KeyCodec.concat(base, cp)));
          continue;
        }
        if (after == null || Arrays.compareUnsigned(key, after) > 0) {
          if (objects.size() + prefixes.size() == q.maxKeys()) {
            truncated = true;
            break;
          }
          lastEntry = KeyCodec.string(key, 0, key.length);
          ObjectInfo info = decodeOrSkip(bucket, lastEntry, scan.value());
          if (info != null) objects.add(info);
        }
        scan.next();
      }
    }
    return new ListPage(objects, prefixes, truncated, truncated ? lastEntry : null);
  }

  /**
   * The listed form of a record, or null (logged, one line) when the record does not decode:
   * one damaged record must not make the rest of its bucket unlistable; reading that key still
   * fails loudly.
   */
  private static ObjectInfo decodeOrSkip(String bucket, String key, byte[] value) {
    try {
      return Records.info(bucket, key, RecordCodec.decodeObject(value, bucket + "/" + key));
    } catch (StoreException e) {
      if (e.error() != StoreError.CORRUPT_DATA) throw e;
      log.error("data corruption, left out of a listing: {}", e.getMessage());
      return null;
    }
  }
}
