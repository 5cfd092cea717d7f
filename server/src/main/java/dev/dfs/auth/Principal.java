package dev.dfs.auth;

import org.jspecify.annotations.Nullable;

/**
 * Who made a request. {@code accessKey} is the key used (null for anonymous or X-Api-Key).
 * Anonymous stands for a request without any credentials; what it may do is the authorizer's
 * decision (everything with DFS_AUTH=none, else what bucket policies grant to everyone).
 */
public record Principal(String userId, @Nullable String accessKey, boolean anonymous) {
  public static final Principal ANONYMOUS = new Principal("anonymous", null, true);
}
