package dev.dfs.authz;

import java.io.IOException;

/**
 * One source of permissions the authorizer consults: a bucket policy, a user's identity policy, the
 * bucket's and object's ACLs. Implementations are thread-safe and cheap (called on every request
 * that is not the root user's); they read their documents through the store and may cache them.
 */
public interface GrantSource {
  /** What this source says about {@code request}; never null. */
  Decision decide(AccessRequest request) throws IOException;
}
