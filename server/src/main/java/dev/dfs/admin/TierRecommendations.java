package dev.dfs.admin;

import dev.dfs.store.tier.CostModel;
import dev.dfs.store.tier.TierDefinition;
import dev.dfs.store.tier.TierUsage.Amount;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The policy report's {@code recommendations}: for each bucket holding versions on DFS's own disk
 * in STANDARD that were not written for {@link #AGE_DAYS} lifecycle days, a transition rule to the
 * cheapest tier and what it saves a month by the cost models (STANDARD's {@code perGibMonth} minus
 * the tier's, storage only: requests and retrievals not counted). The cheapest tier serving a class
 * read without a restore ({@code STANDARD_IA}, {@code ONEZONE_IA}, {@code GLACIER_IR}) is
 * preferred; an archive tier is named only when no such tier exists. The age is the last write: DFS
 * does not track reads for this report. At most {@link #MAX} entries, the largest savings first.
 * Pure and thread-safe.
 */
final class TierRecommendations {
  /** How many lifecycle days unwritten data must be to be recommended for a move. */
  static final int AGE_DAYS = 90;

  static final int MAX = 20;
  private static final double GIB = 1024.0 * 1024 * 1024;
  private static final List<String> WARM = List.of("STANDARD_IA", "ONEZONE_IA", "GLACIER_IR");
  private static final List<String> ARCHIVE = List.of("GLACIER", "DEEP_ARCHIVE");

  private TierRecommendations() {}

  /** A tier and the class a transition rule would name to reach it. */
  record Target(TierDefinition tier, String storageClass) {}

  /** The cheapest tier read without a restore, else the cheapest archive tier; or none. */
  static Optional<Target> target(List<TierDefinition> tiers) {
    Optional<Target> warm = cheapest(tiers, WARM);
    return warm.isPresent() ? warm : cheapest(tiers, ARCHIVE);
  }

  private static Optional<Target> cheapest(List<TierDefinition> tiers, List<String> classes) {
    return tiers.stream()
        .filter(t -> t.storageClasses().stream().anyMatch(classes::contains))
        .min(Comparator.comparingDouble(t -> t.cost().perGibMonth()))
        .map(
            t ->
                new Target(
                    t,
                    t.storageClasses().stream()
                        .filter(classes::contains)
                        .findFirst()
                        .orElseThrow()));
  }

  /** The recommendations for {@code cold} (per bucket) with these tiers. */
  static List<Map<String, Object>> compute(Map<String, Amount> cold, List<TierDefinition> tiers) {
    Optional<Target> target = target(tiers);
    if (target.isEmpty()) return List.of();
    double perGib = CostModel.STANDARD.perGibMonth() - target.get().tier().cost().perGibMonth();
    if (perGib <= 0) return List.of();
    List<Map<String, Object>> out = new ArrayList<>();
    cold.entrySet().stream()
        .filter(e -> e.getValue().bytes() > 0)
        .sorted(
            Comparator.comparingLong((Map.Entry<String, Amount> e) -> e.getValue().bytes())
                .reversed()
                .thenComparing(Map.Entry::getKey))
        .limit(MAX)
        .forEach(
            e ->
                out.add(
                    one(
                        e.getKey(),
                        e.getValue(),
                        target.get(),
                        e.getValue().bytes() / GIB * perGib)));
    return out;
  }

  private static Map<String, Object> one(String bucket, Amount a, Target t, double savings) {
    String tier = t.tier().name();
    boolean archive = ARCHIVE.contains(t.storageClass());
    String description =
        bytes(a.bytes())
            + " in bucket "
            + bucket
            + " ("
            + a.objects()
            + " versions) not written for "
            + AGE_DAYS
            + " days: a transition rule to tier "
            + tier
            + " ("
            + t.storageClass()
            + ") saves about "
            + money(savings)
            + " a month"
            + (archive ? "; objects there need RestoreObject before a GET" : "")
            + ".";
    return AdminJson.obj(
        "category",
        "cost",
        "severity",
        "info",
        "title",
        "Move data unwritten for " + AGE_DAYS + " days in " + bucket + " to tier " + tier,
        "description",
        description,
        "bucket",
        bucket,
        "objects",
        a.objects(),
        "bytes",
        a.bytes(),
        "not_written_days",
        AGE_DAYS,
        "basis",
        "last_modified",
        "tier",
        tier,
        "storage_class",
        t.storageClass(),
        "monthly_savings",
        savings,
        "rule",
        Map.of(
            "Status",
            "Enabled",
            "Filter",
            Map.of("Prefix", ""),
            "Transitions",
            List.of(Map.of("Days", AGE_DAYS, "StorageClass", t.storageClass()))));
  }

  static String bytes(long b) {
    return b >= (1L << 30)
        ? String.format(Locale.ROOT, "%.1f GiB", b / GIB)
        : String.format(Locale.ROOT, "%.1f MiB", b / (1024.0 * 1024));
  }

  static String money(double amount) {
    return amount < 0.01 ? "less than $0.01" : String.format(Locale.ROOT, "$%.2f", amount);
  }
}
