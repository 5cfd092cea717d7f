package dev.dfs.admin;

import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/v1/metrics/policy}: the lifecycle/policy engine's metrics. No policy engine
 * runs in DFS yet, so this serves the designed shape with honest zeros and nulls and
 * {@code engine_running: false}; a future lifecycle worker fills the same fields.
 *
 * <p>Shape: {@code engine_running}, {@code note}, {@code total_policies},
 * {@code active_policies}, {@code rules[]} ({@code bucket}, {@code rule_id}, {@code evaluations},
 * {@code matches}, {@code last_evaluated_at}), {@code totals} ({@code objects_expired},
 * {@code versions_expired}, {@code uploads_aborted}, {@code bytes_freed}, {@code evaluations}),
 * {@code last_run} ({@code started_at}, {@code finished_at}, {@code duration_ms},
 * {@code status}, {@code error}) or null, {@code tiering} ({@code supported},
 * {@code decisions[]}, {@code objects_transitioned}, {@code bytes_transitioned}).
 */
final class PolicyMetricsResource {
  static final String NOTE = "No lifecycle/policy engine runs in this version of DFS: no"
      + " policies can be configured (PutBucketLifecycleConfiguration answers NotImplemented),"
      + " so every counter is zero and last_run is null.";

  void policy(AdminCall call) {
    Map<String, Object> totals = AdminJson.obj(
        "evaluations", 0, "objects_expired", 0, "versions_expired", 0, "uploads_aborted", 0,
        "bytes_freed", 0);
    Map<String, Object> tiering = AdminJson.obj(
        "supported", false, "decisions", List.of(), "objects_transitioned", 0,
        "bytes_transitioned", 0);
    call.json(200, AdminJson.obj(
        "engine_running", false,
        "note", NOTE,
        "total_policies", 0,
        "active_policies", 0,
        "rules", List.of(),
        "totals", totals,
        "last_run", null,
        "tiering", tiering));
  }
}
