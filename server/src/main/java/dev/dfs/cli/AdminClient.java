package dev.dfs.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.jspecify.annotations.Nullable;

/**
 * What {@code dfs admin} does, online (the management API) or offline (the identity database
 * directly). Every answer is JSON in the management API's shapes ({@code IdentityViews}), so both
 * modes print the same. Failures throw {@link AdminFailure}. Not thread-safe; one per command.
 */
interface AdminClient extends AutoCloseable {
  /** Why a command that needs the management API refuses --offline. */
  String NEEDS_SERVER = "this command needs a running server: drop --offline and give --endpoint";

  /** {@code {users: [...]}} */
  JsonNode users();

  JsonNode user(String name);

  /**
   * @param policy a policy document (JSON object text) or null
   */
  JsonNode addUser(String name, @Nullable String policy);

  void removeUser(String name);

  JsonNode setUserEnabled(String name, boolean enabled);

  /**
   * @param policy the document, or null to remove it
   */
  JsonNode setPolicy(String name, @Nullable String policy);

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
   * {@code GET /api/v1/cluster}: the cluster as the server sees it. Online only; fails with the
   * server's message ({@code NotACluster}) when its engine is not a cluster.
   */
  JsonNode cluster();

  /**
   * The key service ({@code /api/v1/kms/keys…}): {@code action} is null to describe the key {@code
   * ref} (id, ARN or alias), or {@code enable}, {@code disable}, {@code rotate}. Online only: the
   * keys' material is sealed by the server's master key.
   */
  default JsonNode kmsKey(String ref, @Nullable String action) {
    throw new AdminFailure(AdminKmsCommand.NEEDS_SERVER);
  }

  /** {@code {keys: [...]}} of the key service. Online only. */
  default JsonNode kmsKeys() {
    throw new AdminFailure(AdminKmsCommand.NEEDS_SERVER);
  }

  /**
   * The master key's rotation status; with {@code rotate}, after starting (or resuming) a rotation.
   * Online only.
   */
  default JsonNode masterKey(boolean rotate) {
    throw new AdminFailure(AdminKmsCommand.NEEDS_SERVER);
  }

  /**
   * A storage-tier call: {@code method} on {@code /api/v1/tiers} + {@code path} ("" or {@code
   * /name…}) with a JSON body or null; null for an answer without a body. Online only.
   */
  default JsonNode tiers(String method, String path, @Nullable String body) {
    throw new AdminFailure(NEEDS_SERVER);
  }

  /** Creates a key (alias and description may be null). Online only. */
  default JsonNode createKmsKey(String alias, String description) {
    throw new AdminFailure(AdminKmsCommand.NEEDS_SERVER);
  }

  /** {@code GET /api/v1/info}: version, engine, uptime, storage. Online only. */
  default JsonNode info() {
    throw new AdminFailure(NEEDS_SERVER);
  }

  /** {@code GET /api/v1/ready}: the readiness checks, whether they pass or not. Online only. */
  default JsonNode ready() {
    throw new AdminFailure(NEEDS_SERVER);
  }

  /** {@code {buckets: [...]}} with usage and quotas. Online only. */
  default JsonNode buckets() {
    throw new AdminFailure(NEEDS_SERVER);
  }

  /** One bucket with its usage and quota. Online only. */
  default JsonNode bucket(String name) {
    throw new AdminFailure(NEEDS_SERVER);
  }

  /** Deletes a bucket; {@code force} deletes its objects and uploads first. Online only. */
  default JsonNode deleteBucket(String name, boolean force) {
    throw new AdminFailure(NEEDS_SERVER);
  }

  /** The bucket's quota and usage. Online only. */
  default JsonNode quota(String bucket) {
    throw new AdminFailure(NEEDS_SERVER);
  }

  /** Replaces the bucket's quota (a null limit: none). Online only. */
  default JsonNode setQuota(String bucket, @Nullable Long maxBytes, Long maxObjects) {
    throw new AdminFailure(NEEDS_SERVER);
  }

  /**
   * The bucket's Intelligent-Tiering overrides: {@code GET} them, {@code PUT} {@code body}
   * (replacing them all) or {@code DELETE} them. Online only.
   */
  default JsonNode tieringOverrides(String bucket, String method, @Nullable String body) {
    throw new AdminFailure(NEEDS_SERVER);
  }

  /** Removes the bucket's quota. Online only. */
  default JsonNode clearQuota(String bucket) {
    throw new AdminFailure(NEEDS_SERVER);
  }

  /**
   * A cluster change through the management API: {@code method} on {@code /api/v1/cluster} + {@code
   * path} (e.g. {@code POST /members/n4/promote}); the answer {@code {operation, nodeId}}. Online
   * only.
   */
  JsonNode clusterChange(String method, String path);

  /**
   * {@code /api/v1/cluster/layout} with {@code method} (GET, PUT, POST, DELETE) and the JSON {@code
   * body} (null: none); the layout it answers. Online only.
   */
  default JsonNode clusterLayout(String method, @Nullable String body) {
    throw new AdminFailure(AdminClusterCommand.NEEDS_SERVER);
  }

  @Override
  void close();
}
