package dev.dfs.identity;

import dev.dfs.auth.Credential;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The users other than root, their access keys and their API keys. Open one with {@link
 * IdentityStores#open} (one node) or {@link IdentityStores#replicated} (a cluster).
 *
 * <p>Contracts: every change is durable (a synced write, or committed by the cluster's quorum)
 * before the method returns, and visible to every reader on this node right after; reads never
 * block and never touch the disk (they are served from an in-memory snapshot, because {@link
 * #activeCredential} runs on every request). In a cluster only the leader writes, and a replica's
 * reads see what it applied so far (see {@link IdentityStores#replicated}). The name {@code root}
 * is reserved: it cannot be added, removed or given keys here (root's credentials come from the
 * configuration). Removing a user deletes its keys. Refusals throw {@link IdentityException};
 * failures of the database throw {@link IOException}. Thread-safe.
 */
public interface IdentityStore extends AutoCloseable {

  /**
   * The table this store keeps its records in, for services that keep their own records beside the
   * identities under their own key prefix (the KMS keys: {@code kms/}), so that a cluster
   * replicates them too; empty for a store without one.
   */
  default Optional<dev.dfs.util.SystemTable> systemTable() {
    return Optional.empty();
  }

  /**
   * A consistent snapshot of this store's own database for a backup, its files named {@code
   * identity/…} (their place in the data directory); empty for a store whose records live in
   * another database (a cluster's metadata), which is backed up with that.
   */
  default Optional<dev.dfs.util.SnapshotSource> snapshot() {
    return Optional.empty();
  }

  /**
   * Adds an enabled user.
   *
   * @param policy an identity policy (a JSON object, stored verbatim) or null
   * @throws IdentityException INVALID name or policy, CONFLICT when it exists or is root
   */
  User addUser(String name, @Nullable String policy) throws IOException;

  /** Every user, sorted by name. */
  List<User> users();

  Optional<User> user(String name);

  /**
   * Removes a user with its access keys and API keys.
   *
   * @throws IdentityException NO_SUCH_USER, or CONFLICT for root
   */
  void removeUser(String name) throws IOException;

  /**
   * Enables or disables a user; a disabled user's keys do not authenticate.
   *
   * @throws IdentityException NO_SUCH_USER, or CONFLICT for root
   */
  User setUserEnabled(String name, boolean enabled) throws IOException;

  /**
   * Replaces a user's identity policy.
   *
   * @param policy a JSON object, or null to remove the policy
   * @throws IdentityException NO_SUCH_USER, INVALID policy, or CONFLICT for root
   */
  User setPolicy(String name, @Nullable String policy) throws IOException;

  /**
   * Creates an active access key for a user; the secret is in the result only.
   *
   * @throws IdentityException NO_SUCH_USER, or CONFLICT for root
   */
  NewAccessKey createAccessKey(String userName) throws IOException;

  /** Every access key, sorted by user then id. */
  List<AccessKey> accessKeys();

  /**
   * Activates or deactivates an access key.
   *
   * @throws IdentityException NO_SUCH_KEY
   */
  AccessKey setAccessKeyStatus(String accessKeyId, KeyStatus status) throws IOException;

  /**
   * @throws IdentityException NO_SUCH_KEY
   */
  void deleteAccessKey(String accessKeyId) throws IOException;

  /**
   * Creates an API key ({@code X-Api-Key}) for a user; the key is in the result only.
   *
   * @throws IdentityException NO_SUCH_USER, or CONFLICT for root
   */
  NewApiKey createApiKey(String userName) throws IOException;

  /** Every API key (without its value), sorted by user then id. */
  List<ApiKey> apiKeys();

  /**
   * @throws IdentityException NO_SUCH_KEY
   */
  void deleteApiKey(String id) throws IOException;

  /**
   * The credential of an access key that may authenticate now: the key exists and is active, and
   * its user is enabled. Empty otherwise. Hot path: a map lookup.
   */
  Optional<Credential> activeCredential(String accessKeyId);

  /** The user an API key belongs to, when it exists and its user is enabled. Hot path. */
  Optional<String> userForApiKey(String apiKey);

  /** Closes the database; the store cannot be used afterwards. Idempotent. */
  @Override
  void close();
}
