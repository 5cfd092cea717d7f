package dev.dfs.store;

import org.jspecify.annotations.Nullable;

/**
 * What a delete did, as DeleteObject and DeleteObjects report it.
 *
 * @param versionId the version created (a delete marker) or removed, {@code "null"} for the null
 *     version; null when the bucket is unversioned or nothing was addressed
 * @param deleteMarker whether that version is a delete marker (one was created, or the version
 *     removed by id was one)
 */
public record DeleteResult(@Nullable String versionId, boolean deleteMarker) {
  /** An unversioned delete. */
  public static final DeleteResult PLAIN = new DeleteResult(null, false);
}
