package dev.dfs.lifecycle;

import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Which objects a lifecycle rule applies to: every condition that is set must hold (S3's {@code
 * Filter}, its {@code And}, or a rule's legacy top-level {@code Prefix}). Immutable and
 * thread-safe.
 *
 * @param prefix keys must start with it ("" for any key)
 * @param tags each of these tags must be on the object with exactly this value (sorted by key)
 * @param sizeGreaterThan the object must be strictly larger, or null for no lower bound
 * @param sizeLessThan the object must be strictly smaller, or null for no upper bound
 * @param shape how the filter was written, so that it is rendered back the same way
 */
public record RuleFilter(
    String prefix,
    Map<String, String> tags,
    @Nullable Long sizeGreaterThan,
    @Nullable Long sizeLessThan,
    Shape shape) {

  /** The XML form a filter was given in. */
  public enum Shape {
    /** A rule's top-level {@code <Prefix>} (deprecated in S3, still accepted). */
    LEGACY_PREFIX,
    /** {@code <Filter>} with at most one condition directly inside. */
    SINGLE,
    /** {@code <Filter><And>…</And></Filter>}. */
    AND
  }

  /** Matches every object. */
  public static final RuleFilter ALL = new RuleFilter("", Map.of(), null, null, Shape.SINGLE);

  public RuleFilter {
    if (prefix == null) prefix = "";
    tags = java.util.Collections.unmodifiableMap(new TreeMap<>(tags));
  }

  /** A filter on a key prefix only. */
  public static RuleFilter prefix(String prefix) {
    return new RuleFilter(prefix, Map.of(), null, null, Shape.SINGLE);
  }

  /** Whether an object with this key, size and tag set is selected. */
  public boolean matches(String key, long size, Map<String, String> objectTags) {
    if (!key.startsWith(prefix)) return false;
    if (sizeGreaterThan != null && size <= sizeGreaterThan) return false;
    if (sizeLessThan != null && size >= sizeLessThan) return false;
    for (Map.Entry<String, String> t : tags.entrySet()) {
      if (!t.getValue().equals(objectTags.get(t.getKey()))) return false;
    }
    return true;
  }

  /** Whether a multipart upload of this key is selected (uploads have no tags or size yet). */
  public boolean matchesUpload(String key) {
    return tags.isEmpty()
        && sizeGreaterThan == null
        && sizeLessThan == null
        && key.startsWith(prefix);
  }

  /** How many conditions the filter holds (a non-empty prefix, each tag, each size bound). */
  public int conditions() {
    return (prefix.isEmpty() ? 0 : 1)
        + tags.size()
        + (sizeGreaterThan == null ? 0 : 1)
        + (sizeLessThan == null ? 0 : 1);
  }
}
