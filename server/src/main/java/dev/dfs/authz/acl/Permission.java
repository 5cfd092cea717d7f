package dev.dfs.authz.acl;

import java.util.Optional;

/**
 * The five permissions an S3 access control list can grant. The wire name is the constant's name
 * ({@code READ}, {@code WRITE}, {@code READ_ACP}, {@code WRITE_ACP}, {@code FULL_CONTROL}).
 */
public enum Permission {
  READ,
  WRITE,
  READ_ACP,
  WRITE_ACP,
  FULL_CONTROL;

  /** Whether holding this permission grants {@code needed} (FULL_CONTROL grants every one). */
  public boolean covers(Permission needed) {
    return this == FULL_CONTROL || this == needed;
  }

  /** The permission with that wire name (exact, case-sensitive as S3), or empty. */
  public static Optional<Permission> fromWire(String name) {
    if (name == null) return Optional.empty();
    for (Permission p : values()) {
      if (p.name().equals(name.strip())) return Optional.of(p);
    }
    return Optional.empty();
  }
}
