package dev.dfs.s3;

import dev.dfs.store.StoreException;
import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Bucket CORS: Get/Put/DeleteBucketCors, the unauthenticated OPTIONS preflight answered from the
 * bucket's rules, and the {@code Access-Control-*} headers added to actual requests whose Origin a
 * rule allows. The configuration is stored as its XML document under the name {@value #DOCUMENT}.
 */
final class CorsHandlers {
  static final String DOCUMENT = "cors";
  private static final String VARY =
      "Origin, Access-Control-Request-Headers, Access-Control-Request-Method";

  /** The bucket's CORS configuration, served by {@link BucketConfigHandler}. */
  static final class Configuration implements BucketConfigHandler.Document<CorsConfig> {
    @Override
    public String name() {
      return DOCUMENT;
    }

    @Override
    public S3ErrorCode notFound() {
      return S3ErrorCode.NO_SUCH_CORS_CONFIGURATION;
    }

    @Override
    public CorsConfig fromXml(byte[] xml) {
      return CorsConfig.parse(xml);
    }

    @Override
    public XmlOut toXml(CorsConfig value) {
      return value.toXml();
    }
  }

  /** OPTIONS: answers a browser's preflight from the bucket's rules; no credentials needed. */
  void preflight(S3Exchange ex) throws IOException {
    String origin = ex.header("Origin");
    String method = ex.header("Access-Control-Request-Method");
    if (origin == null || method == null) {
      throw new S3Exception(
          S3ErrorCode.BAD_REQUEST, "Insufficient information. Origin request header needed.");
    }
    List<String> requested = requestedHeaders(ex.header("Access-Control-Request-Headers"));
    CorsConfig config =
        ex.bucketContext()
            .cors()
            .orElseThrow(
                () ->
                    new S3Exception(
                        S3ErrorCode.ACCESS_FORBIDDEN,
                        "CORSResponse: CORS is not enabled for this bucket."));
    CorsConfig.Rule rule =
        config
            .match(origin, method, requested)
            .orElseThrow(
                () ->
                    new S3Exception(
                        S3ErrorCode.ACCESS_FORBIDDEN,
                        "CORSResponse: This CORS request"
                            + " is not allowed. This is usually because the evaluation of Origin, request"
                            + " method / Access-Control-Request-Method or Access-Control-Request-Headers are"
                            + " not whitelisted by the resource's CORS spec."));
    allowHeaders(rule, origin).forEach(ex::setHeader);
    if (!requested.isEmpty()) {
      ex.setHeader("Access-Control-Allow-Headers", String.join(", ", requested));
    }
    if (rule.maxAgeSeconds() != null) {
      ex.setHeader("Access-Control-Max-Age", Integer.toString(rule.maxAgeSeconds()));
    }
    ex.sendEmpty(200);
  }

  /**
   * The CORS headers for an actual (non-preflight) request with an {@code Origin}, when a rule of
   * its bucket allows it; empty otherwise (including for a missing bucket, which the operation
   * itself reports).
   */
  Map<String, String> actualRequestHeaders(S3Exchange ex) throws IOException {
    String origin = ex.header("Origin");
    if (origin == null || ex.bucket() == null) return Map.of();
    Optional<CorsConfig> config;
    try {
      config = ex.bucketContext().cors();
    } catch (StoreException e) {
      return Map.of();
    }
    return config
        .flatMap(c -> c.match(origin, ex.s3().method(), List.of()))
        .map(rule -> allowHeaders(rule, origin))
        .orElse(Map.of());
  }

  private static Map<String, String> allowHeaders(CorsConfig.Rule rule, String origin) {
    Map<String, String> h = new LinkedHashMap<>();
    h.put("Access-Control-Allow-Origin", rule.anyOrigin() ? "*" : origin);
    h.put("Access-Control-Allow-Methods", String.join(", ", rule.allowedMethods()));
    if (!rule.anyOrigin()) h.put("Access-Control-Allow-Credentials", "true");
    if (!rule.exposeHeaders().isEmpty()) {
      h.put("Access-Control-Expose-Headers", String.join(", ", rule.exposeHeaders()));
    }
    h.put("Vary", VARY);
    return h;
  }

  private static List<String> requestedHeaders(String header) {
    if (header == null || header.isBlank()) return List.of();
    return Arrays.stream(header.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
  }
}
