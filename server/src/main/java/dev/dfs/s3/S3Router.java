package dev.dfs.s3;

import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Resolves an HTTP request into an {@link S3Request}: operation, bucket, key and query, in both
 * path style ({@code /bucket/key}) and virtual-host style ({@code bucket.<domain>/key}). Pure and
 * thread-safe.
 */
public final class S3Router {
  /** Bucket sub-resources DFS recognises but does not serve yet. */
  static final Set<String> UNSUPPORTED_BUCKET_SUBRESOURCES =
      Set.of(
          "website",
          "logging",
          "notification",
          "replication",
          "requestPayment",
          "accelerate",
          "analytics",
          "inventory",
          "metrics",
          "metadataTable",
          "session");

  /** Object sub-resources DFS recognises but does not serve yet. */
  static final Set<String> UNSUPPORTED_OBJECT_SUBRESOURCES =
      Set.of("torrent", "select", "renameObject");

  /** {@link S3Routes#ALL} split by what the path addresses, in table order. */
  private static final Map<S3Route.Target, List<S3Route>> ROUTES = routesByTarget();

  private final @Nullable String domain;

  /**
   * @param domain the base domain for virtual-host-style requests (e.g. {@code s3.example.com}), or
   *     null to accept path style only
   */
  public S3Router(@Nullable String domain) {
    this.domain = domain == null || domain.isBlank() ? null : domain.toLowerCase(Locale.ROOT);
  }

  /**
   * @param method HTTP method, upper case
   * @param host the Host header (may include a port), or null
   * @param rawPath the path as sent, percent-encoded
   * @param rawQuery the query string as sent, or null
   * @param hasCopySource whether {@code x-amz-copy-source} is present
   * @throws S3Exception for malformed paths, over-long keys and unsupported method/resource
   *     combinations
   */
  public S3Request route(
      String method, String host, String rawPath, String rawQuery, boolean hasCopySource) {
    Map<String, String> query = UriCodec.parseQuery(rawQuery);
    String path = rawPath == null || rawPath.isEmpty() ? "/" : rawPath;
    if (path.charAt(0) != '/') {
      throw new S3Exception(S3ErrorCode.INVALID_REQUEST, "Request path must start with '/'.");
    }
    String[] bucketAndKey = bucketAndKey(host, path);
    String bucket = bucketAndKey[0];
    String key = bucket == null ? null : bucketAndKey[1];
    S3Route.Target target =
        bucket == null
            ? S3Route.Target.SERVICE
            : key == null ? S3Route.Target.BUCKET : S3Route.Target.OBJECT;
    String unsupported =
        switch (target) {
          case BUCKET -> firstOf(query, UNSUPPORTED_BUCKET_SUBRESOURCES);
          case OBJECT -> firstOf(query, UNSUPPORTED_OBJECT_SUBRESOURCES);
          default -> null;
        };
    S3Operation op = match(target, method, new S3Route.Input(query, hasCopySource, unsupported));
    boolean unsupportedOp =
        op == S3Operation.UNSUPPORTED_BUCKET_SUBRESOURCE
            || op == S3Operation.UNSUPPORTED_OBJECT_SUBRESOURCE;
    return new S3Request(op, method, bucket, key, query, unsupportedOp ? unsupported : null);
  }

  /** The decoded bucket and key a path names, each null when empty. */
  private String[] bucketAndKey(String host, String path) {
    String bucket;
    String key;
    String hostBucket = bucketFromHost(host);
    if (hostBucket != null) {
      bucket = hostBucket;
      key = UriCodec.percentDecode(path.substring(1));
    } else {
      int slash = path.indexOf('/', 1);
      if (slash < 0) {
        bucket = UriCodec.percentDecode(path.substring(1));
        key = "";
      } else {
        bucket = UriCodec.percentDecode(path.substring(1, slash));
        key = UriCodec.percentDecode(path.substring(slash + 1));
      }
    }
    ObjectKeys.checkLength(key);
    return new String[] {bucket.isEmpty() ? null : bucket, key.isEmpty() ? null : key};
  }

  /**
   * The first route of {@link S3Routes#ALL} that takes the request. Once an exclusive condition
   * holds, only the rows sharing it may still match.
   *
   * @throws S3Exception MethodNotAllowed when no route takes the method
   */
  private static S3Operation match(S3Route.Target target, String method, S3Route.Input in) {
    S3Route.When claimedBy = null;
    // routesByTarget() holds a list for every target
    for (S3Route route : Objects.requireNonNull(ROUTES.get(target), "routes of " + target)) {
      if (claimedBy != null && !route.when().sameAs(claimedBy)) break;
      if (!route.when().holds(in)) continue;
      if (route.methods().contains(method)) return route.operation();
      if (route.when().exclusive()) claimedBy = route.when();
    }
    throw new S3Exception(S3ErrorCode.METHOD_NOT_ALLOWED);
  }

  private static Map<S3Route.Target, List<S3Route>> routesByTarget() {
    Map<S3Route.Target, List<S3Route>> byTarget = new EnumMap<>(S3Route.Target.class);
    for (S3Route.Target path : S3Route.Target.values()) {
      byTarget.put(path, S3Routes.ALL.stream().filter(r -> r.target().accepts(path)).toList());
    }
    return byTarget;
  }

  /**
   * The bucket a Host header names in virtual-host style ({@code bucket.<domain>}), or null (path
   * style, no domain configured, or an IP address).
   */
  public @Nullable String virtualHostBucket(String host) {
    return bucketFromHost(host);
  }

  private @Nullable String bucketFromHost(String host) {
    if (domain == null || host == null) return null;
    String h = host.toLowerCase(Locale.ROOT);
    if (h.startsWith("[")) return null;
    int colon = h.lastIndexOf(':');
    if (colon >= 0) h = h.substring(0, colon);
    if (h.length() > domain.length() + 1 && h.endsWith("." + domain)) {
      return h.substring(0, h.length() - domain.length() - 1);
    }
    return null;
  }

  private static @Nullable String firstOf(Map<String, String> query, Set<String> names) {
    for (String name : query.keySet()) {
      if (names.contains(name)) return name;
    }
    return null;
  }
}
