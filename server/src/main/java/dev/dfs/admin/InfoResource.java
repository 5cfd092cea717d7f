package dev.dfs.admin;

import dev.dfs.store.ObjectStore;
import java.time.Duration;
import java.time.Instant;

/**
 * {@code GET /api/v1/info}: version, start time, uptime, engine, Java runtime and the
 * configuration summary (secrets were masked by the wiring before they got here). Thread-safe.
 */
final class InfoResource {
  private final String version;
  private final Instant started;
  private final ObjectStore store;
  private final ManagementSettings settings;

  InfoResource(String version, Instant started, ObjectStore store, ManagementSettings settings) {
    this.version = version;
    this.started = started;
    this.store = store;
    this.settings = settings;
  }

  void info(AdminCall call) {
    call.json(200, AdminJson.obj(
        "version", version,
        "startedAt", started.toString(),
        "uptimeSeconds", Duration.between(started, Instant.now()).toSeconds(),
        "engine", store.engineName(),
        "java", Runtime.version().toString(),
        "config", settings.configSummary()));
  }
}
