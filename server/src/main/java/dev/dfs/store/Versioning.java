package dev.dfs.store;

import java.io.IOException;

/**
 * The versioning capability of an engine ({@link ObjectStore#versioning()}): per-bucket versioning
 * state and version listings. An engine offering it also accepts any version id in an {@link
 * ObjectRef} or {@link ReadRequest} (NO_SUCH_VERSION for an unknown one). Thread-safe as its engine
 * is.
 */
public interface Versioning {

  /** The bucket's versioning state. NO_SUCH_BUCKET. */
  VersioningState state(String bucket) throws IOException;

  /**
   * Sets the bucket's versioning state (ENABLED or SUSPENDED; a bucket never returns to
   * UNVERSIONED: INVALID_ARGUMENT), durably and atomically with respect to concurrent writes, which
   * see either the old or the new state. NO_SUCH_BUCKET.
   */
  void setState(String bucket, VersioningState state) throws IOException;

  /**
   * One page of versions and delete markers. Unversioned buckets list each object once as its null
   * version. NO_SUCH_BUCKET.
   */
  VersionsPage listVersions(String bucket, VersionsQuery query) throws IOException;
}
