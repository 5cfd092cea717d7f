package dev.dfs.store;

import org.jspecify.annotations.Nullable;

/**
 * One page of a listing in UTF-8 byte order of keys.
 *
 * @param prefix only keys starting with it ("" for all)
 * @param delimiter roll keys up at the first occurrence of this string after the prefix into common
 *     prefixes; null or "" for none
 * @param after start strictly after this key or common prefix (marker / start-after / decoded
 *     continuation token); null to start at the beginning
 * @param maxKeys at most this many entries (objects plus common prefixes), 0..1000
 */
public record ListQuery(
    String prefix, @Nullable String delimiter, @Nullable String after, int maxKeys) {
  public ListQuery {
    if (prefix == null) prefix = "";
    if (delimiter != null && delimiter.isEmpty()) delimiter = null;
    if (maxKeys < 0) throw new IllegalArgumentException("maxKeys < 0");
  }
}
