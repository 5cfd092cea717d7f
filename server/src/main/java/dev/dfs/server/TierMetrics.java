package dev.dfs.server;

import dev.dfs.observe.Observability;
import dev.dfs.store.Tiering;

/**
 * Exposes storage tiering on {@code /metrics}: {@code dfs_tier_*} counters since start
 * (transitions, failures, bytes moved, restores, copies freed) and gauges of what is kept where and
 * what it costs a month, from the engine's tier usage (a metadata scan at most 30 s old).
 */
final class TierMetrics {
  private TierMetrics() {}

  static void register(Observability observe, Tiering tiering) {
    observe.counter(
        "dfs_tier_transitions_total",
        "Object versions moved to a storage tier",
        () -> tiering.stats().transitionsDone());
    observe.counter(
        "dfs_tier_transition_failures_total",
        "Transitions that failed (retried in a later lifecycle pass)",
        () -> tiering.stats().transitionsFailed());
    observe.counter(
        "dfs_tier_bytes_moved_total",
        "Stored bytes moved to storage tiers",
        () -> tiering.stats().bytesMoved());
    observe.counter(
        "dfs_tier_restores_total",
        "RestoreObject requests that started a restore",
        () -> tiering.stats().restores());
    observe.counter(
        "dfs_tier_copies_freed_total",
        "Tier copies deleted after their version was deleted or replaced",
        () -> tiering.stats().copiesFreed());
    observe.gauge(
        "dfs_tier_stored_bytes",
        "Bytes of object versions kept in storage tiers",
        () -> usage(tiering, Figure.TIERED_BYTES));
    observe.gauge(
        "dfs_tier_pending_objects",
        "Versions of a class a tier serves whose bytes are still on local disk",
        () -> usage(tiering, Figure.PENDING));
    observe.gauge(
        "dfs_tier_monthly_cost",
        "Monthly storage cost now, from the tiers' cost models",
        () -> usage(tiering, Figure.COST));
    observe.gauge(
        "dfs_tier_monthly_cost_all_in_top_tier",
        "Monthly storage cost if every version were on DFS's own disk",
        () -> usage(tiering, Figure.COST_ALL_TOP));
  }

  private enum Figure {
    TIERED_BYTES,
    PENDING,
    COST,
    COST_ALL_TOP
  }

  private static double usage(Tiering tiering, Figure f) {
    try {
      var u = tiering.usage();
      return switch (f) {
        case TIERED_BYTES -> u.byTier().values().stream().mapToLong(a -> a.bytes()).sum();
        case PENDING -> u.pending().objects();
        case COST -> u.monthlyCost();
        case COST_ALL_TOP -> u.monthlyCostAllStandard();
      };
    } catch (java.io.IOException | RuntimeException e) {
      return Double.NaN;
    }
  }
}
