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
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * ListObjectVersions as one bounded range scan over {@link Cf#VERSIONS} ({@code bucket 0x00 key
 * 0x00 versionKey}): keys in UTF-8 byte order, each key's versions newest first, paged by {@link
 * ListingPager}. A page starts after {@code keyMarker}'s versions, or, with a {@code
 * versionIdMarker}, right after that version. Stateless and thread-safe.
 *
 * <p>Known limit: a key containing U+0000 may sort its versions among those of its prefix key.
 */
final class VersionLister {
  private VersionLister() {}

  static VersionsPage list(MetaDb db, Catalog catalog, String bucket, VersionsQuery q)
      throws IOException {
    if (q.maxKeys() == 0) return new VersionsPage(List.of(), List.of(), false, null, null);
    byte @Nullable [] base = KeyCodec.bucketPrefix(bucket);
    byte[] prefix = KeyCodec.utf8(q.prefix());
    byte[] scanPrefix = KeyCodec.concat(base, prefix);
    Resume resume = resumeAt(catalog, bucket, base, scanPrefix, q);
    ListingPager<ObjectVersion> page =
        new ListingPager<>(
            base,
            prefix,
            q.delimiter() == null ? null : KeyCodec.utf8(q.delimiter()),
            q.maxKeys(),
            resume.after(),
            false,
            resume.skipExactly(),
            v -> v.info().versionId() == null ? VersionIds.NULL : v.info().versionId());
    try (MetaDb.Scan scan = db.scan(Cf.VERSIONS, scanPrefix, KeyCodec.upperBound(scanPrefix))) {
      page.fill(scan, resume.start(), new Versions(bucket, base, resume.midKey()));
    }
    return new VersionsPage(
        page.entries(), page.prefixes(), page.truncated(), page.nextKey(), page.nextId());
  }

  /**
   * Where a page starts: the first entry to read, the version-id-marker entry to skip, the key
   * whose listing resumes mid-way (its first entry is not the latest), and the key marker that
   * later keys must pass (null once the start position already implies it).
   */
  private record Resume(
      byte[] start,
      byte @Nullable [] skipExactly,
      @Nullable String midKey,
      byte @Nullable [] after) {}

  private static Resume resumeAt(
      Catalog catalog, String bucket, byte[] base, byte[] scanPrefix, VersionsQuery q)
      throws IOException {
    String keyMarker = q.keyMarker();
    if (keyMarker == null) return new Resume(scanPrefix, null, null, null);
    byte[] after = KeyCodec.utf8(keyMarker);
    String versionIdMarker = q.versionIdMarker();
    if (versionIdMarker == null) {
      byte[] pastKey = KeyCodec.concat(base, after, new byte[] {1});
      byte[] start = Arrays.compareUnsigned(pastKey, scanPrefix) > 0 ? pastKey : scanPrefix;
      return new Resume(start, null, null, after);
    }
    VersionKey vk = markerKey(catalog, bucket, keyMarker, versionIdMarker);
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

  /**
   * Versions as {@link ListingPager} reads them: {@code key 0x00 versionKey} under the bucket,
   * newest first; the first version of each key is its latest, except for the key a
   * version-id-marker resumes in. Used by one call of {@link #list} only.
   */
  private static final class Versions implements ListingPager.Source<ObjectVersion> {
    private final String bucket;
    private final byte[] base;
    private @Nullable String midKey;
    private @Nullable String lastKey;

    Versions(String bucket, byte[] base, @Nullable String midKey) {
      this.bucket = bucket;
      this.base = base;
      this.midKey = midKey;
    }

    @Override
    public byte @Nullable [] key(byte[] full) {
      if (full.length < base.length + 1 + VersionKey.BYTES + 1) return null;
      return Arrays.copyOfRange(full, base.length, full.length - VersionKey.BYTES - 1);
    }

    @Override
    public ObjectVersion entry(String k, byte[] full, byte[] value) {
      ObjectRecord r = RecordCodec.decodeObject(value);
      boolean latest = !k.equals(lastKey) && !k.equals(midKey);
      if (!k.equals(lastKey)) midKey = null;
      lastKey = k;
      return new ObjectVersion(Records.info(bucket, k, r), latest);
    }
  }

  /**
   * The position a {@code version-id-marker} names: its version key. An id the engine issued
   * encodes that position, so a version deleted since the previous page (lifecycle sweeps delete as
   * they list) still says where to resume; the null version is looked up, and when it is gone
   * (null) the listing resumes at the next key.
   */
  private static @Nullable VersionKey markerKey(
      Catalog catalog, String bucket, String key, String versionId) throws IOException {
    if (!VersionIds.isWellFormed(versionId)) {
      throw new StoreException(StoreError.INVALID_ARGUMENT, "Invalid version id specified");
    }
    VersionKey issued = VersionKey.parseId(versionId);
    if (issued != null) return issued;
    ObjectRecord r = catalog.version(bucket, key, versionId);
    return r == null ? null : r.version();
  }
}
