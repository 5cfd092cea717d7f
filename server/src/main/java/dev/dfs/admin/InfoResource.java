package dev.dfs.admin;

import dev.dfs.store.ObjectStore;
import dev.dfs.store.StoreUsage;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * {@code GET /api/v1/info}: version, start time, uptime, engine, Java runtime, storage (the
 * engine's usage: buckets, objects, bytes of every version, the data volume) and the configuration
 * summary (secrets were masked by the wiring before they got here). Thread-safe.
 */
final class InfoResource {
  private final String version;
  private final Instant started;
  private final java.time.Clock clock;
  private final ObjectStore store;
  private final ManagementSettings settings;

  InfoResource(
      String version,
      Instant started,
      java.time.Clock clock,
      ObjectStore store,
      ManagementSettings settings) {
    this.version = version;
    this.started = started;
    this.clock = clock;
    this.store = store;
    this.settings = settings;
  }

  void info(AdminCall call) throws java.io.IOException {
    call.json(
        200,
        AdminJson.obj(
            "version", version,
            "startedAt", started.toString(),
            "uptimeSeconds", Duration.between(started, clock.instant()).toSeconds(),
            "engine", store.engineName(),
            "java", Runtime.version().toString(),
            "storage", storage(),
            "config", settings.configSummary()));
  }

  /**
   * {@code {buckets, objects, bytes, capacityBytes, availableBytes, usedBytes}} of the engine's
   * usage (volume figures null when unknown), or null when the engine cannot tell.
   */
  private @Nullable Map<String, Object> storage() throws java.io.IOException {
    Optional<StoreUsage> usage = store.usage();
    if (usage.isEmpty()) return null;
    StoreUsage u = usage.get();
    return AdminJson.obj(
        "buckets",
        u.buckets().size(),
        "objects",
        u.objects(),
        "bytes",
        u.bytes(),
        "capacityBytes",
        u.capacityBytes() < 0 ? null : u.capacityBytes(),
        "availableBytes",
        u.availableBytes() < 0 ? null : u.availableBytes(),
        "usedBytes",
        u.usedBytes() < 0 ? null : u.usedBytes());
  }
}
