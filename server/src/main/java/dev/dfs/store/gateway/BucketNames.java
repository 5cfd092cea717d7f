package dev.dfs.store.gateway;

import dev.dfs.store.StoreError;
import dev.dfs.store.StoreException;

/**
 * DFS bucket names to upstream bucket names and back: the upstream name is the configured prefix
 * followed by the DFS name, so deployments with different prefixes sharing one upstream account
 * never see each other's buckets. Immutable.
 */
final class BucketNames {
  private static final int MAX_LENGTH = 63;

  private final String prefix;

  BucketNames(String prefix) {
    this.prefix = prefix == null ? "" : prefix;
  }

  /** The upstream name of DFS bucket {@code name}; INVALID_ARGUMENT if that gets too long. */
  String upstream(String name) {
    String full = prefix + name;
    if (full.length() > MAX_LENGTH) {
      throw new StoreException(
          StoreError.INVALID_ARGUMENT,
          "Bucket name '"
              + name
              + "' is too long for this gateway: with its upstream prefix it must stay within "
              + MAX_LENGTH
              + " characters (at most "
              + (MAX_LENGTH - prefix.length())
              + ")");
    }
    return full;
  }

  /** Whether an upstream bucket belongs to this deployment. */
  boolean visible(String upstreamName) {
    return upstreamName.startsWith(prefix) && upstreamName.length() > prefix.length();
  }

  /** The DFS name of a visible upstream bucket. */
  String dfs(String upstreamName) {
    return upstreamName.substring(prefix.length());
  }
}
