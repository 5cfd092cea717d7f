package dev.dfs.auth;

import java.util.Optional;

/** Looks up credentials. Implementations are thread-safe and fast (called on every request). */
public interface CredentialStore {
  Optional<Credential> byAccessKey(String accessKey);

  /** The user an {@code X-Api-Key} value belongs to, if that key exists and is enabled. */
  Optional<String> userForApiKey(String apiKey);

  /**
   * Whether a user with this id exists (enabled or not), so that an ACL may grant to it. A store
   * that cannot tell answers true.
   */
  default boolean hasUser(String userId) {
    return true;
  }
}
