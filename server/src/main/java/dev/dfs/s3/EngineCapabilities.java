package dev.dfs.s3;

import dev.dfs.store.BucketConfig;
import dev.dfs.store.MetadataUpdates;
import dev.dfs.store.ObjectStore;
import dev.dfs.store.StoreError;
import dev.dfs.store.StoreException;
import dev.dfs.store.Versioning;
import dev.dfs.store.VersioningState;
import java.io.IOException;
import java.util.Optional;

/**
 * Asks the engine for an optional capability an S3 operation needs and answers NotImplemented when
 * the engine does not offer it, so that no handler depends on an engine refusing. Pure.
 */
final class EngineCapabilities {
  private EngineCapabilities() {}

  /** The engine's {@code name} documents; NotImplemented when it keeps none of that kind. */
  static BucketConfig bucketConfig(ObjectStore store, String name) {
    return store
        .bucketConfig(name)
        .orElseThrow(
            () ->
                new S3Exception(
                    S3ErrorCode.NOT_IMPLEMENTED,
                    "The "
                        + store.engineName()
                        + " engine keeps no bucket configuration '"
                        + name
                        + "'."));
  }

  /** The engine's versioning; NotImplemented when it keeps no versions. */
  static Versioning versioning(ObjectStore store) {
    return store
        .versioning()
        .orElseThrow(
            () -> new S3Exception(S3ErrorCode.NOT_IMPLEMENTED, "versioning is not supported"));
  }

  /**
   * The bucket's versioning state; {@link VersioningState#UNVERSIONED} on an engine without
   * versioning, where every object is its key's null version. NO_SUCH_BUCKET.
   */
  static VersioningState versioningState(ObjectStore store, String bucket) throws IOException {
    Optional<Versioning> versioning = store.versioning();
    if (versioning.isPresent()) return versioning.get().state(bucket);
    if (store.bucket(bucket).isEmpty()) {
      throw new StoreException(StoreError.NO_SUCH_BUCKET, "no such bucket: " + bucket);
    }
    return VersioningState.UNVERSIONED;
  }

  /** The engine's in-place metadata rewrites; NotImplemented when it has none. */
  static MetadataUpdates metadataUpdates(ObjectStore store) {
    return store
        .metadataUpdates()
        .orElseThrow(
            () ->
                new S3Exception(S3ErrorCode.NOT_IMPLEMENTED, "metadata updates are not supported"));
  }
}
