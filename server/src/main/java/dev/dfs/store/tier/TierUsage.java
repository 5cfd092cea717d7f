package dev.dfs.store.tier;

import java.time.Instant;
import java.util.Map;

/**
 * Where an engine's object versions are kept and what that costs, as one scan found it. Immutable.
 *
 * @param local versions on the engine's own storage
 * @param byTier versions per tier name
 * @param byClass versions per storage class (STANDARD for none)
 * @param pending versions whose storage class a tier serves but whose bytes are still local (a
 *     transition or a write with that class waiting to move); INTELLIGENT_TIERING versions on local
 *     disk are in their FREQUENT access tier, not pending
 * @param monthlyCost what storing every version costs a month now: each tier's {@link
 *     CostModel#perGibMonth} for its bytes, {@link CostModel#STANDARD}'s for local ones
 * @param monthlyCostAllStandard the same bytes all on the top tier (the engine's own disk)
 * @param scannedAt when the scan ran
 */
public record TierUsage(
    Amount local,
    Map<String, Amount> byTier,
    Map<String, Amount> byClass,
    Amount pending,
    double monthlyCost,
    double monthlyCostAllStandard,
    Instant scannedAt) {

  public TierUsage {
    byTier = Map.copyOf(byTier);
    byClass = Map.copyOf(byClass);
  }

  /** A count of versions and their bytes. */
  public record Amount(long objects, long bytes) {
    public static final Amount ZERO = new Amount(0, 0);

    public Amount plus(long size) {
      return new Amount(objects + 1, bytes + size);
    }
  }
}
