package dev.dfs.store;

import org.jspecify.annotations.Nullable;

/**
 * One page of a version listing, keys in UTF-8 byte order and each key's versions newest first.
 *
 * @param prefix only keys starting with it ("" for all)
 * @param delimiter roll keys up into common prefixes at its first occurrence after the prefix; null
 *     for none
 * @param keyMarker start after this key (all of its versions), or null for the beginning
 * @param versionIdMarker with {@code keyMarker}: start after this version of that key instead (null
 *     for none)
 * @param maxKeys at most this many entries (versions, delete markers and common prefixes)
 */
public record VersionsQuery(
    @Nullable String prefix,
    @Nullable String delimiter,
    @Nullable String keyMarker,
    @Nullable String versionIdMarker,
    int maxKeys) {
  public VersionsQuery {
    if (prefix == null) prefix = "";
    if (delimiter != null && delimiter.isEmpty()) delimiter = null;
    if (keyMarker != null && keyMarker.isEmpty()) keyMarker = null;
    if (versionIdMarker != null && versionIdMarker.isEmpty()) versionIdMarker = null;
    if (maxKeys < 0) throw new IllegalArgumentException("maxKeys < 0");
  }
}
