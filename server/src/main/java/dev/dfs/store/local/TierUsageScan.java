package dev.dfs.store.local;

import dev.dfs.store.ObjectAttributes;
import dev.dfs.store.local.MetaDb.Cf;
import dev.dfs.store.local.Records.ObjectRecord;
import dev.dfs.store.tier.CostModel;
import dev.dfs.store.tier.TierDefinition;
import dev.dfs.store.tier.TierRegistry;
import dev.dfs.store.tier.TierUsage;
import dev.dfs.store.tier.TierUsage.Amount;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Counts every stored version by tier and storage class, with the monthly cost from the tiers' cost
 * models: one pass over the versions index. An admin report, not a hot path: callers cache the
 * result ({@link #MAX_AGE_MILLIS}). Thread-safe.
 */
final class TierUsageScan {
  /** How long a scan's result is reused. */
  static final long MAX_AGE_MILLIS = 30_000;

  private static final double GIB = 1024.0 * 1024 * 1024;

  private final MetaDb db;
  private final java.time.Clock clock;
  private volatile @Nullable TierUsage last;

  TierUsageScan(MetaDb db, java.time.Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  /** The last result when younger than {@link #MAX_AGE_MILLIS}, else a new scan. */
  TierUsage usage(TierRegistry tiers) throws IOException {
    TierUsage u = last;
    if (u != null && u.scannedAt().toEpochMilli() > clock.millis() - MAX_AGE_MILLIS) {
      return u;
    }
    u = scan(tiers.list());
    last = u;
    return u;
  }

  /** Counts now, whatever the cache holds. */
  TierUsage scan(List<TierDefinition> definitions) throws IOException {
    Map<String, CostModel> costs = new HashMap<>();
    Map<String, String> servedBy = new HashMap<>();
    for (TierDefinition d : definitions) {
      costs.put(d.name(), d.cost());
      for (String c : d.storageClasses()) servedBy.put(c, d.name());
    }
    Amount local = Amount.ZERO;
    Amount pending = Amount.ZERO;
    Map<String, Amount> byTier = new HashMap<>();
    Map<String, Amount> byClass = new HashMap<>();
    double cost = 0;
    long bytes = 0;
    try (MetaDb.Scan s = db.scan(Cf.VERSIONS, null, null)) {
      for (s.seek(new byte[0]); s.valid(); s.next()) {
        ObjectRecord r = RecordCodec.decodeObject(s.value());
        if (r.deleteMarker()) continue;
        String sc = r.metadata().effectiveStorageClass();
        String tier = r.metadata().attribute(ObjectAttributes.TIER);
        byClass.merge(sc, Amount.ZERO.plus(r.size()), TierUsageScan::sum);
        bytes += r.size();
        if (tier == null) {
          local = local.plus(r.size());
          // INTELLIGENT_TIERING on local disk is in its FREQUENT tier, where it belongs: only
          // classes placed on write wait here for their tier
          if (servedBy.containsKey(sc) && LocalTiering.placedOnWrite(sc)) {
            pending = pending.plus(r.size());
          }
          cost += CostModel.STANDARD.perGibMonth() * r.size() / GIB;
        } else {
          byTier.merge(tier, Amount.ZERO.plus(r.size()), TierUsageScan::sum);
          cost += costs.getOrDefault(tier, CostModel.STANDARD).perGibMonth() * r.size() / GIB;
        }
      }
    }
    return new TierUsage(
        local,
        byTier,
        byClass,
        pending,
        cost,
        CostModel.STANDARD.perGibMonth() * bytes / GIB,
        clock.instant());
  }

  private static Amount sum(Amount a, Amount b) {
    return new Amount(a.objects() + b.objects(), a.bytes() + b.bytes());
  }
}
