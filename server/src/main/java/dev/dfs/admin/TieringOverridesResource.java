package dev.dfs.admin;

import dev.dfs.lifecycle.TieringOverride;
import dev.dfs.lifecycle.TieringOverrides;
import dev.dfs.store.BucketConfig;
import dev.dfs.store.ObjectStore;
import dev.dfs.store.StoreError;
import dev.dfs.store.StoreException;
import dev.dfs.store.Tiering;
import dev.dfs.store.tier.TierDefinition;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * {@code GET|PUT|DELETE /api/v1/buckets/{name}/tiering}: a bucket's tiering settings ({@link
 * TieringOverrides}): Intelligent-Tiering overrides (per prefix, {@code pin} to an access tier or
 * {@code neverArchive}) and the default storage class of objects written without one. PUT takes
 * {@code {"overrides": [{"prefix": "logs/", "pin": "FREQUENT"}, {"prefix": "", "neverArchive":
 * true}], "defaultStorageClass": "INTELLIGENT_TIERING"}} and replaces both; DELETE removes them.
 * Kept as a bucket configuration document, so a cluster replicates it like the others; 501 on an
 * engine without bucket configuration (the gateway). 400 InvalidRequest names what is wrong with a
 * body, including a default class no tier serves (STANDARD and INTELLIGENT_TIERING always work).
 * Thread-safe.
 */
final class TieringOverridesResource {
  private static final int MAX_BODY = 256 * 1024;

  private final BucketDocuments documents;
  private final ObjectStore store;

  TieringOverridesResource(ObjectStore store) {
    this.store = store;
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
    String unserved = unserved(o.defaultStorageClass());
    if (unserved != null) {
      call.error(400, "InvalidRequest", unserved);
      return;
    }
    config.get().put(name, o.isEmpty() ? null : o.toJson());
    call.json(200, view(name, o));
  }

  void delete(AdminCall call) throws IOException {
    String name = call.path("name");
    Optional<BucketConfig> config = documents.forBucket(call, name);
    if (config.isEmpty()) return;
    config.get().put(name, null);
    call.json(200, view(name, TieringOverrides.NONE));
  }

  /**
   * Why objects cannot default to {@code storageClass}: no tier serves it (null: it can; STANDARD,
   * INTELLIGENT_TIERING and none always can). A tier removed later leaves the default in place:
   * objects of a class no tier serves are kept on DFS's own disk, reported as written.
   */
  private @Nullable String unserved(@Nullable String storageClass) throws IOException {
    if (storageClass == null
        || storageClass.equals("STANDARD")
        || storageClass.equals("INTELLIGENT_TIERING")) {
      return null;
    }
    Optional<Tiering> tiering = store.tiering();
    if (tiering.isPresent() && tiering.get().tiers().forClass(storageClass).isPresent()) {
      return null;
    }
    return unservedMessage(
        storageClass, tiering.isPresent() ? tiering.get().tiers().list() : List.of());
  }

  /**
   * The refusal of {@code storageClass} as a default when {@code tiers} are defined: the classes
   * that work, each once (a tier may serve INTELLIGENT_TIERING, which always works).
   */
  static String unservedMessage(String storageClass, List<TierDefinition> tiers) {
    Set<String> served = new LinkedHashSet<>(List.of("STANDARD", "INTELLIGENT_TIERING"));
    for (TierDefinition d : tiers) served.addAll(d.storageClasses());
    return "No tier serves storage class "
        + storageClass
        + ", so objects cannot default to it: expected one of "
        + String.join(", ", served)
        + " (define a tier for it first: dfs admin tier add).";
  }

  /**
   * {@code {bucket, overrides: [{prefix, pin, neverArchive}], defaultStorageClass}} (pin and the
   * class null when none).
   */
  static Map<String, Object> view(String bucket, TieringOverrides o) {
    List<Map<String, Object>> list =
        o.overrides().stream().map(TieringOverridesResource::row).toList();
    return AdminJson.obj(
        "bucket", bucket, "overrides", list, "defaultStorageClass", o.defaultStorageClass());
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
