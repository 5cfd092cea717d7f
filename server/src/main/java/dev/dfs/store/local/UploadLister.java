package dev.dfs.store.local;

import dev.dfs.store.UploadInfo;
import dev.dfs.store.UploadsPage;
import dev.dfs.store.UploadsQuery;
import dev.dfs.store.local.MetaDb.Cf;
import dev.dfs.store.local.Records.UploadRecord;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * ListMultipartUploads as one bounded range scan over {@code bucket 0x00 key 0x00 uploadId}:
 * by key, then by upload id, which begins with a monotonic time stamp (so: initiation order).
 * Common prefixes are skipped with a seek, as in {@link Lister}. Stateless and thread-safe.
 */
final class UploadLister {
  static final int MAX_UPLOADS = 1000;

  private UploadLister() {}

  static UploadsPage list(MetaDb db, String bucket, UploadsQuery q) throws IOException {
    int max = Math.min(q.maxUploads(), MAX_UPLOADS);
    if (max <= 0) return new UploadsPage(List.of(), List.of(), false, null, null);
    byte[] base = KeyCodec.bucketPrefix(bucket);
    byte[] prefix = KeyCodec.utf8(q.prefix());
    byte[] delim = q.delimiter() == null ? null : KeyCodec.utf8(q.delimiter());
    byte[] keyMarker = q.keyMarker() == null || q.keyMarker().isEmpty() ? null : KeyCodec.utf8(q.keyMarker());
    String idMarker = keyMarker == null || q.uploadIdMarker() == null || q.uploadIdMarker().isEmpty()
        ? null : q.uploadIdMarker();
    byte[] scanPrefix = KeyCodec.concat(base, prefix);

    byte[] start = scanPrefix;
    byte[] skipExactly = null;
    if (keyMarker != null) {
      byte[] m = idMarker != null
          ? KeyCodec.concat(base, keyMarker, new byte[] {0}, KeyCodec.utf8(idMarker))
          : KeyCodec.concat(base, keyMarker, new byte[] {0, (byte) 0xFF});
      if (idMarker != null) skipExactly = m;
      if (Arrays.compareUnsigned(m, start) > 0) start = m;
    }

    List<UploadInfo> uploads = new ArrayList<>();
    List<String> prefixes = new ArrayList<>();
    boolean truncated = false;
    String nextKey = null;
    String nextId = null;
    try (MetaDb.Scan scan = db.scan(Cf.UPLOADS, scanPrefix, KeyCodec.upperBound(scanPrefix))) {
      scan.seek(start);
      while (scan.valid()) {
        byte[] full = scan.key();
        if (skipExactly != null && Arrays.equals(full, skipExactly)) {
          scan.next();
          continue;
        }
        int sep = lastZero(full, base.length);
        byte[] key = Arrays.copyOfRange(full, base.length, sep);
        int cut = delim == null ? -1 : KeyCodec.indexOf(key, delim, prefix.length);
        if (cut >= 0) {
          byte[] cp = Arrays.copyOf(key, cut + delim.length);
          if (keyMarker == null || Arrays.compareUnsigned(cp, keyMarker) > 0) {
            if (uploads.size() + prefixes.size() == max) {
              truncated = true;
              break;
            }
            nextKey = KeyCodec.string(cp, 0, cp.length);
            nextId = null;
            prefixes.add(nextKey);
          }
          scan.seek(KeyCodec.pastPrefix(KeyCodec.concat(base, cp)));
          continue;
        }
        if (uploads.size() + prefixes.size() == max) {
          truncated = true;
          break;
        }
        nextKey = KeyCodec.string(key, 0, key.length);
        nextId = KeyCodec.string(full, sep + 1, full.length);
        uploads.add(info(bucket, nextKey, nextId, RecordCodec.decodeUpload(scan.value())));
        scan.next();
      }
    }
    return truncated
        ? new UploadsPage(uploads, prefixes, true, nextKey, nextId)
        : new UploadsPage(uploads, prefixes, false, null, null);
  }

  static UploadInfo info(String bucket, String key, String uploadId, UploadRecord u) {
    return new UploadInfo(bucket, key, uploadId, Instant.ofEpochMilli(u.initiatedMillis()), u.metadata(),
        u.checksumAlgorithm(), u.checksumType());
  }

  private static int lastZero(byte[] b, int from) {
    for (int i = b.length - 1; i >= from; i--) if (b[i] == 0) return i;
    throw new IllegalStateException("malformed upload key");
  }
}
