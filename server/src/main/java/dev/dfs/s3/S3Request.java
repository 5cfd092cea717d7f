package dev.dfs.s3;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A request resolved by {@link S3Router}: which operation, on which bucket and key, with the
 * decoded query parameters. Immutable.
 *
 * @param bucket null for service-level operations
 * @param key decoded object key, null for bucket- and service-level operations
 * @param query decoded query parameters; a parameter without value maps to ""; when a name repeats,
 *     the first value wins
 * @param subresource for the UNSUPPORTED_* operations, the sub-resource named (e.g. "acl")
 */
public record S3Request(
    S3Operation operation,
    String method,
    String bucket,
    @Nullable String key,
    Map<String, String> query,
    @Nullable String subresource) {

  public S3Request {
    query = Map.copyOf(query);
  }

  /** A query parameter's decoded value, or null when absent. */
  public @Nullable String param(String name) {
    return query.get(name);
  }

  public boolean hasParam(String name) {
    return query.containsKey(name);
  }
}
