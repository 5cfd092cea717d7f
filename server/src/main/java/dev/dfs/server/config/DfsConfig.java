package dev.dfs.server.config;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The resolved settings of one {@code dfs server}. Immutable; {@link #toString()} masks
 * secrets.
 */
public record DfsConfig(
    ConfigKeys.StorageEnv storageEnv,
    String host,
    int port,
    Path dataDir,
    ConfigKeys.AuthMode auth,
    String rootAccessKey,
    String rootSecretKey,
    String domain,
    String region,
    int shutdownGraceSeconds,
    java.util.List<String> corsOrigins,
    String metricsToken,
    boolean metricsEnabled) {

  /** Reads every key from {@code sources}; throws ConfigException on the first bad value. */
  public static DfsConfig from(ConfigSources sources) {
    String accessKey = sources.get(ConfigKeys.ROOT_ACCESS_KEY);
    String secretKey = sources.get(ConfigKeys.ROOT_SECRET_KEY);
    if ((accessKey == null) != (secretKey == null)) {
      throw new ConfigException(
          "DFS_ROOT_ACCESS_KEY and DFS_ROOT_SECRET_KEY must be set together (expected both or"
              + " neither)");
    }
    return new DfsConfig(
        sources.get(ConfigKeys.STORAGE_ENV),
        sources.get(ConfigKeys.HOST),
        sources.get(ConfigKeys.PORT),
        sources.get(ConfigKeys.DATA_DIR),
        sources.get(ConfigKeys.AUTH),
        accessKey,
        secretKey,
        sources.get(ConfigKeys.DOMAIN),
        sources.get(ConfigKeys.REGION),
        sources.get(ConfigKeys.SHUTDOWN_GRACE_SECONDS),
        sources.get(ConfigKeys.CORS_ORIGINS),
        sources.get(ConfigKeys.METRICS_TOKEN),
        sources.get(ConfigKeys.METRICS));
  }

  /** A summary safe to log or serve: secrets masked. */
  public Map<String, String> summary() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("STORAGE_ENV", storageEnv.name().toLowerCase(java.util.Locale.ROOT));
    m.put("API_HOST", host);
    m.put("API_PORT", Integer.toString(port));
    m.put("DFS_DATA_DIR", dataDir.toString());
    m.put("DFS_AUTH", auth.name().toLowerCase(java.util.Locale.ROOT));
    m.put("DFS_ROOT_ACCESS_KEY", rootAccessKey == null ? "(generated)" : rootAccessKey);
    m.put("DFS_ROOT_SECRET_KEY", rootSecretKey == null ? "(generated)" : "***");
    m.put("DFS_DOMAIN", domain == null ? "(path style only)" : domain);
    m.put("DFS_REGION", region);
    m.put("DFS_SHUTDOWN_GRACE_SECONDS", Integer.toString(shutdownGraceSeconds));
    m.put("DFS_CORS_ORIGINS", String.join(",", corsOrigins));
    m.put("DFS_METRICS_TOKEN", metricsToken == null ? "(unset: /metrics is open)" : "***");
    m.put("DFS_METRICS", Boolean.toString(metricsEnabled));
    return m;
  }

  @Override
  public String toString() {
    return "DfsConfig" + summary();
  }
}
