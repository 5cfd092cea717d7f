package dev.dfs.admin;

import dev.dfs.lifecycle.TieringOverride;
import dev.dfs.lifecycle.TieringOverrides;
import dev.dfs.store.BucketConfig;
import dev.dfs.store.ObjectStore;
import dev.dfs.store.StoreError;
import dev.dfs.store.StoreException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET|PUT|DELETE /api/v1/buckets/{name}/tiering}: a bucket's Intelligent-Tiering overrides
 * ({@link TieringOverrides}: per prefix, {@code pin} to an access tier or {@code neverArchive}).
 * PUT takes {@code {"overrides": [{"prefix": "logs/", "pin": "FREQUENT"}, {"prefix": "",
 * "neverArchive": true}]}} and replaces them all; DELETE removes them. Kept as a bucket
 * configuration document, so a cluster replicates it like the others; 501 on an engine without
 * bucket configuration (the gateway). 400 InvalidRequest names what is wrong with a body.
 * Thread-safe.
 */
final class TieringOverridesResource {
  private static final int MAX_BODY = 256 * 1024;

  private final BucketDocuments documents;

  TieringOverridesResource(ObjectStore store) {
    this.documents = new BucketDocuments(store, TieringOverrides.DOCUMENT, "tiering overrides");
  }

  /** This resource's routes under {@code v1}, all for admins. */
  List<Route> routes(String v1) {
    String path = v1 + "/buckets/{name}/tiering";
    return List.of(
        new Route("GET", path, Route.Access.ADMIN, this::get),
        new Route("PUT", path, Route.Access.ADMIN, this::put),
        new Route("DELETE", path, Route.Access.ADMIN, this::delete));
  }

  void get(AdminCall call) throws IOException {
    String name = call.path("name");
    Optional<BucketConfig> config = documents.forBucket(call, name);
    if (config.isEmpty()) return;
    TieringOverrides o =
        config.get().get(name).map(TieringOverrides::parse).orElse(TieringOverrides.NONE);
    call.json(200, view(name, o));
  }

  void put(AdminCall call) throws IOException {
    String name = call.path("name");
    Optional<BucketConfig> config = documents.forBucket(call, name);
    if (config.isEmpty()) return;
    TieringOverrides o;
    try {
      o = TieringOverrides.parse(new String(call.body(MAX_BODY), StandardCharsets.UTF_8));
    } catch (StoreException e) {
      if (e.error() != StoreError.INVALID_ARGUMENT) throw e;
      call.error(400, "InvalidRequest", e.getMessage());
      return;
    }
    config.get().put(name, o.overrides().isEmpty() ? null : o.toJson());
    call.json(200, view(name, o));
  }

  void delete(AdminCall call) throws IOException {
    String name = call.path("name");
    Optional<BucketConfig> config = documents.forBucket(call, name);
    if (config.isEmpty()) return;
    config.get().put(name, null);
    call.json(200, view(name, TieringOverrides.NONE));
  }

  /** {@code {bucket, overrides: [{prefix, pin, neverArchive}]}} (pin null when none). */
  static Map<String, Object> view(String bucket, TieringOverrides o) {
    List<Map<String, Object>> list =
        o.overrides().stream().map(TieringOverridesResource::row).toList();
    return AdminJson.obj("bucket", bucket, "overrides", list);
  }

  private static Map<String, Object> row(TieringOverride o) {
    return AdminJson.obj(
        "prefix",
        o.prefix(),
        "pin",
        o.pin() == null ? null : o.pin().name(),
        "neverArchive",
        o.neverArchive());
  }
}
