package dev.dfs.cli;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What {@code dfs admin} does, online (the management API) or offline (the identity database
 * directly). Every answer is JSON in the management API's shapes ({@code IdentityViews}), so
 * both modes print the same. Failures throw {@link AdminFailure}. Not thread-safe; one per
 * command.
 */
interface AdminClient extends AutoCloseable {
  /** {@code {users: [...]}} */
  JsonNode users();

  JsonNode user(String name);

  /** @param policy a policy document (JSON object text) or null */
  JsonNode addUser(String name, String policy);

  void removeUser(String name);

  JsonNode setUserEnabled(String name, boolean enabled);

  /** @param policy the document, or null to remove it */
  JsonNode setPolicy(String name, String policy);

  /** The new key with its secret. */
  JsonNode createKey(String user);

  /** {@code {keys: [...]}}: access keys and API keys. */
  JsonNode keys();

  JsonNode setKeyStatus(String accessKeyId, String status);

  void deleteKey(String accessKeyId);

  /** The new API key with its value. */
  JsonNode createApiKey(String user);

  /** {@code {apiKeys: [...]}} */
  JsonNode apiKeys();

  void deleteApiKey(String id);

  /**
   * {@code GET /api/v1/cluster}: the cluster as the server sees it. Online only; fails with
   * the server's message ({@code NotACluster}) when its engine is not a cluster.
   */
  JsonNode cluster();

  /**
   * The key service ({@code /api/v1/kms/keys…}): {@code action} is null to describe the key
   * {@code ref} (id, ARN or alias), or {@code enable}, {@code disable}, {@code rotate}.
   * Online only: the keys' material is sealed by the server's master key.
   */
  default JsonNode kmsKey(String ref, String action) {
    throw new AdminFailure(AdminKmsCommand.NEEDS_SERVER);
  }

  /** {@code {keys: [...]}} of the key service. Online only. */
  default JsonNode kmsKeys() {
    throw new AdminFailure(AdminKmsCommand.NEEDS_SERVER);
  }

  /**
   * The master key's rotation status; with {@code rotate}, after starting (or resuming) a
   * rotation. Online only.
   */
  default JsonNode masterKey(boolean rotate) {
    throw new AdminFailure(AdminKmsCommand.NEEDS_SERVER);
  }

  /** Creates a key (alias and description may be null). Online only. */
  default JsonNode createKmsKey(String alias, String description) {
    throw new AdminFailure(AdminKmsCommand.NEEDS_SERVER);
  }

  /**
   * A cluster change through the management API: {@code method} on {@code /api/v1/cluster} +
   * {@code path} (e.g. {@code POST /members/n4/promote}); the answer {@code {operation, nodeId}}.
   * Online only.
   */
  JsonNode clusterChange(String method, String path);

  @Override
  void close();
}
