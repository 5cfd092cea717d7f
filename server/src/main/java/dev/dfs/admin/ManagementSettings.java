package dev.dfs.admin;

import dev.dfs.identity.IdentityStore;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * How the management API and {@code /metrics} behave. Immutable.
 *
 * @param corsOrigins DFS_CORS_ORIGINS: allowed browser origins, {@code *} for any; empty: none
 * @param metricsToken DFS_METRICS_TOKEN: bearer token {@code /metrics} requires, or null (open)
 * @param configSummary the server's settings with secrets already masked, for {@code /info}
 * @param identities the users whose credentials come from the configuration (root), shown read-only
 *     beside the identity store's users
 * @param adminUsers user ids whose credentials are admin credentials
 * @param identityStore the users, access keys and API keys {@code /api/v1/users} and {@code
 *     /api/v1/keys} manage (the same store the authenticator reads), or null when the server has
 *     none (then those routes show {@code identities} only and refuse changes)
 * @param backup the data directory's consistent snapshot {@code GET /api/v1/backup} streams, or
 *     null when the server offers none (cluster and gateway engines: 501)
 */
public record ManagementSettings(
    List<String> corsOrigins,
    @Nullable String metricsToken,
    Map<String, String> configSummary,
    List<Identity> identities,
    Set<String> adminUsers,
    @Nullable IdentityStore identityStore,
    dev.dfs.util.@Nullable SnapshotSource backup) {

  /** Settings without a backup source. */
  public ManagementSettings(
      List<String> corsOrigins,
      @Nullable String metricsToken,
      Map<String, String> configSummary,
      List<Identity> identities,
      Set<String> adminUsers,
      IdentityStore identityStore) {
    this(corsOrigins, metricsToken, configSummary, identities, adminUsers, identityStore, null);
  }

  /** Settings without an identity store. */
  public ManagementSettings(
      List<String> corsOrigins,
      @Nullable String metricsToken,
      Map<String, String> configSummary,
      List<Identity> identities,
      Set<String> adminUsers) {
    this(corsOrigins, metricsToken, configSummary, identities, adminUsers, null, null);
  }

  /** These settings managing {@code store}. */
  public ManagementSettings withIdentityStore(IdentityStore store) {
    return new ManagementSettings(
        corsOrigins, metricsToken, configSummary, identities, adminUsers, store, backup);
  }

  /** These settings offering {@code source} as the server's backup. */
  public ManagementSettings withBackup(dev.dfs.util.@Nullable SnapshotSource source) {
    return new ManagementSettings(
        corsOrigins, metricsToken, configSummary, identities, adminUsers, identityStore, source);
  }

  public ManagementSettings {
    corsOrigins = List.copyOf(corsOrigins);
    configSummary = Map.copyOf(configSummary);
    identities = List.copyOf(identities);
    adminUsers = Set.copyOf(adminUsers);
  }

  /**
   * A user and its credentials as the API may show them: the access key id in full (it is an
   * identifier, not a secret), the API key only as its last four characters.
   */
  public record Identity(
      String userId, String accessKey, @Nullable String apiKeyLastFour, boolean admin) {}

  /** No CORS, open /metrics, root as the only admin, nothing else known. */
  public static ManagementSettings defaults() {
    return new ManagementSettings(List.of(), null, Map.of(), List.of(), Set.of("root"));
  }

  /** The last four characters of a secret-ish value, for display. */
  public static @Nullable String lastFour(String s) {
    return s == null ? null : s.length() <= 4 ? "****" : "…" + s.substring(s.length() - 4);
  }
}
