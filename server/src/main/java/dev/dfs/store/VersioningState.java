package dev.dfs.store;

/**
 * A bucket's versioning state, as S3 defines it. A bucket starts {@link #UNVERSIONED} and, once
 * versioning was enabled, only moves between {@link #ENABLED} and {@link #SUSPENDED}.
 */
public enum VersioningState {
  /** Never versioned: a write replaces the key's only version (the null version). */
  UNVERSIONED,
  /** Every write and delete adds a new version with a fresh id. */
  ENABLED,
  /** Writes and deletes replace the null version; older versions stay. */
  SUSPENDED
}
