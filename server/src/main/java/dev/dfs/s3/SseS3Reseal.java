package dev.dfs.s3;

import dev.dfs.crypto.MasterKey;
import dev.dfs.store.BucketInfo;
import dev.dfs.store.MetadataUpdates;
import dev.dfs.store.ObjectAttributes;
import dev.dfs.store.ObjectInfo;
import dev.dfs.store.ObjectMetadata;
import dev.dfs.store.ObjectRef;
import dev.dfs.store.ObjectStore;
import dev.dfs.store.ObjectVersion;
import dev.dfs.store.StoreError;
import dev.dfs.store.StoreException;
import dev.dfs.store.UploadInfo;
import dev.dfs.store.UploadsPage;
import dev.dfs.store.UploadsQuery;
import dev.dfs.store.VersionIds;
import dev.dfs.store.Versioning;
import dev.dfs.store.VersionsPage;
import dev.dfs.store.VersionsQuery;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The object part of a master-key rotation: walks every version of every object, in bucket then
 * listing order, and seals each SSE-S3 data key ({@link ObjectAttributes#SSE_SEALED_KEY}) that is
 * not under the master key's current key again under it, in place ({@link MetadataUpdates}: data,
 * ETag and Last-Modified untouched, under the key's lock). SSE-KMS objects are left alone: their
 * data keys are sealed by KMS key material, which the key service seals again instead; SSE-C keys
 * are never stored.
 *
 * <p>The walk reports its {@link Position} after each page, so a caller can keep it durably and
 * resume there after a restart; a version visited twice is harmless (it is already current). Open
 * multipart uploads cannot be rewritten in place: {@link #staleUploads} counts those still sealed
 * under a previous key. Engines without versioning or encryption at rest hold no SSE-S3 objects to
 * visit. Thread-safe as its engine is.
 */
public final class SseS3Reseal {
  private final ObjectStore store;
  private final MasterKey key;
  private final int pageSize;

  /**
   * Where a walk is: inside {@code bucket} after the markers, or past it when {@code bucketDone}.
   */
  public record Position(
      @Nullable String bucket,
      @Nullable String keyMarker,
      @Nullable String versionIdMarker,
      boolean bucketDone) {
    /** Before the first bucket. */
    public static final Position START = new Position(null, null, null, false);
  }

  /** Hears each page of a walk. */
  @FunctionalInterface
  public interface Progress {
    /**
     * A page was done: {@code resealed} data keys sealed again; the walk resumes at {@code next}.
     * Returns false to stop the walk there.
     */
    boolean page(Position next, int resealed) throws IOException;
  }

  /**
   * @param pageSize versions per page (and per reported position)
   */
  public SseS3Reseal(ObjectStore store, MasterKey key, int pageSize) {
    if (pageSize < 1) throw new IllegalArgumentException("pageSize < 1");
    this.store = store;
    this.key = key;
    this.pageSize = pageSize;
  }

  /** How many SSE-S3 object versions are sealed under a key other than the current one. */
  public long stale() throws IOException {
    long[] n = {0};
    walk(
        Position.START,
        page -> {
          for (ObjectVersion v : page.versions()) if (isStale(v.info().metadata())) n[0]++;
          return 0;
        },
        (next, done) -> true);
    return n[0];
  }

  /**
   * Seals the stale data keys again from {@code from} on (null: {@link Position#START}), reporting
   * each page to {@code progress}. Returns true when the walk reached the end, false when {@code
   * progress} stopped it.
   */
  public boolean sweep(@Nullable Position from, Progress progress) throws IOException {
    return walk(from == null ? Position.START : from, this::resealPage, progress);
  }

  /** How many open SSE-S3 multipart uploads hold a data key sealed under a previous key. */
  public long staleUploads() throws IOException {
    if (!store.supportsEncryption()) return 0;
    long n = 0;
    for (BucketInfo b : buckets()) {
      String keyMarker = null;
      String uploadMarker = null;
      UploadsPage page;
      do {
        page =
            store.listUploads(
                b.name(), new UploadsQuery(null, null, keyMarker, uploadMarker, 1000));
        for (UploadInfo u : page.uploads()) if (isStale(u.metadata())) n++;
        keyMarker = page.nextKeyMarker();
        uploadMarker = page.nextUploadIdMarker();
      } while (page.truncated());
    }
    return n;
  }

  @FunctionalInterface
  private interface PageWork {
    int apply(VersionsPage page) throws IOException;
  }

  private boolean walk(Position from, PageWork work, Progress progress) throws IOException {
    Optional<Versioning> versioning = store.versioning();
    if (versioning.isEmpty() || !store.supportsEncryption()) return true;
    for (BucketInfo b : buckets()) {
      String name = b.name();
      if (from.bucket() != null && name.compareTo(from.bucket()) < 0) continue;
      boolean resumeHere = name.equals(from.bucket());
      if (resumeHere && from.bucketDone()) continue;
      String keyMarker = resumeHere ? from.keyMarker() : null;
      String versionMarker = resumeHere ? from.versionIdMarker() : null;
      VersionsPage page;
      do {
        page =
            versioning
                .get()
                .listVersions(
                    name, new VersionsQuery(null, null, keyMarker, versionMarker, pageSize));
        int resealed = work.apply(page);
        keyMarker = page.nextKeyMarker();
        versionMarker = page.nextVersionIdMarker();
        Position next = new Position(name, keyMarker, versionMarker, !page.truncated());
        if (!progress.page(next, resealed)) return false;
      } while (page.truncated());
    }
    return true;
  }

  private List<BucketInfo> buckets() throws IOException {
    return store.listBuckets().stream().sorted(Comparator.comparing(BucketInfo::name)).toList();
  }

  private int resealPage(VersionsPage page) throws IOException {
    MetadataUpdates updates =
        store
            .metadataUpdates()
            .orElseThrow(
                () ->
                    new StoreException(
                        StoreError.NOT_IMPLEMENTED, "the engine cannot rewrite metadata in place"));
    int n = 0;
    for (ObjectVersion v : page.versions()) {
      ObjectInfo info = v.info();
      if (!isStale(info.metadata())) continue;
      String versionId = info.versionId() == null ? VersionIds.NULL : info.versionId();
      boolean[] changed = {false};
      try {
        updates.update(
            new ObjectRef(info.bucket(), info.key(), versionId),
            md -> {
              if (!isStale(md)) return md;
              changed[0] = true;
              return resealed(info.bucket(), info.key(), md);
            });
      } catch (StoreException e) {
        if (!gone(e.error())) throw e;
      } catch (UncheckedIOException e) {
        throw e.getCause();
      }
      if (changed[0]) n++;
    }
    return n;
  }

  /** Deleted or overwritten since it was listed: nothing left to seal again. */
  private static boolean gone(StoreError error) {
    return error == StoreError.NO_SUCH_KEY
        || error == StoreError.NO_SUCH_VERSION
        || error == StoreError.DELETE_MARKER
        || error == StoreError.NO_SUCH_BUCKET;
  }

  private ObjectMetadata resealed(String bucket, String objectKey, ObjectMetadata md) {
    byte[] sealed = Base64.getDecoder().decode(md.attribute(ObjectAttributes.SSE_SEALED_KEY));
    try {
      byte[] again = key.reseal(sealed, ObjectEncryption.s3Context(bucket, objectKey));
      var attrs = new java.util.HashMap<>(md.attributes());
      attrs.put(ObjectAttributes.SSE_SEALED_KEY, Base64.getEncoder().encodeToString(again));
      return md.withAttributes(attrs);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private boolean isStale(ObjectMetadata md) {
    if (md == null || !SseHeaders.AES256.equals(md.attribute(ObjectAttributes.SSE))) return false;
    String sealed = md.attribute(ObjectAttributes.SSE_SEALED_KEY);
    if (sealed == null) return false;
    try {
      return !key.sealedByCurrent(Base64.getDecoder().decode(sealed));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
