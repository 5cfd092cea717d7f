package dev.dfs.identity;

import dev.dfs.auth.Credential;
import dev.dfs.auth.CredentialStore;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The credentials the server accepts: root's (from the configuration; never disabled, never
 * deleted) and those of the {@link IdentityStore}'s users, as far as they may authenticate now
 * (active key, enabled user). Root's keys take precedence over a stored key with the same id.
 * Thread-safe; every lookup is a map read.
 */
public final class IdentityCredentialStore implements CredentialStore {
  private final Credential root;
  private final byte @Nullable [] rootApiKey;
  private final IdentityStore store;

  /**
   * @param root root's access key pair (its user id must be {@code root})
   * @param rootApiKey root's {@code X-Api-Key}, or null for none
   */
  public IdentityCredentialStore(
      Credential root, @Nullable String rootApiKey, IdentityStore store) {
    if (!User.ROOT.equals(root.userId()))
      throw new IllegalArgumentException("root's user id is root");
    this.root = root;
    this.rootApiKey = rootApiKey == null ? null : rootApiKey.getBytes(StandardCharsets.UTF_8);
    this.store = store;
  }

  @Override
  public Optional<Credential> byAccessKey(String accessKey) {
    if (root.accessKey().equals(accessKey)) return Optional.of(root);
    return store.activeCredential(accessKey);
  }

  @Override
  public boolean hasUser(String userId) {
    return User.ROOT.equals(userId) || store.user(userId).isPresent();
  }

  @Override
  public Optional<String> userForApiKey(String apiKey) {
    if (apiKey == null) return Optional.empty();
    if (rootApiKey != null
        && MessageDigest.isEqual(rootApiKey, apiKey.getBytes(StandardCharsets.UTF_8))) {
      return Optional.of(User.ROOT);
    }
    return store.userForApiKey(apiKey);
  }
}
