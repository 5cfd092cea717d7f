package dev.dfs.admin;

import dev.dfs.observe.Observability;
import dev.dfs.observe.StorageSample;
import dev.dfs.observe.SystemStats;
import dev.dfs.observe.WindowStats;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * {@code GET /api/v1/metrics/dashboard}: health, storage, requests and recommendations, all from
 * live values: request figures over the last minute ({@link WindowStats}), the store's maintained
 * counters and volume size, process CPU and heap, and the stale-upload count (cached up to a
 * minute). Serving it costs no scan. Thread-safe.
 */
final class DashboardResource {
  private static final double GB = 1024.0 * 1024 * 1024;

  private final Observability observe;
  private final StaleUploads staleUploads;
  private final Clock clock;
  private final java.util.function.Supplier<java.util.Optional<dev.dfs.store.ClusterStatus.Repair>>
      repair;

  DashboardResource(Observability observe, StaleUploads staleUploads, Clock clock) {
    this(observe, staleUploads, clock, java.util.Optional::empty);
  }

  /**
   * @param repair a cluster node's repair and scrub figures (empty: not a cluster)
   */
  DashboardResource(
      Observability observe,
      StaleUploads staleUploads,
      Clock clock,
      java.util.function.Supplier<java.util.Optional<dev.dfs.store.ClusterStatus.Repair>> repair) {
    this.repair = repair;
    this.observe = observe;
    this.staleUploads = staleUploads;
    this.clock = clock;
  }

  void dashboard(AdminCall call) throws IOException {
    WindowStats w = observe.window();
    StorageSample s = observe.storage();
    double diskUsage = s.capacityBytes() > 0 ? (double) s.usedBytes() / s.capacityBytes() : -1;
    List<Map<String, Object>> recs =
        Recommendations.compute(
            new Recommendations.Conditions(
                diskUsage,
                w.serverErrors(),
                w.previousServerErrors(),
                staleUploads.count(),
                w.skewRejections()),
            clock.instant());
    repair.get().ifPresent(r -> recs.addAll(Recommendations.cluster(r, clock.instant())));

    String status =
        recs.stream().anyMatch(r -> "critical".equals(r.get("severity")))
            ? "critical"
            : recs.stream().anyMatch(r -> "warning".equals(r.get("severity")))
                ? "warning"
                : "healthy";
    double ioLatency = ioLatencyMs(w);
    Map<String, Object> health =
        AdminJson.obj(
            "status", status,
            "cpu_usage", AdminJson.round(percent(SystemStats.processCpuLoad())),
            "memory_usage", AdminJson.round(percent(SystemStats.heapUsage())),
            "io_latency_ms", ioLatency < 0 ? null : ioLatency,
            "error_count", w.serverErrors(),
            "warning_count", w.clientErrors());
    Map<String, Object> storage =
        AdminJson.obj(
            "total_capacity_gb", gb(s.capacityBytes()),
            "used_capacity_gb", gb(s.usedBytes()),
            "available_capacity_gb", gb(s.availableBytes()),
            "usage_percent", AdminJson.round(percent(diskUsage)),
            "bucket_count", s.buckets() < 0 ? null : s.buckets(),
            "object_count", s.objects() < 0 ? null : s.objects(),
            "object_bytes", s.objectBytes() < 0 ? null : s.objectBytes(),
            "bytes_in", w.bytesInTotal(),
            "bytes_out", w.bytesOutTotal(),
            "throughput_mbps", AdminJson.round(w.throughputMbps()),
            "iops", AdminJson.round(w.ratePerSecond()));
    Map<String, Object> requests =
        AdminJson.obj(
            "window_seconds", AdminJson.round(w.windowSeconds()),
            "total", w.requests(),
            "rate_per_s", AdminJson.round(w.ratePerSecond()),
            "error_rate", AdminJson.round(w.errorRate()),
            "latency_ms", w.latencyMs());
    call.json(
        200,
        AdminJson.obj(
            "generated_at", clock.instant().toString(),
            "metrics_enabled", observe.enabled(),
            "health", health,
            "storage", storage,
            "requests", requests,
            "recommendations", recs));
  }

  /** p50 of GetObject/PutObject requests in the window, else of any operation; -1 if idle. */
  private static double ioLatencyMs(WindowStats w) {
    for (String op : List.of("GetObject", "PutObject")) {
      Map<String, Double> p = w.latencyMs().get(op);
      if (p != null) return p.getOrDefault("p50", -1.0);
    }
    return w.latencyMs().values().stream()
        .mapToDouble(p -> p.getOrDefault("p50", -1.0))
        .max()
        .orElse(-1);
  }

  private static double percent(double fraction) {
    return fraction < 0 ? -1 : fraction * 100;
  }

  private static @Nullable Double gb(long bytes) {
    return bytes < 0 ? null : Math.round(bytes / GB * 1000) / 1000.0;
  }
}
