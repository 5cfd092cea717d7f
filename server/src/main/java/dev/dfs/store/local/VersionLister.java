package dev.dfs.store.local;

import dev.dfs.store.ObjectVersion;
import dev.dfs.store.StoreError;
import dev.dfs.store.StoreException;
import dev.dfs.store.VersionIds;
import dev.dfs.store.VersionsPage;
import dev.dfs.store.VersionsQuery;
import dev.dfs.store.local.MetaDb.Cf;
import dev.dfs.store.local.Records.ObjectRecord;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * ListObjectVersions as one bounded range scan over {@link Cf#VERSIONS}
 * ({@code bucket 0x00 key 0x00 versionKey}): keys in UTF-8 byte order, each key's versions
 * newest first. With a delimiter, after a common prefix the scan seeks past it, as
 * {@link Lister} does. A page starts after {@code keyMarker}'s versions, or, with a
 * {@code versionIdMarker}, right after that version. Stateless and thread-safe.
 *
 * <p>Known limit: a key containing U+0000 may sort its versions among those of its prefix key.
 */
final class VersionLister {
  private VersionLister() {}

  static VersionsPage list(MetaDb db, Catalog catalog, String bucket, VersionsQuery q)
      throws IOException {
    if (q.maxKeys() == 0) return new VersionsPage(List.of(), List.of(), false, null, null);
    byte[] base = KeyCodec.bucketPrefix(bucket);
    byte[] prefix = KeyCodec.utf8(q.prefix());
    byte[] delim = q.delimiter() == null ? null : KeyCodec.utf8(q.delimiter());
    byte[] after = q.keyMarker() == null ? null : KeyCodec.utf8(q.keyMarker());
    byte[] scanPrefix = KeyCodec.concat(base, prefix);

    byte[] start = scanPrefix;
    byte[] skipExactly = null; // the version-id-marker entry itself
    String midKey = null; // the key whose listing resumes mid-way (its first entry is not latest)
    if (after != null && q.versionIdMarker() != null) {
      VersionKey vk = markerKey(catalog, bucket, q.keyMarker(), q.versionIdMarker());
      byte[] kprefix = KeyCodec.concat(base, after, new byte[] {0});
      if (vk != null) {
        skipExactly = KeyCodec.concat(kprefix, vk.bytes());
        start = skipExactly;
        midKey = q.keyMarker();
      } else {
        start = KeyCodec.concat(base, after, new byte[] {1}); // unknown marker: next key
      }
      after = null; // keys after the marker key are all wanted
      if (Arrays.compareUnsigned(start, scanPrefix) < 0) start = scanPrefix;
    } else if (after != null) {
      byte[] pastKey = KeyCodec.concat(base, after, new byte[] {1});
      if (Arrays.compareUnsigned(pastKey, scanPrefix) > 0) start = pastKey;
    }

    List<ObjectVersion> versions = new ArrayList<>();
    List<String> prefixes = new ArrayList<>();
    boolean truncated = false;
    String nextKey = null;
    String nextVersion = null;
    String lastKey = null;
    try (MetaDb.Scan scan = db.scan(Cf.VERSIONS, scanPrefix, KeyCodec.upperBound(scanPrefix))) {
      scan.seek(start);
      while (scan.valid()) {
        byte[] full = scan.key();
        if (full.length < base.length + 1 + VersionKey.BYTES + 1) {
          scan.next();
          continue;
        }
        if (skipExactly != null && Arrays.equals(full, skipExactly)) {
          skipExactly = null;
          scan.next();
          continue;
        }
        byte[] key = Arrays.copyOfRange(full, base.length, full.length - VersionKey.BYTES - 1);
        int cut = delim == null ? -1 : KeyCodec.indexOf(key, delim, prefix.length);
        if (cut >= 0) {
          byte[] cp = Arrays.copyOf(key, cut + delim.length);
          if (after == null || Arrays.compareUnsigned(cp, after) > 0) {
            String cps = KeyCodec.string(cp, 0, cp.length);
            if (!cps.equals(lastPrefix(prefixes))) {
              if (versions.size() + prefixes.size() == q.maxKeys()) {
                truncated = true;
                break;
              }
              prefixes.add(cps);
              nextKey = cps;
              nextVersion = null;
            }
          }
          scan.seek(KeyCodec.pastPrefix(KeyCodec.concat(base, cp)));
          continue;
        }
        if (versions.size() + prefixes.size() == q.maxKeys()) {
          truncated = true;
          break;
        }
        String k = KeyCodec.string(key, 0, key.length);
        ObjectRecord r = RecordCodec.decodeObject(scan.value());
        boolean latest = !k.equals(lastKey) && !k.equals(midKey);
        if (!k.equals(lastKey)) midKey = null;
        lastKey = k;
        versions.add(new ObjectVersion(Records.info(bucket, k, r), latest));
        nextKey = k;
        nextVersion = r.versionId() == null ? VersionIds.NULL : r.versionId();
        scan.next();
      }
    }
    return truncated
        ? new VersionsPage(versions, prefixes, true, nextKey, nextVersion)
        : new VersionsPage(versions, prefixes, false, null, null);
  }

  private static String lastPrefix(List<String> prefixes) {
    return prefixes.isEmpty() ? null : prefixes.get(prefixes.size() - 1);
  }

  /**
   * The position a {@code version-id-marker} names: its version key. An id the engine issued
   * encodes that position, so a version deleted since the previous page (lifecycle sweeps delete
   * as they list) still says where to resume; the null version is looked up, and when it is
   * gone (null) the listing resumes at the next key.
   */
  private static VersionKey markerKey(Catalog catalog, String bucket, String key, String versionId)
      throws IOException {
    if (!VersionIds.isWellFormed(versionId)) {
      throw new StoreException(StoreError.INVALID_ARGUMENT, "Invalid version id specified");
    }
    VersionKey issued = VersionKey.parseId(versionId);
    if (issued != null) return issued;
    ObjectRecord r = catalog.version(bucket, key, versionId);
    return r == null ? null : r.version();
  }
}
