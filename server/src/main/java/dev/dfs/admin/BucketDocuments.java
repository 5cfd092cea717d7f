package dev.dfs.admin;

import dev.dfs.store.BucketConfig;
import dev.dfs.store.ObjectStore;
import dev.dfs.store.StoreError;
import dev.dfs.store.StoreException;
import java.io.IOException;
import java.util.Optional;

/**
 * The bucket configuration document behind a DFS-specific per-bucket admin resource (quotas,
 * tiering overrides): found only when the engine keeps bucket configuration (else the call is
 * answered 501 NotImplemented) and the bucket exists (else 404 NoSuchBucket). Thread-safe.
 */
final class BucketDocuments {
  private final ObjectStore store;
  private final String document;

  /** What the resource manages, for the 501 message ("quotas"). */
  private final String what;

  BucketDocuments(ObjectStore store, String document, String what) {
    this.store = store;
    this.document = document;
    this.what = what;
  }

  /**
   * The document store for the call's bucket; empty when the call was already answered with the
   * reason (501 or 404).
   */
  Optional<BucketConfig> forBucket(AdminCall call, String bucket) throws IOException {
    Optional<BucketConfig> config = store.bucketConfig(document);
    if (config.isEmpty()) {
      call.error(
          501,
          "NotImplemented",
          "The "
              + store.engineName()
              + " engine keeps no bucket configuration, so it has no "
              + what
              + ".");
      return config;
    }
    return exists(bucket) ? config : notFound(call, bucket);
  }

  private boolean exists(String bucket) throws IOException {
    try {
      return store.bucket(bucket).isPresent();
    } catch (StoreException e) {
      if (e.error() != StoreError.NO_SUCH_BUCKET) throw e;
      return false;
    }
  }

  private static Optional<BucketConfig> notFound(AdminCall call, String bucket) {
    call.error(404, "NoSuchBucket", "No bucket named '" + bucket + "'.");
    return Optional.empty();
  }
}
