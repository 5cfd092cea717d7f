package dev.dfs.admin;

import dev.dfs.store.ObjectStore;
import dev.dfs.store.Tiering;
import dev.dfs.store.tier.TierStats;
import dev.dfs.store.tier.TierUsage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@code tiering} section of {@code /api/v1/metrics/policy}: {@code supported}, {@code tiers[]}
 * ({@code name}, {@code objects}, {@code bytes}; {@code local} is DFS's own disk), {@code
 * storage_classes[]} ({@code storage_class}, {@code objects}, {@code bytes}), {@code transitions}
 * ({@code done}, {@code failed} since start, {@code pending}: versions of a class a tier serves
 * still on local disk), {@code objects_transitioned}, {@code bytes_transitioned}, {@code restores},
 * {@code copies_freed}, {@code monthly_cost} ({@code now}, {@code all_in_top_tier}, {@code
 * savings}) and {@code scanned_at}. Figures of stored versions come from a metadata scan at most 30
 * s old. Thread-safe.
 */
final class TieringReport {
  private TieringReport() {}

  static Map<String, Object> of(ObjectStore store) throws IOException {
    if (store == null || store.tiering().isEmpty()) {
      return AdminJson.obj(
          "supported",
          false,
          "decisions",
          List.of(),
          "objects_transitioned",
          0,
          "bytes_transitioned",
          0);
    }
    Tiering tiering = store.tiering().get();
    TierUsage u = tiering.usage();
    TierStats s = tiering.stats();
    List<Object> tiers = new ArrayList<>();
    tiers.add(
        AdminJson.obj("name", "local", "objects", u.local().objects(), "bytes", u.local().bytes()));
    new TreeMap<>(u.byTier())
        .forEach(
            (name, a) ->
                tiers.add(AdminJson.obj("name", name, "objects", a.objects(), "bytes", a.bytes())));
    List<Object> classes = new ArrayList<>();
    new TreeMap<>(u.byClass())
        .forEach(
            (c, a) ->
                classes.add(
                    AdminJson.obj("storage_class", c, "objects", a.objects(), "bytes", a.bytes())));
    return AdminJson.obj(
        "supported", true,
        "decisions", List.of(),
        "tiers", tiers,
        "storage_classes", classes,
        "transitions",
            AdminJson.obj(
                "done",
                s.transitionsDone(),
                "failed",
                s.transitionsFailed(),
                "pending",
                u.pending().objects(),
                "pending_bytes",
                u.pending().bytes()),
        "objects_transitioned", s.transitionsDone(),
        "bytes_transitioned", s.bytesMoved(),
        "restores", s.restores(),
        "copies_freed", s.copiesFreed(),
        "monthly_cost",
            AdminJson.obj(
                "now",
                u.monthlyCost(),
                "all_in_top_tier",
                u.monthlyCostAllStandard(),
                "savings",
                u.monthlyCostAllStandard() - u.monthlyCost()),
        "scanned_at", u.scannedAt().toString());
  }

  /**
   * The {@code recommendations} of the policy report ({@link TierRecommendations}), with ages in
   * lifecycle days of {@code day} before {@code now}; empty on an engine without tiers.
   */
  static List<Map<String, Object>> recommendations(
      ObjectStore store, dev.dfs.lifecycle.LifecycleDay day, java.time.Instant now)
      throws IOException {
    if (store == null || store.tiering().isEmpty()) return List.of();
    Tiering tiering = store.tiering().get();
    java.time.Instant before = now.minus(day.length().multipliedBy(TierRecommendations.AGE_DAYS));
    return TierRecommendations.compute(tiering.coldLocal(before), tiering.tiers().list());
  }
}
