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
    Page page = new Page(bucket, q, max);
    try (MetaDb.Scan scan = db.scan(Cf.UPLOADS, page.scanPrefix,
        KeyCodec.upperBound(page.scanPrefix))) {
      page.fill(scan);
    }
    return page.result();
  }

  /** One page being filled from a scan; used by one call of {@link #list} only. */
  private static final class Page {
    private final String bucket;
    private final int max;
    private final byte[] base;
    private final byte[] prefix;
    private final byte[] delim;
    private final byte[] keyMarker;
    private final byte[] scanPrefix;
    private byte[] start;
    private byte[] skipExactly;
    private final List<UploadInfo> uploads = new ArrayList<>();
    private final List<String> prefixes = new ArrayList<>();
    private boolean truncated;
    private String nextKey;
    private String nextId;

    Page(String bucket, UploadsQuery q, int max) {
      this.bucket = bucket;
      this.max = max;
      this.base = KeyCodec.bucketPrefix(bucket);
      this.prefix = KeyCodec.utf8(q.prefix());
      this.delim = q.delimiter() == null ? null : KeyCodec.utf8(q.delimiter());
      this.keyMarker = q.keyMarker() == null || q.keyMarker().isEmpty()
          ? null : KeyCodec.utf8(q.keyMarker());
      this.scanPrefix = KeyCodec.concat(base, prefix);
      String idMarker = keyMarker == null || q.uploadIdMarker() == null
          || q.uploadIdMarker().isEmpty() ? null : q.uploadIdMarker();
      this.start = scanPrefix;
      if (keyMarker != null) {
        byte[] m = idMarker != null
            ? KeyCodec.concat(base, keyMarker, new byte[] {0}, KeyCodec.utf8(idMarker))
            : KeyCodec.concat(base, keyMarker, new byte[] {0, (byte) 0xFF});
        if (idMarker != null) skipExactly = m;
        if (Arrays.compareUnsigned(m, start) > 0) start = m;
      }
    }

    void fill(MetaDb.Scan scan) throws IOException {
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
            if (full()) return;
            nextKey = KeyCodec.string(cp, 0, cp.length);
            nextId = null;
            prefixes.add(nextKey);
          }
          scan.seek(KeyCodec.pastPrefix(KeyCodec.concat(base, cp)));
          continue;
        }
        if (full()) return;
        nextKey = KeyCodec.string(key, 0, key.length);
        nextId = KeyCodec.string(full, sep + 1, full.length);
        uploads.add(info(bucket, nextKey, nextId, RecordCodec.decodeUpload(scan.value())));
        scan.next();
      }
    }

    /** True, and marks the page truncated, when it holds {@code max} entries already. */
    private boolean full() {
      if (uploads.size() + prefixes.size() < max) return false;
      truncated = true;
      return true;
    }

    UploadsPage result() {
      return truncated
          ? new UploadsPage(uploads, prefixes, true, nextKey, nextId)
          : new UploadsPage(uploads, prefixes, false, null, null);
    }
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
