package dev.dfs.admin;

import dev.dfs.lifecycle.LifecycleStats;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * {@code GET /api/v1/metrics/policy}: what the lifecycle worker has done since the server started
 * (counters reset on restart), and where objects are kept and what it costs ({@code tiering}, see
 * {@link TieringReport}).
 *
 * <p>Shape: {@code engine_running}, {@code note}, {@code total_policies} (lifecycle rules of all
 * buckets, as the last pass found them), {@code active_policies} (of those, the enabled ones),
 * {@code rules[]} ({@code bucket}, {@code rule_id}, {@code evaluations}: objects and uploads
 * checked against the rule, {@code matches}: those it expired or aborted, {@code
 * last_evaluated_at}), {@code totals} ({@code objects_expired}, {@code versions_expired}, {@code
 * uploads_aborted}, {@code bytes_freed}, {@code evaluations}, {@code errors}, {@code passes}),
 * {@code last_run} (the last completed pass: {@code started_at}, {@code finished_at}, {@code
 * duration_ms}, {@code status} {@code ok} or {@code errors}, {@code error}) or null before the
 * first pass ended, {@code tiering} ({@link TieringReport}), {@code recommendations} (moves to
 * tiers with their estimated savings, {@link TierRecommendations}).
 */
final class PolicyMetricsResource {
  static final String NOTE_IDLE =
      "No lifecycle worker runs in this server, so every counter is"
          + " zero and last_run is null.";
  static final String NOTE =
      "Lifecycle rules (PutBucketLifecycleConfiguration) are applied by"
          + " a background worker; counters count since the server started. Transitions move"
          + " objects to the storage tiers that serve their class (tiering).";

  private final @Nullable LifecycleStats stats;
  private final dev.dfs.store.ObjectStore store;
  private final java.time.Clock clock;

  /**
   * @param stats the worker's counters, or null when no worker runs
   * @param store whose tiers are reported, or null
   * @param clock the server's clock (the recommendations' ages count from its now)
   */
  PolicyMetricsResource(
      @Nullable LifecycleStats stats, dev.dfs.store.ObjectStore store, java.time.Clock clock) {
    this.stats = stats;
    this.store = store;
    this.clock = clock;
  }

  void policy(AdminCall call) throws java.io.IOException {
    LifecycleStats.Snapshot s = stats == null ? null : stats.snapshot();
    Map<String, Object> tiering = TieringReport.of(store);
    List<Map<String, Object>> recommendations =
        TieringReport.recommendations(
            store,
            stats == null ? dev.dfs.lifecycle.LifecycleDay.STANDARD : stats.day(),
            clock.instant());
    call.json(
        200, s == null ? idle(tiering, recommendations) : running(s, tiering, recommendations));
  }

  /** The report while no lifecycle worker runs: zero counts, no rules. */
  private static Map<String, Object> idle(
      Map<String, Object> tiering, List<Map<String, Object>> recommendations) {
    return AdminJson.obj(
        "engine_running",
        false,
        "note",
        NOTE_IDLE,
        "total_policies",
        0,
        "active_policies",
        0,
        "rules",
        List.of(),
        "totals",
        AdminJson.obj(
            "evaluations",
            0,
            "objects_expired",
            0,
            "versions_expired",
            0,
            "uploads_aborted",
            0,
            "bytes_freed",
            0,
            "errors",
            0,
            "passes",
            0),
        "last_run",
        null,
        "tiering",
        tiering,
        "recommendations",
        recommendations);
  }

  private static Map<String, Object> running(
      LifecycleStats.Snapshot s,
      Map<String, Object> tiering,
      List<Map<String, Object>> recommendations) {
    List<Map<String, Object>> rules = new ArrayList<>();
    for (LifecycleStats.RuleSnapshot r : s.rules()) {
      rules.add(
          AdminJson.obj(
              "bucket",
              r.bucket(),
              "rule_id",
              r.ruleId(),
              "evaluations",
              r.evaluations(),
              "matches",
              r.matches(),
              "last_evaluated_at",
              time(r.lastEvaluatedAt())));
    }
    return AdminJson.obj(
        "engine_running", s.running(),
        "note", NOTE,
        "total_policies", s.totalRules(),
        "active_policies", s.enabledRules(),
        "rules", rules,
        "totals", totals(s),
        "last_run", lastRun(s.lastRun()),
        "tiering", tiering,
        "recommendations", recommendations);
  }

  private static Map<String, Object> totals(LifecycleStats.Snapshot s) {
    return AdminJson.obj(
        "evaluations",
        s.evaluations(),
        "objects_expired",
        s.objectsExpired(),
        "versions_expired",
        s.versionsExpired(),
        "uploads_aborted",
        s.uploadsAborted(),
        "bytes_freed",
        s.bytesFreed(),
        "errors",
        s.errors(),
        "passes",
        s.passes());
  }

  private static @Nullable Map<String, Object> lastRun(LifecycleStats.@Nullable Run run) {
    return run == null
        ? null
        : AdminJson.obj(
            "started_at",
            time(run.startedAt()),
            "finished_at",
            time(run.finishedAt()),
            "duration_ms",
            run.durationMs(),
            "status",
            run.status(),
            "error",
            run.error());
  }

  private static @Nullable String time(@Nullable Instant t) {
    return t == null ? null : t.toString();
  }
}
