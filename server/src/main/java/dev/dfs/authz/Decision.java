package dev.dfs.authz;

/**
 * What one source of permissions (a bucket policy, an identity policy, an ACL) says about a
 * request. The {@code Authorizer} combines them: an explicit {@link #DENY} from any source wins;
 * otherwise one {@link #ALLOW} suffices; {@link #NONE} everywhere means denied.
 */
public enum Decision {
  /** The source grants the request. */
  ALLOW,
  /** The source explicitly refuses the request; nothing can override it. */
  DENY,
  /** The source says nothing about the request. */
  NONE
}
