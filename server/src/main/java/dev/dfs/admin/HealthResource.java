package dev.dfs.admin;

import dev.dfs.observe.Observability;
import dev.dfs.store.ObjectStore;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code GET /api/v1/health} (liveness) and {@code GET /api/v1/ready} (readiness), both without
 * authentication. Readiness runs every check and answers 200 when all pass, else 503 naming
 * the failing checks: {@code metadata} and {@code data_dir} (the engine's probe: metadata store
 * open, data directory writable, free space left) and {@code workers} (the metrics sampler
 * thread ran recently). Thread-safe.
 */
final class HealthResource {
  private final String version;
  private final Instant started;
  private final ObjectStore store;
  private final Observability observe;

  HealthResource(String version, Instant started, ObjectStore store, Observability observe) {
    this.version = version;
    this.started = started;
    this.store = store;
    this.observe = observe;
  }

  void health(AdminCall call) {
    long uptime = Duration.between(started, Instant.now()).toSeconds();
    call.json(200, AdminJson.obj("status", "ok", "version", version, "uptimeSeconds", uptime));
  }

  void ready(AdminCall call) {
    Map<String, Object> checks = new LinkedHashMap<>();
    String failing = null;
    try {
      store.probe();
      checks.put("store", AdminJson.obj("ok", true, "engine", store.engineName()));
    } catch (Exception e) {
      failing = "store";
      checks.put("store", AdminJson.obj("ok", false, "engine", store.engineName(),
          "message", String.valueOf(e.getMessage())));
    }
    boolean workers = observe.samplerAlive();
    checks.put("workers", AdminJson.obj("ok", workers, "names", java.util.List.of("metrics-sampler")));
    if (!workers && failing == null) failing = "workers";
    if (failing == null) {
      call.json(200, AdminJson.obj("status", "ready", "checks", checks));
    } else {
      Map<String, Object> body = AdminJson.obj("status", "not_ready", "failing", failing,
          "code", "NotReady", "message", "readiness check '" + failing + "' failed",
          "requestId", call.requestId, "checks", checks);
      call.json(503, body);
    }
  }
}
