package dev.dfs.server;

import dev.dfs.lifecycle.LifecycleStats;
import dev.dfs.observe.Observability;

/**
 * Exposes the lifecycle worker's counters on {@code /metrics}: {@code dfs_lifecycle_*_total}
 * counters and the last pass's end time and duration. Read at scrape time; nothing is copied.
 */
final class LifecycleMetrics {
  private LifecycleMetrics() {}

  static void register(Observability observe, LifecycleStats stats) {
    observe.counter(
        "dfs_lifecycle_objects_expired_total",
        "Objects deleted by lifecycle expiration rules",
        stats::objectsExpiredTotal);
    observe.counter(
        "dfs_lifecycle_bytes_freed_total",
        "Bytes of the objects lifecycle rules deleted",
        stats::bytesFreedTotal);
    observe.counter(
        "dfs_lifecycle_uploads_aborted_total",
        "Incomplete multipart uploads aborted by lifecycle rules",
        stats::uploadsAbortedTotal);
    observe.counter(
        "dfs_lifecycle_evaluations_total",
        "Objects and uploads checked against enabled lifecycle rules (per rule)",
        stats::evaluationsTotal);
    observe.counter(
        "dfs_lifecycle_errors_total",
        "Lifecycle failures (a bucket that could not be processed, a failed pass)",
        stats::errorsTotal);
    observe.counter(
        "dfs_lifecycle_passes_total",
        "Completed lifecycle passes over all buckets",
        stats::passesTotal);
    observe.gauge(
        "dfs_lifecycle_last_pass_end_timestamp_seconds",
        "When the last completed lifecycle pass ended (Unix time)",
        () -> {
          LifecycleStats.Run r = stats.lastRun();
          return r == null ? Double.NaN : r.finishedAt().toEpochMilli() / 1000.0;
        });
    observe.gauge(
        "dfs_lifecycle_last_pass_duration_seconds",
        "How long the last completed lifecycle pass took",
        () -> {
          LifecycleStats.Run r = stats.lastRun();
          return r == null ? Double.NaN : r.durationMs() / 1000.0;
        });
  }
}
