package dev.dfs.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dfs.admin.IdentityViews;
import dev.dfs.crypto.MasterKey;
import dev.dfs.identity.AccessKey;
import dev.dfs.identity.ApiKey;
import dev.dfs.identity.IdentityException;
import dev.dfs.identity.IdentityStore;
import dev.dfs.identity.IdentityStoreLockedException;
import dev.dfs.identity.IdentityStores;
import dev.dfs.identity.KeyStatus;
import dev.dfs.identity.User;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * {@link AdminClient} on the identity database of a stopped server's data directory. Root is not
 * shown (its credentials live in the configuration) and cannot be changed.
 */
final class OfflineAdminClient implements AdminClient {
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * The Raft directory a cluster node keeps in its data dir (ClusterNode's "raft"; named here, not
   * imported, so the CLI loads no cluster class).
   */
  private static final String CLUSTER_MARK = "raft";

  static final String CLUSTER_NODE =
      "this is a cluster node's data directory (STORAGE_ENV=cluster):"
          + " users and keys live in the cluster's replicated metadata, not in this directory, so"
          + " --offline cannot change them; use --endpoint with any running node";

  private final IdentityStore store;

  private OfflineAdminClient(IdentityStore store) {
    this.store = store;
  }

  /**
   * @param masterKey DFS_MASTER_KEY (base64) or null for the data directory's key file
   * @param previous DFS_MASTER_KEY_PREVIOUS (comma-separated base64) or null
   * @throws AdminFailure when the directory is missing, or a server holds the database
   */
  static OfflineAdminClient open(
      Path dataDir, @Nullable String masterKey, @Nullable String previous) {
    if (!Files.isDirectory(dataDir)) {
      throw new AdminFailure("no data directory at " + dataDir + " (check --data-dir)");
    }
    if (Files.isDirectory(dataDir.resolve(CLUSTER_MARK))) throw new AdminFailure(CLUSTER_NODE);
    try {
      return new OfflineAdminClient(
          IdentityStores.open(dataDir, MasterKey.resolve(masterKey, previous, dataDir)));
    } catch (IdentityStoreLockedException e) {
      throw new AdminFailure(
          "the server is running; use --endpoint (its identity database "
              + dataDir.resolve(IdentityStores.DIR_NAME)
              + " is locked)");
    } catch (IOException | IllegalArgumentException e) {
      throw new AdminFailure(
          "cannot open the identity database in " + dataDir + ": " + e.getMessage());
    }
  }

  @Override
  public JsonNode users() {
    ArrayNode users = JSON.createArrayNode();
    List<AccessKey> keys = store.accessKeys();
    for (User u : store.users()) users.add(JSON.valueToTree(IdentityViews.user(u, keys)));
    return JSON.createObjectNode().set("users", users);
  }

  @Override
  public JsonNode user(String name) {
    User u = store.user(name).orElseThrow(() -> new AdminFailure("No user '" + name + "'."));
    return JSON.valueToTree(IdentityViews.user(u, store.accessKeys()));
  }

  @Override
  public JsonNode addUser(String name, @Nullable String policy) {
    return JSON.valueToTree(IdentityViews.user(run(() -> store.addUser(name, policy)), List.of()));
  }

  @Override
  public void removeUser(String name) {
    runAction(() -> store.removeUser(name));
  }

  @Override
  public JsonNode setUserEnabled(String name, boolean enabled) {
    run(() -> store.setUserEnabled(name, enabled));
    return user(name);
  }

  @Override
  public JsonNode setPolicy(String name, @Nullable String policy) {
    run(() -> store.setPolicy(name, policy));
    return user(name);
  }

  @Override
  public JsonNode createKey(String user) {
    return JSON.valueToTree(IdentityViews.newAccessKey(run(() -> store.createAccessKey(user))));
  }

  @Override
  public JsonNode keys() {
    ArrayNode keys = JSON.createArrayNode();
    for (AccessKey k : store.accessKeys()) keys.add(JSON.valueToTree(IdentityViews.accessKey(k)));
    for (ApiKey k : store.apiKeys()) keys.add(JSON.valueToTree(IdentityViews.apiKey(k)));
    return JSON.createObjectNode().set("keys", keys);
  }

  @Override
  public JsonNode setKeyStatus(String accessKeyId, String status) {
    return JSON.valueToTree(
        IdentityViews.accessKey(
            run(() -> store.setAccessKeyStatus(accessKeyId, KeyStatus.parse(status)))));
  }

  @Override
  public void deleteKey(String accessKeyId) {
    runAction(() -> store.deleteAccessKey(accessKeyId));
  }

  @Override
  public JsonNode createApiKey(String user) {
    return JSON.valueToTree(IdentityViews.newApiKey(run(() -> store.createApiKey(user))));
  }

  @Override
  public JsonNode apiKeys() {
    ArrayNode keys = JSON.createArrayNode();
    for (ApiKey k : store.apiKeys()) keys.add(JSON.valueToTree(IdentityViews.apiKey(k)));
    ObjectNode out = JSON.createObjectNode();
    out.set("apiKeys", keys);
    return out;
  }

  @Override
  public void deleteApiKey(String id) {
    runAction(() -> store.deleteApiKey(id));
  }

  @Override
  public JsonNode cluster() {
    throw new AdminFailure(AdminClusterCommand.NEEDS_SERVER);
  }

  @Override
  public JsonNode clusterChange(String method, String path) {
    throw new AdminFailure(AdminClusterCommand.NEEDS_SERVER);
  }

  @Override
  public void close() {
    store.close();
  }

  @FunctionalInterface
  private interface Change<T> {
    T run() throws IOException;
  }

  /** A change with no result. */
  @FunctionalInterface
  private interface Action {
    void run() throws IOException;
  }

  private static void runAction(Action action) {
    run(
        () -> {
          action.run();
          return Boolean.TRUE;
        });
  }

  private static <T> T run(Change<T> change) {
    try {
      return change.run();
    } catch (IdentityException e) {
      throw new AdminFailure(e.getMessage());
    } catch (IOException e) {
      throw new AdminFailure("the identity database failed: " + e.getMessage());
    }
  }
}
