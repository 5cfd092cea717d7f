package dev.dfs.admin;

import dev.dfs.store.BucketInfo;
import dev.dfs.store.BucketQuota;
import dev.dfs.store.ListPage;
import dev.dfs.store.ListQuery;
import dev.dfs.store.ObjectInfo;
import dev.dfs.store.ObjectRef;
import dev.dfs.store.ObjectStore;
import dev.dfs.store.StoreError;
import dev.dfs.store.StoreException;
import dev.dfs.store.StoreUsage;
import dev.dfs.store.UploadInfo;
import dev.dfs.store.UploadsPage;
import dev.dfs.store.UploadsQuery;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET /api/v1/buckets}, {@code GET /api/v1/buckets/{name}}, {@code DELETE
 * /api/v1/buckets/{name}[?force=true]}. Each bucket shows its object count and bytes (from the
 * engine's maintained counters, null when the engine cannot tell) and the features it has:
 * versioning, object lock and policies do not exist in DFS yet, so they are always {@code
 * "Disabled"}, {@code false} and {@code "none"}. Delete without force answers 409 when the bucket
 * holds objects or uploads; with force it deletes every object and aborts every upload first.
 * {@code quota} is the bucket's quota ({@link BucketQuotaResource}) or null. Thread-safe.
 */
final class BucketsResource {
  static final String FEATURES_NOTE =
      "Versioning, object lock and bucket policies are not"
          + " implemented in DFS yet: every bucket is unversioned, unlocked and has no policy.";

  private final ObjectStore store;

  BucketsResource(ObjectStore store) {
    this.store = store;
  }

  void list(AdminCall call) throws IOException {
    Optional<StoreUsage> usage = store.usage();
    List<Object> out = new ArrayList<>();
    for (BucketInfo b : store.listBuckets()) out.add(view(b, usage));
    call.json(200, AdminJson.obj("buckets", out, "note", FEATURES_NOTE));
  }

  void get(AdminCall call) throws IOException {
    String name = call.path("name");
    Optional<BucketInfo> b = store.bucket(name);
    if (b.isEmpty()) {
      call.error(404, "NoSuchBucket", "No bucket named '" + name + "'.");
      return;
    }
    call.json(200, view(b.get(), store.usage()));
  }

  void delete(AdminCall call) throws IOException {
    String name = call.path("name");
    String forceParam = call.query("force");
    if (forceParam != null && !forceParam.equals("true") && !forceParam.equals("false")) {
      call.error(422, "InvalidParameter", "force must be 'true' or 'false'.");
      return;
    }
    boolean force = "true".equals(forceParam);
    if (store.bucket(name).isEmpty()) {
      call.error(404, "NoSuchBucket", "No bucket named '" + name + "'.");
      return;
    }
    long objects = 0;
    long uploads = 0;
    if (force) {
      objects = deleteAllObjects(name);
      uploads = abortAllUploads(name);
    }
    try {
      store.deleteBucket(name);
    } catch (StoreException e) {
      if (e.error() == StoreError.BUCKET_NOT_EMPTY) {
        call.error(
            409,
            "BucketNotEmpty",
            "Bucket '"
                + name
                + "' holds objects or open multipart"
                + " uploads; repeat with ?force=true to delete them and the bucket.");
        return;
      }
      if (e.error() == StoreError.NO_SUCH_BUCKET) {
        call.error(404, "NoSuchBucket", "No bucket named '" + name + "'.");
        return;
      }
      throw e;
    }
    call.json(
        200, AdminJson.obj("deleted", name, "objectsDeleted", objects, "uploadsAborted", uploads));
  }

  private long deleteAllObjects(String bucket) throws IOException {
    long n = 0;
    String after = null;
    while (true) {
      ListPage page = store.list(bucket, new ListQuery("", null, after, 1000));
      for (ObjectInfo o : page.objects()) {
        store.delete(ObjectRef.current(bucket, o.key()), null);
        n++;
      }
      if (!page.truncated() || page.objects().isEmpty()) return n;
      after = page.nextAfter();
    }
  }

  private long abortAllUploads(String bucket) throws IOException {
    long n = 0;
    while (true) {
      UploadsPage page = store.listUploads(bucket, new UploadsQuery("", null, null, null, 1000));
      if (page.uploads().isEmpty()) return n;
      for (UploadInfo u : page.uploads()) {
        try {
          store.abortUpload(bucket, u.key(), u.uploadId());
          n++;
        } catch (StoreException e) {
          if (e.error() != StoreError.NO_SUCH_UPLOAD) throw e;
        }
      }
    }
  }

  private Map<String, Object> view(BucketInfo b, Optional<StoreUsage> usage) throws IOException {
    StoreUsage.BucketUsage u = usage.map(s -> s.buckets().get(b.name())).orElse(null);
    Map<String, Object> quota = null;
    Optional<BucketQuota> q = quota(b.name());
    if (q.isPresent()) {
      quota =
          AdminJson.obj(
              "maxBytes",
              q.get().limitsBytes() ? q.get().maxBytes() : null,
              "maxObjects",
              q.get().limitsObjects() ? q.get().maxObjects() : null);
    }
    return AdminJson.obj(
        "name",
        b.name(),
        "createdAt",
        b.created().toString(),
        "region",
        b.region(),
        "objectCount",
        u == null ? null : u.objects(),
        "bytes",
        u == null ? null : u.bytes(),
        "versioning",
        "Disabled",
        "objectLock",
        false,
        "policy",
        "none",
        "quota",
        quota);
  }

  /** The bucket's quota; empty when it has none or was deleted meanwhile. */
  private Optional<BucketQuota> quota(String bucket) throws IOException {
    try {
      return BucketQuota.of(store, bucket);
    } catch (StoreException e) {
      if (e.error() == StoreError.NO_SUCH_BUCKET) return Optional.empty();
      throw e;
    }
  }
}
