package dev.dfs.store;

import org.jspecify.annotations.Nullable;

/**
 * A page of ListMultipartUploads: ordered by key, then by initiation time.
 *
 * @param keyMarker with uploadIdMarker, start after that upload; alone, start after all uploads of
 *     keys less than or equal to it
 */
public record UploadsQuery(
    @Nullable String prefix,
    @Nullable String delimiter,
    @Nullable String keyMarker,
    @Nullable String uploadIdMarker,
    int maxUploads) {
  public UploadsQuery {
    if (prefix == null) prefix = "";
    if (delimiter != null && delimiter.isEmpty()) delimiter = null;
  }
}
