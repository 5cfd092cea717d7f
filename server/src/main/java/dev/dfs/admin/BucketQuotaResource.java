package dev.dfs.admin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dfs.store.BucketConfig;
import dev.dfs.store.BucketQuota;
import dev.dfs.store.ObjectStore;
import dev.dfs.store.StoreUsage;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * {@code GET|PUT|DELETE /api/v1/buckets/{name}/quota}: a bucket's hard quota ({@link BucketQuota})
 * with its usage. PUT takes {@code {"maxBytes": N, "maxObjects": N}} (either may be null or absent,
 * not both) and replaces the quota; DELETE removes it. The quota is a bucket configuration
 * document, so a cluster replicates it like the others. 501 on an engine without bucket
 * configuration (the gateway). Thread-safe.
 */
final class BucketQuotaResource {
  private static final int MAX_BODY = 4096;

  private final ObjectStore store;
  private final BucketDocuments documents;

  BucketQuotaResource(ObjectStore store) {
    this.store = store;
    this.documents = new BucketDocuments(store, BucketQuota.CONFIG, "quotas");
  }

  void get(AdminCall call) throws IOException {
    String name = call.path("name");
    Optional<BucketConfig> config = documents.forBucket(call, name);
    if (config.isEmpty()) return;
    call.json(200, view(name, config.get().get(name).map(BucketQuota::parse), usage(store, name)));
  }

  void put(AdminCall call) throws IOException {
    String name = call.path("name");
    Optional<BucketConfig> config = documents.forBucket(call, name);
    if (config.isEmpty()) return;
    BucketQuota quota;
    try {
      quota = parse(call.body(MAX_BODY));
    } catch (IllegalArgumentException e) {
      call.error(400, "InvalidRequest", e.getMessage());
      return;
    }
    config.get().put(name, quota.document());
    call.json(200, view(name, Optional.of(quota), usage(store, name)));
  }

  void delete(AdminCall call) throws IOException {
    String name = call.path("name");
    Optional<BucketConfig> config = documents.forBucket(call, name);
    if (config.isEmpty()) return;
    config.get().put(name, null);
    call.json(200, view(name, Optional.empty(), usage(store, name)));
  }

  /** {@code {bucket, maxBytes, maxObjects, bytes, objects}}: limits null when absent. */
  static Map<String, Object> view(
      @Nullable String bucket,
      Optional<BucketQuota> quota,
      StoreUsage.@Nullable BucketUsage usage) {
    return AdminJson.obj(
        "bucket",
        bucket,
        "maxBytes",
        quota.filter(BucketQuota::limitsBytes).map(BucketQuota::maxBytes).orElse(null),
        "maxObjects",
        quota.filter(BucketQuota::limitsObjects).map(BucketQuota::maxObjects).orElse(null),
        "bytes",
        usage == null ? null : usage.bytes(),
        "objects",
        usage == null ? null : usage.objects());
  }

  /** The bucket's usage, or null when the engine cannot tell. */
  static StoreUsage.@Nullable BucketUsage usage(ObjectStore store, @Nullable String bucket)
      throws IOException {
    return store
        .usage()
        .map(u -> u.buckets().getOrDefault(bucket, StoreUsage.BucketUsage.EMPTY))
        .orElse(null);
  }

  /** The body's quota; IllegalArgumentException naming what is wrong. */
  static BucketQuota parse(byte @Nullable [] body) {
    JsonNode node =
        AdminJson.object(body, ":" + " {\"maxBytes\": N, \"maxObjects\": N} (either may be null).");
    long bytes = limit(node, "maxBytes");
    long objects = limit(node, "maxObjects");
    if (bytes == BucketQuota.NONE && objects == BucketQuota.NONE) {
      throw new IllegalArgumentException(
          "Give maxBytes, maxObjects or both; to remove the" + " quota, DELETE it.");
    }
    return new BucketQuota(bytes, objects);
  }

  private static long limit(JsonNode body, String field) {
    JsonNode v = body.get(field);
    if (v == null || v.isNull()) return BucketQuota.NONE;
    if (!v.canConvertToLong() || !v.isIntegralNumber() || v.asLong() < 0) {
      throw new IllegalArgumentException("\"" + field + "\" must be a whole number of 0 or more.");
    }
    return v.asLong();
  }
}
