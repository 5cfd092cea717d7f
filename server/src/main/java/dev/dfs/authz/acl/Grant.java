package dev.dfs.authz.acl;

import java.util.Objects;

/** One entry of an access control list: a grantee and the permission it receives. Immutable. */
public record Grant(Grantee grantee, Permission permission) {
  public Grant {
    Objects.requireNonNull(grantee, "grantee");
    Objects.requireNonNull(permission, "permission");
  }
}
