package dev.dfs.store.local;

import dev.dfs.store.UploadInfo;
import dev.dfs.store.UploadsPage;
import dev.dfs.store.UploadsQuery;
import dev.dfs.store.local.MetaDb.Cf;
import dev.dfs.store.local.Records.UploadRecord;
import java.io.IOException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * ListMultipartUploads as one bounded range scan over {@code bucket 0x00 key 0x00 uploadId}: by
 * key, then by upload id, which begins with a monotonic time stamp (so: initiation order). Paged by
 * {@link ListingPager}. Stateless and thread-safe.
 */
final class UploadLister {
  static final int MAX_UPLOADS = 1000;

  private UploadLister() {}

  static UploadsPage list(MetaDb db, String bucket, UploadsQuery q) throws IOException {
    int max = Math.min(q.maxUploads(), MAX_UPLOADS);
    if (max <= 0) return new UploadsPage(List.of(), List.of(), false, null, null);
    byte[] base = KeyCodec.bucketPrefix(bucket);
    byte[] prefix = KeyCodec.utf8(q.prefix());
    byte[] keyMarker =
        q.keyMarker() == null || q.keyMarker().isEmpty() ? null : KeyCodec.utf8(q.keyMarker());
    byte[] scanPrefix = KeyCodec.concat(base, prefix);
    String idMarker =
        keyMarker == null || q.uploadIdMarker() == null || q.uploadIdMarker().isEmpty()
            ? null
            : q.uploadIdMarker();
    byte[] start = scanPrefix;
    byte[] skipExactly = null;
    if (keyMarker != null) {
      byte[] m =
          idMarker != null
              ? KeyCodec.concat(base, keyMarker, new byte[] {0}, KeyCodec.utf8(idMarker))
              : KeyCodec.concat(base, keyMarker, new byte[] {0, (byte) 0xFF});
      if (idMarker != null) skipExactly = m;
      if (Arrays.compareUnsigned(m, start) > 0) start = m;
    }
    ListingPager<UploadInfo> page =
        new ListingPager<>(
            base,
            prefix,
            q.delimiter() == null ? null : KeyCodec.utf8(q.delimiter()),
            max,
            keyMarker,
            false,
            skipExactly,
            UploadInfo::uploadId);
    try (MetaDb.Scan scan = db.scan(Cf.UPLOADS, scanPrefix, KeyCodec.upperBound(scanPrefix))) {
      page.fill(
          scan,
          start,
          new ListingPager.Source<>() {
            @Override
            public byte[] key(byte[] full) {
              return Arrays.copyOfRange(full, base.length, lastZero(full, base.length));
            }

            @Override
            public UploadInfo entry(String key, byte[] full, byte[] value) {
              String id = KeyCodec.string(full, lastZero(full, base.length) + 1, full.length);
              return info(bucket, key, id, RecordCodec.decodeUpload(value));
            }
          });
    }
    return new UploadsPage(
        page.entries(), page.prefixes(), page.truncated(), page.nextKey(), page.nextId());
  }

  static UploadInfo info(String bucket, String key, String uploadId, UploadRecord u) {
    return new UploadInfo(
        bucket,
        key,
        uploadId,
        Instant.ofEpochMilli(u.initiatedMillis()),
        u.metadata(),
        u.checksumAlgorithm(),
        u.checksumType());
  }

  private static int lastZero(byte[] b, int from) {
    for (int i = b.length - 1; i >= from; i--) if (b[i] == 0) return i;
    throw new IllegalStateException("malformed upload key");
  }
}
