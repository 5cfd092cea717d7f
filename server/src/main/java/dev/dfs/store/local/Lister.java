package dev.dfs.store.local;

import dev.dfs.store.ListPage;
import dev.dfs.store.ListQuery;
import dev.dfs.store.ObjectInfo;
import dev.dfs.store.StoreError;
import dev.dfs.store.StoreException;
import dev.dfs.store.local.MetaDb.Cf;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ListObjects as one bounded range scan over {@code bucket 0x00 prefix…}, paged by {@link
 * ListingPager}. Entries are keys, or with a delimiter the common prefixes keys roll up into, in
 * UTF-8 byte order; a page holds the entries strictly greater than {@code after}. After a common
 * prefix the scan seeks to {@code prefix 0xFF}, skipping every key below it without reading it, so
 * a page costs about maxKeys seeks/steps regardless of bucket size. Stateless and thread-safe.
 */
final class Lister {
  private static final Logger log = LoggerFactory.getLogger(Lister.class);

  private Lister() {}

  static ListPage list(MetaDb db, String bucket, ListQuery q) throws IOException {
    if (q.maxKeys() == 0) return new ListPage(List.of(), List.of(), false, null);
    byte[] base = KeyCodec.bucketPrefix(bucket);
    byte[] prefix = KeyCodec.utf8(q.prefix());
    byte[] after = q.after() == null ? null : KeyCodec.utf8(q.after());
    byte[] scanPrefix = KeyCodec.concat(base, prefix);
    ListingPager<ObjectInfo> page =
        new ListingPager<>(
            base,
            prefix,
            q.delimiter() == null ? null : KeyCodec.utf8(q.delimiter()),
            q.maxKeys(),
            after,
            true,
            null,
            null);
    try (MetaDb.Scan scan = db.scan(Cf.OBJECTS, scanPrefix, KeyCodec.upperBound(scanPrefix))) {
      byte[] start = scanPrefix;
      if (after != null && Arrays.compareUnsigned(after, prefix) > 0)
        start = KeyCodec.concat(base, after);
      page.fill(
          scan,
          start,
          new ListingPager.Source<>() {
            @Override
            public byte[] key(byte[] full) {
              return Arrays.copyOfRange(full, base.length, full.length);
            }

            @Override
            public @Nullable ObjectInfo entry(String key, byte[] full, byte[] value) {
              return decodeOrSkip(bucket, key, value);
            }
          });
    }
    return new ListPage(page.entries(), page.prefixes(), page.truncated(), page.nextKey());
  }

  /**
   * The listed form of a record, or null (logged, one line) when the record does not decode: one
   * damaged record must not make the rest of its bucket unlistable; reading that key still fails
   * loudly.
   */
  private static @Nullable ObjectInfo decodeOrSkip(String bucket, String key, byte[] value) {
    try {
      return Records.info(bucket, key, RecordCodec.decodeObject(value, bucket + "/" + key));
    } catch (StoreException e) {
      if (e.error() != StoreError.CORRUPT_DATA) throw e;
      log.error("data corruption, left out of a listing: {}", e.getMessage());
      return null;
    }
  }
}
