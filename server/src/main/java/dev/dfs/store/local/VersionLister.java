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
    byte[] scanPrefix = KeyCodec.concat(base, KeyCodec.utf8(q.prefix()));
    Page page = new Page(bucket, base, q, resumeAt(catalog, bucket, base, scanPrefix, q));
    try (MetaDb.Scan scan = db.scan(Cf.VERSIONS, scanPrefix, KeyCodec.upperBound(scanPrefix))) {
      page.fill(scan);
    }
    return page.result();
  }

  /**
   * Where a page starts: the first entry to read, the version-id-marker entry to skip, the key
   * whose listing resumes mid-way (its first entry is not the latest), and the key marker that
   * later keys must pass (null once the start position already implies it).
   */
  private record Resume(byte[] start, byte[] skipExactly, String midKey, byte[] after) {}

  private static Resume resumeAt(Catalog catalog, String bucket, byte[] base, byte[] scanPrefix,
      VersionsQuery q) throws IOException {
    byte[] after = q.keyMarker() == null ? null : KeyCodec.utf8(q.keyMarker());
    if (after == null) return new Resume(scanPrefix, null, null, null);
    if (q.versionIdMarker() == null) {
      byte[] pastKey = KeyCodec.concat(base, after, new byte[] {1});
      byte[] start = Arrays.compareUnsigned(pastKey, scanPrefix) > 0 ? pastKey : scanPrefix;
      return new Resume(start, null, null, after);
    }
    VersionKey vk = markerKey(catalog, bucket, q.keyMarker(), q.versionIdMarker());
    byte[] start;
    byte[] skipExactly = null;
    String midKey = null;
    if (vk != null) {
      skipExactly = KeyCodec.concat(base, after, new byte[] {0}, vk.bytes());
      start = skipExactly;
      midKey = q.keyMarker();
    } else {
      start = KeyCodec.concat(base, after, new byte[] {1}); // unknown marker: next key
    }
    if (Arrays.compareUnsigned(start, scanPrefix) < 0) start = scanPrefix;
    // keys after the marker key are all wanted
    return new Resume(start, skipExactly, midKey, null);
  }

  /** One page being filled from a scan; used by one call of {@link #list} only. */
  private static final class Page {
    private final String bucket;
    private final byte[] base;
    private final VersionsQuery q;
    private final byte[] prefix;
    private final byte[] delim;
    private final byte[] after;
    private final byte[] start;
    private byte[] skipExactly;
    private String midKey;
    private final List<ObjectVersion> versions = new ArrayList<>();
    private final List<String> prefixes = new ArrayList<>();
    private boolean truncated;
    private String nextKey;
    private String nextVersion;
    private String lastKey;

    Page(String bucket, byte[] base, VersionsQuery q, Resume resume) {
      this.bucket = bucket;
      this.base = base;
      this.q = q;
      this.prefix = KeyCodec.utf8(q.prefix());
      this.delim = q.delimiter() == null ? null : KeyCodec.utf8(q.delimiter());
      this.after = resume.after();
      this.start = resume.start();
      this.skipExactly = resume.skipExactly();
      this.midKey = resume.midKey();
    }

    void fill(MetaDb.Scan scan) throws IOException {
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
          if (!addPrefix(cp)) return;
          scan.seek(KeyCodec.pastPrefix(KeyCodec.concat(base, cp)));
          continue;
        }
        if (full()) return;
        addVersion(KeyCodec.string(key, 0, key.length), scan.value());
        scan.next();
      }
    }

    /** Adds common prefix {@code cp} unless already there or before the marker; false when full. */
    private boolean addPrefix(byte[] cp) {
      if (after != null && Arrays.compareUnsigned(cp, after) <= 0) return true;
      String cps = KeyCodec.string(cp, 0, cp.length);
      if (cps.equals(lastPrefix(prefixes))) return true;
      if (full()) return false;
      prefixes.add(cps);
      nextKey = cps;
      nextVersion = null;
      return true;
    }

    private void addVersion(String k, byte[] value) {
      ObjectRecord r = RecordCodec.decodeObject(value);
      boolean latest = !k.equals(lastKey) && !k.equals(midKey);
      if (!k.equals(lastKey)) midKey = null;
      lastKey = k;
      versions.add(new ObjectVersion(Records.info(bucket, k, r), latest));
      nextKey = k;
      nextVersion = r.versionId() == null ? VersionIds.NULL : r.versionId();
    }

    /** True, and marks the page truncated, when it holds maxKeys entries already. */
    private boolean full() {
      if (versions.size() + prefixes.size() < q.maxKeys()) return false;
      truncated = true;
      return true;
    }

    VersionsPage result() {
      return truncated
          ? new VersionsPage(versions, prefixes, true, nextKey, nextVersion)
          : new VersionsPage(versions, prefixes, false, null, null);
    }
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
