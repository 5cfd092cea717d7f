package dev.dfs.server.config;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The resolved settings of one {@code dfs server}. Immutable; {@link #toString()} masks secrets.
 */
public record DfsConfig(
    ConfigKeys.StorageEnv storageEnv,
    String host,
    int port,
    Path dataDir,
    ConfigKeys.AuthMode auth,
    @Nullable String rootAccessKey,
    String rootSecretKey,
    @Nullable String domain,
    String region,
    int shutdownGraceSeconds,
    java.util.List<String> corsOrigins,
    @Nullable String metricsToken,
    boolean metricsEnabled,
    Upstream upstream,
    Tls tls,
    @Nullable String masterKey,
    @Nullable String masterKeyPrevious,
    int lifecycleDaySeconds,
    String accessTracking,
    Limits limits,
    boolean sigV2,
    dev.dfs.authz.acl.ObjectOwnership defaultObjectOwnership,
    Cluster cluster,
    java.util.List<String> defaultBuckets,
    Logging logging) {

  /**
   * Log settings. Logback reads the level and format itself when it starts (from system properties
   * the launcher set, see {@code cli.LogSettings}); they are here so a bad value stops the start
   * with the usual message and so {@code /api/v1/info} shows them.
   *
   * @param level DFS_LOG_LEVEL
   * @param format DFS_LOG_FORMAT, text or json
   * @param accessLog DFS_ACCESS_LOG: "stdout", a file path, or null (no access log)
   */
  public record Logging(String level, String format, @Nullable String accessLog) {}

  /**
   * Whether a cluster node's node-to-node HTTP (chunk service, forwarded writes) is TLS: {@code
   * DFS_CLUSTER_TLS}, where {@code auto} follows the S3 listener (TLS when it has a certificate).
   */
  public boolean clusterTls() {
    return switch (cluster.tls()) {
      case ON -> true;
      case OFF -> false;
      case AUTO -> tls.enabled();
    };
  }

  /**
   * The cluster settings as given ({@code STORAGE_ENV=cluster}; all null otherwise, except the
   * replication factor's default). The cluster engine checks them together at start-up. {@link
   * #toString()} masks the secret.
   */
  public record Cluster(
      @Nullable String nodeId,
      @Nullable String address,
      @Nullable String seeds,
      @Nullable String secret,
      @Nullable String zone,
      int replicationFactor,
      Upkeep upkeep,
      ConfigKeys.ClusterTls tls) {
    @Override
    public String toString() {
      return "Cluster[nodeId="
          + nodeId
          + ", address="
          + address
          + ", seeds="
          + seeds
          + ", secret="
          + (secret == null ? "-" : "***")
          + ", zone="
          + zone
          + ", replicationFactor="
          + replicationFactor
          + ", upkeep="
          + upkeep
          + ", tls="
          + tls
          + "]";
    }
  }

  /**
   * Repair and scrub of a cluster node: DFS_REPAIR_BANDWIDTH and DFS_SCRUB_BANDWIDTH in MiB/s,
   * DFS_NODE_DEAD_AFTER, DFS_REPAIR_PASS_PERIOD, DFS_SCRUB_PERIOD and DFS_CLUSTER_GC_GRACE in
   * seconds.
   */
  public record Upkeep(
      int repairMibPerSecond,
      int deadAfterSeconds,
      int passPeriodSeconds,
      int scrubMibPerSecond,
      int scrubPeriodSeconds,
      int gcGraceSeconds) {}

  /**
   * Connection limits and the disk reserve; null fields are derived at start-up (from the
   * file-descriptor limit, the volume's size).
   *
   * @param maxConnections DFS_MAX_CONNECTIONS or null
   * @param maxPerClient DFS_MAX_CONNECTIONS_PER_CLIENT or null
   * @param headerTimeoutSeconds DFS_HEADER_TIMEOUT_SECONDS
   * @param diskReserveMb DFS_DISK_RESERVE_MB or null
   */
  public record Limits(
      @Nullable Integer maxConnections,
      @Nullable Integer maxPerClient,
      int headerTimeoutSeconds,
      @Nullable Long diskReserveMb) {}

  /**
   * HTTPS and plain-HTTP settings.
   *
   * @param cert DFS_TLS_CERT or null (no HTTPS)
   * @param key DFS_TLS_KEY or null
   * @param port DFS_TLS_PORT
   * @param plainHttp DFS_HTTP
   */
  public record Tls(@Nullable Path cert, Path key, int port, boolean plainHttp) {
    public boolean enabled() {
      return cert != null;
    }
  }

  /**
   * The gateway's upstream ({@code STORAGE_ENV=aws}); read whatever the engine, used only by the
   * gateway. {@link #toString()} masks the secret and the token.
   *
   * @param endpoint AWS_ENDPOINT_URL or null (AWS S3)
   * @param pathStyle DFS_GATEWAY_PATH_STYLE, defaulting to true exactly when an endpoint is set
   * @param bucketPrefix DFS_GATEWAY_BUCKET_PREFIX or ""
   */
  public record Upstream(
      @Nullable String accessKey,
      String secretKey,
      @Nullable String sessionToken,
      String region,
      java.net.@Nullable URI endpoint,
      boolean pathStyle,
      String bucketPrefix) {
    @Override
    public String toString() {
      return "Upstream[endpoint="
          + (endpoint == null ? "AWS S3" : endpoint)
          + ", region="
          + region
          + ", pathStyle="
          + pathStyle
          + ", bucketPrefix="
          + bucketPrefix
          + ", accessKey="
          + (accessKey == null ? "(default chain)" : accessKey)
          + ", secretKey="
          + (secretKey == null ? "-" : "***")
          + ", sessionToken="
          + (sessionToken == null ? "-" : "***")
          + "]";
    }
  }

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
        sources.require(ConfigKeys.STORAGE_ENV),
        sources.require(ConfigKeys.HOST),
        sources.require(ConfigKeys.PORT),
        sources.require(ConfigKeys.DATA_DIR),
        sources.require(ConfigKeys.AUTH),
        accessKey,
        secretKey,
        sources.get(ConfigKeys.DOMAIN),
        sources.require(ConfigKeys.REGION),
        sources.require(ConfigKeys.SHUTDOWN_GRACE_SECONDS),
        sources.require(ConfigKeys.CORS_ORIGINS),
        sources.get(ConfigKeys.METRICS_TOKEN),
        sources.require(ConfigKeys.METRICS),
        upstream(sources),
        tls(sources),
        sources.get(ConfigKeys.MASTER_KEY),
        sources.get(ConfigKeys.MASTER_KEY_PREVIOUS),
        sources.require(ConfigKeys.LIFECYCLE_DAY_SECONDS),
        sources.require(ConfigKeys.ACCESS_TRACKING),
        new Limits(
            sources.get(ConfigKeys.MAX_CONNECTIONS),
            sources.get(ConfigKeys.MAX_CONNECTIONS_PER_CLIENT),
            sources.require(ConfigKeys.HEADER_TIMEOUT_SECONDS),
            sources.get(ConfigKeys.DISK_RESERVE_MB)),
        sources.require(ConfigKeys.SIGV2),
        sources.require(ConfigKeys.DEFAULT_OBJECT_OWNERSHIP),
        cluster(sources, accessKey != null),
        sources.require(ConfigKeys.DEFAULT_BUCKETS),
        new Logging(
            sources.require(ConfigKeys.LOG_LEVEL),
            sources.require(ConfigKeys.LOG_FORMAT),
            sources.get(ConfigKeys.ACCESS_LOG)));
  }

  /**
   * The cluster settings; with {@code STORAGE_ENV=cluster} the four that have no default must be
   * set, and so must the settings every node has to share (root credentials, master key): generated
   * per node, they would differ between nodes.
   */
  private static Cluster cluster(ConfigSources sources, boolean rootKeysSet) {
    Cluster c =
        new Cluster(
            sources.get(ConfigKeys.NODE_ID),
            sources.get(ConfigKeys.CLUSTER_ADDRESS),
            sources.get(ConfigKeys.CLUSTER_SEEDS),
            sources.get(ConfigKeys.CLUSTER_SECRET),
            sources.get(ConfigKeys.ZONE),
            sources.require(ConfigKeys.REPLICATION_FACTOR),
            new Upkeep(
                sources.require(ConfigKeys.REPAIR_BANDWIDTH),
                sources.require(ConfigKeys.NODE_DEAD_AFTER),
                sources.require(ConfigKeys.REPAIR_PASS_PERIOD),
                sources.require(ConfigKeys.SCRUB_BANDWIDTH),
                sources.require(ConfigKeys.SCRUB_PERIOD),
                sources.require(ConfigKeys.CLUSTER_GC_GRACE)),
            sources.require(ConfigKeys.CLUSTER_TLS));
    if (sources.require(ConfigKeys.STORAGE_ENV) != ConfigKeys.StorageEnv.CLUSTER) return c;
    java.util.List<String> missing = new java.util.ArrayList<>();
    if (c.nodeId() == null) missing.add("DFS_NODE_ID");
    if (c.address() == null) missing.add("DFS_CLUSTER_ADDRESS");
    if (c.seeds() == null) missing.add("DFS_CLUSTER_SEEDS");
    if (c.secret() == null) missing.add("DFS_CLUSTER_SECRET");
    if (!rootKeysSet)
      missing.addAll(java.util.List.of("DFS_ROOT_ACCESS_KEY", "DFS_ROOT_SECRET_KEY"));
    if (sources.get(ConfigKeys.MASTER_KEY) == null) missing.add("DFS_MASTER_KEY");
    if (!missing.isEmpty()) {
      throw new ConfigException(
          "STORAGE_ENV=cluster needs "
              + String.join(", ", missing)
              + " (expected the node's id, address and seeds, and the same secret, root credentials and"
              + " master key on every node: generated ones would differ between nodes)");
    }
    return c;
  }

  private static Tls tls(ConfigSources sources) {
    Path cert = sources.get(ConfigKeys.TLS_CERT);
    Path key = sources.get(ConfigKeys.TLS_KEY);
    if ((cert == null) != (key == null)) {
      throw new ConfigException(
          "DFS_TLS_CERT and DFS_TLS_KEY must be set together (expected both or neither)");
    }
    boolean plain = sources.require(ConfigKeys.HTTP);
    if (!plain && cert == null) {
      throw new ConfigException(
          "DFS_HTTP=false turns plain HTTP off, which needs HTTPS (expected DFS_TLS_CERT and"
              + " DFS_TLS_KEY)");
    }
    return new Tls(cert, key, sources.require(ConfigKeys.TLS_PORT), plain);
  }

  private static Upstream upstream(ConfigSources sources) {
    String accessKey = sources.get(ConfigKeys.AWS_ACCESS_KEY);
    String secretKey = sources.get(ConfigKeys.AWS_SECRET_KEY);
    if ((accessKey == null) != (secretKey == null)) {
      throw new ConfigException(
          "AWS_ACCESS_KEY and AWS_SECRET_KEY must be set together"
              + " (expected both, or neither to use the AWS SDK's default credential chain)");
    }
    String token = sources.get(ConfigKeys.AWS_SESSION_TOKEN);
    if (token != null && accessKey == null) {
      throw new ConfigException("AWS_SESSION_TOKEN needs AWS_ACCESS_KEY and AWS_SECRET_KEY");
    }
    java.net.URI endpoint = sources.get(ConfigKeys.AWS_ENDPOINT_URL);
    Boolean pathStyle = sources.get(ConfigKeys.GATEWAY_PATH_STYLE);
    String prefix = sources.get(ConfigKeys.GATEWAY_BUCKET_PREFIX);
    return new Upstream(
        accessKey,
        secretKey,
        token,
        sources.require(ConfigKeys.AWS_REGION),
        endpoint,
        pathStyle != null ? pathStyle : endpoint != null,
        prefix == null ? "" : prefix);
  }

  /** A summary safe to log or serve: secrets masked. */
  public Map<String, String> summary() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("STORAGE_ENV", storageEnv.name().toLowerCase(java.util.Locale.ROOT));
    m.put("API_HOST", host);
    m.put("API_PORT", Integer.toString(port));
    m.put("DFS_DATA_DIR", dataDir.toString());
    m.put("DFS_AUTH", auth.name().toLowerCase(java.util.Locale.ROOT));
    m.put("DFS_SIGV2", Boolean.toString(sigV2));
    m.put("DFS_DEFAULT_OBJECT_OWNERSHIP", defaultObjectOwnership.wireName());
    m.put("DFS_ROOT_ACCESS_KEY", rootAccessKey == null ? "(generated)" : rootAccessKey);
    m.put("DFS_ROOT_SECRET_KEY", rootSecretKey == null ? "(generated)" : "***");
    m.put("DFS_DOMAIN", domain == null ? "(path style only)" : domain);
    m.put("DFS_REGION", region);
    m.put("DFS_SHUTDOWN_GRACE_SECONDS", Integer.toString(shutdownGraceSeconds));
    m.put("DFS_CORS_ORIGINS", String.join(",", corsOrigins));
    m.put("DFS_METRICS_TOKEN", metricsToken == null ? "(unset: /metrics is open)" : "***");
    m.put("DFS_METRICS", Boolean.toString(metricsEnabled));
    m.put("DFS_TLS_CERT", tls.cert() == null ? "(no HTTPS)" : tls.cert().toString());
    if (tls.enabled()) m.put("DFS_TLS_PORT", Integer.toString(tls.port()));
    m.put("DFS_HTTP", Boolean.toString(tls.plainHttp()));
    m.put("DFS_MASTER_KEY", masterKey == null ? "(key file in the data directory)" : "***");
    m.put("DFS_MASTER_KEY_PREVIOUS", masterKeyPrevious == null ? "(none)" : "***");
    m.put("DFS_LIFECYCLE_DAY_SECONDS", Integer.toString(lifecycleDaySeconds));
    m.put("DFS_ACCESS_TRACKING", accessTracking);
    m.put(
        "DFS_MAX_CONNECTIONS",
        limits.maxConnections() == null
            ? "(half the fd limit)"
            : limits.maxConnections().toString());
    m.put(
        "DFS_MAX_CONNECTIONS_PER_CLIENT",
        limits.maxPerClient() == null
            ? "(a quarter of DFS_MAX_CONNECTIONS)"
            : limits.maxPerClient().toString());
    m.put("DFS_HEADER_TIMEOUT_SECONDS", Integer.toString(limits.headerTimeoutSeconds()));
    m.put("DFS_DEFAULT_BUCKETS", String.join(",", defaultBuckets));
    m.put("DFS_LOG_LEVEL", logging.level());
    m.put("DFS_LOG_FORMAT", logging.format());
    m.put("DFS_ACCESS_LOG", logging.accessLog() == null ? "(off)" : logging.accessLog());
    m.put(
        "DFS_DISK_RESERVE_MB",
        limits.diskReserveMb() == null ? "(1% of the volume)" : limits.diskReserveMb().toString());
    if (storageEnv == ConfigKeys.StorageEnv.CLUSTER) putCluster(m);
    if (storageEnv == ConfigKeys.StorageEnv.AWS) putUpstream(m);
    return m;
  }

  /** The cluster engine's settings in {@link #summary()}: the secret masked. */
  private void putCluster(Map<String, String> m) {
    m.put("DFS_NODE_ID", cluster.nodeId());
    m.put("DFS_CLUSTER_ADDRESS", cluster.address());
    m.put("DFS_CLUSTER_SEEDS", cluster.seeds());
    m.put("DFS_CLUSTER_SECRET", "***");
    m.put("DFS_CLUSTER_TLS", cluster.tls().name().toLowerCase(java.util.Locale.ROOT));
    m.put("DFS_ZONE", cluster.zone() == null ? "(none)" : cluster.zone());
    m.put("DFS_REPLICATION_FACTOR", Integer.toString(cluster.replicationFactor()));
    m.put("DFS_REPAIR_BANDWIDTH", Integer.toString(cluster.upkeep().repairMibPerSecond()));
    m.put("DFS_NODE_DEAD_AFTER", Integer.toString(cluster.upkeep().deadAfterSeconds()));
    m.put("DFS_REPAIR_PASS_PERIOD", Integer.toString(cluster.upkeep().passPeriodSeconds()));
    m.put("DFS_SCRUB_BANDWIDTH", Integer.toString(cluster.upkeep().scrubMibPerSecond()));
    m.put("DFS_SCRUB_PERIOD", Integer.toString(cluster.upkeep().scrubPeriodSeconds()));
    m.put("DFS_CLUSTER_GC_GRACE", Integer.toString(cluster.upkeep().gcGraceSeconds()));
  }

  /** The gateway engine's settings in {@link #summary()}: the secrets masked. */
  private void putUpstream(Map<String, String> m) {
    m.put(
        "AWS_ENDPOINT_URL",
        upstream.endpoint() == null ? "(AWS S3)" : upstream.endpoint().toString());
    m.put("AWS_REGION", upstream.region());
    m.put(
        "AWS_ACCESS_KEY", upstream.accessKey() == null ? "(default chain)" : upstream.accessKey());
    m.put("AWS_SECRET_KEY", upstream.secretKey() == null ? "(default chain)" : "***");
    m.put("AWS_SESSION_TOKEN", upstream.sessionToken() == null ? "(none)" : "***");
    m.put("DFS_GATEWAY_PATH_STYLE", Boolean.toString(upstream.pathStyle()));
    m.put("DFS_GATEWAY_BUCKET_PREFIX", upstream.bucketPrefix());
  }

  @Override
  public String toString() {
    return "DfsConfig" + summary();
  }
}
