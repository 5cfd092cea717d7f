package dev.dfs.admin;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How the management API and {@code /metrics} behave. Immutable.
 *
 * @param corsOrigins DFS_CORS_ORIGINS: allowed browser origins, {@code *} for any; empty: none
 * @param metricsToken DFS_METRICS_TOKEN: bearer token {@code /metrics} requires, or null (open)
 * @param configSummary the server's settings with secrets already masked, for {@code /info}
 * @param identities the users that exist (today: only root), shown read-only
 * @param adminUsers user ids whose credentials are admin credentials
 */
public record ManagementSettings(
    List<String> corsOrigins,
    String metricsToken,
    Map<String, String> configSummary,
    List<Identity> identities,
    Set<String> adminUsers) {

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
  public record Identity(String userId, String accessKey, String apiKeyLastFour, boolean admin) {}

  /** No CORS, open /metrics, root as the only admin, nothing else known. */
  public static ManagementSettings defaults() {
    return new ManagementSettings(List.of(), null, Map.of(), List.of(), Set.of("root"));
  }

  /** The last four characters of a secret-ish value, for display. */
  public static String lastFour(String s) {
    return s == null ? null : s.length() <= 4 ? "****" : "…" + s.substring(s.length() - 4);
  }
}
