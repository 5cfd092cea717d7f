package dev.dfs.identity;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A user of the store: its name (which is its id), when it was created, whether it may
 * authenticate, and its identity policy (a JSON object kept verbatim, or null for none). Users
 * other than root exist only in the {@link IdentityStore}. Immutable.
 *
 * @param name {@code [A-Za-z0-9._-]{1,64}}
 * @param policy the identity policy document as given (a JSON object), or null
 */
public record User(String name, Instant created, boolean enabled, @Nullable String policy) {
  /** The reserved name of the root user, whose credentials come from configuration. */
  public static final String ROOT = "root";

  /** This user with {@code enabled} changed. */
  public User withEnabled(boolean value) {
    return new User(name, created, value, policy);
  }

  /** This user with its policy replaced ({@code null} removes it). */
  public User withPolicy(@Nullable String document) {
    return new User(name, created, enabled, document);
  }
}
