package dev.dfs.store;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A page of a version listing: entries in key order, each key's newest first, and common prefixes;
 * together at most {@code maxKeys}.
 *
 * @param nextKeyMarker when truncated, the key (or common prefix) of the last entry
 * @param nextVersionIdMarker when truncated after a version, its id ({@code "null"} for the null
 *     version); null after a common prefix
 */
public record VersionsPage(
    List<ObjectVersion> versions,
    List<String> commonPrefixes,
    boolean truncated,
    @Nullable String nextKeyMarker,
    @Nullable String nextVersionIdMarker) {
  public VersionsPage {
    versions = List.copyOf(versions);
    commonPrefixes = List.copyOf(commonPrefixes);
  }
}
