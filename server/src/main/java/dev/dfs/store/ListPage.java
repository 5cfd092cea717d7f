package dev.dfs.store;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A page of a listing. Objects and common prefixes are each in key order; together they hold at
 * most {@code maxKeys} entries.
 *
 * @param truncated whether more entries follow
 * @param nextAfter when truncated, the last key or common prefix returned, to pass as {@link
 *     ListQuery#after()} for the next page; null otherwise
 */
public record ListPage(
    List<ObjectInfo> objects,
    List<String> commonPrefixes,
    boolean truncated,
    @Nullable String nextAfter) {
  public ListPage {
    objects = List.copyOf(objects);
    commonPrefixes = List.copyOf(commonPrefixes);
  }
}
