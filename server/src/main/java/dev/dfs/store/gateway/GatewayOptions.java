package dev.dfs.store.gateway;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How the gateway reaches its upstream. Immutable; {@link #toString()} never shows secrets.
 *
 * @param endpoint the upstream's URL ({@code AWS_ENDPOINT_URL}), or null for AWS S3 itself
 * @param region the upstream's region used for signing ({@code AWS_REGION})
 * @param accessKey upstream access key ({@code AWS_ACCESS_KEY}); null: the SDK's default credential
 *     provider chain (environment, profile, container, instance role)
 * @param secretKey upstream secret key, set together with {@code accessKey}
 * @param sessionToken upstream session token for temporary credentials, or null
 * @param pathStyle whether to address upstream buckets path style ({@code host/bucket/key}); false:
 *     virtual-host style ({@code bucket.host/key}), which AWS prefers
 * @param bucketPrefix prepended to every bucket name upstream; only upstream buckets with it are
 *     visible, so several deployments can share one account ("" for none)
 * @param reportedRegion the region DFS reports for its buckets ({@code DFS_REGION})
 * @param maxConnections size of the pooled HTTP connection pool to the upstream
 * @param connectTimeout TCP connect timeout to the upstream
 * @param readTimeout longest silence on an open upstream connection (not a total limit, so large
 *     transfers are not cut off)
 * @param maxAttempts attempts per upstream call (retries with backoff on throttling and 5xx)
 */
public record GatewayOptions(
    @Nullable URI endpoint,
    String region,
    @Nullable String accessKey,
    @Nullable String secretKey,
    @Nullable String sessionToken,
    boolean pathStyle,
    String bucketPrefix,
    String reportedRegion,
    int maxConnections,
    Duration connectTimeout,
    Duration readTimeout,
    int maxAttempts) {

  public GatewayOptions {
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(reportedRegion, "reportedRegion");
    if ((accessKey == null) != (secretKey == null)) {
      throw new IllegalArgumentException("upstream access key and secret key go together");
    }
    if (bucketPrefix == null) bucketPrefix = "";
    if (maxConnections < 1 || maxAttempts < 1) {
      throw new IllegalArgumentException("maxConnections and maxAttempts must be positive");
    }
  }

  /** Defaults for pool size (128), timeouts (5 s connect, 60 s read) and attempts (4). */
  public static GatewayOptions of(
      @Nullable URI endpoint,
      String region,
      @Nullable String accessKey,
      @Nullable String secretKey,
      @Nullable String sessionToken,
      boolean pathStyle,
      String bucketPrefix,
      String reportedRegion) {
    return new GatewayOptions(
        endpoint,
        region,
        accessKey,
        secretKey,
        sessionToken,
        pathStyle,
        bucketPrefix,
        reportedRegion,
        128,
        Duration.ofSeconds(5),
        Duration.ofSeconds(60),
        4);
  }

  /** Where the upstream is, for banners and logs: the endpoint URL or "AWS S3 (region)". */
  public String describeUpstream() {
    return (endpoint == null ? "AWS S3" : endpoint.toString())
        + " (region "
        + region
        + (bucketPrefix.isEmpty() ? "" : ", bucket prefix " + bucketPrefix)
        + ")";
  }

  @Override
  public String toString() {
    return "GatewayOptions[upstream="
        + describeUpstream()
        + ", pathStyle="
        + pathStyle
        + ", accessKey="
        + (accessKey == null ? "(default provider chain)" : accessKey)
        + ", secretKey="
        + (secretKey == null ? "-" : "***")
        + ", sessionToken="
        + (sessionToken == null ? "-" : "***")
        + "]";
  }
}
