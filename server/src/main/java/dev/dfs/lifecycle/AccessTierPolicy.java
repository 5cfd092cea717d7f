package dev.dfs.lifecycle;

import dev.dfs.store.tier.AccessTier;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where an {@code INTELLIGENT_TIERING} object belongs now, as S3 Intelligent-Tiering decides it,
 * plus DFS's overrides. Untouched (not read or written) for {@link
 * IntelligentTieringConfiguration#INFREQUENT_DAYS} lifecycle days: INFREQUENT; for {@link
 * IntelligentTieringConfiguration#ARCHIVE_INSTANT_DAYS}: ARCHIVE_INSTANT; for an enabled matching
 * configuration's archive {@code Days}: ARCHIVE or DEEP_ARCHIVE (the coldest due wins). A read
 * brings an INFREQUENT or ARCHIVE_INSTANT object back to FREQUENT; an archived one stays archived
 * until a RestoreObject, after which it returns to FREQUENT (as in S3). Overrides: a pin keeps the
 * object in its tier whatever happens; {@code neverArchive} caps it at INFREQUENT (no archive tier,
 * not even the instant one; archived objects come back there). Pure and thread-safe.
 */
public final class AccessTierPolicy {
  private final LifecycleDay day;

  public AccessTierPolicy(LifecycleDay day) {
    this.day = day;
  }

  /** What the policy knows of one object. */
  public record ObjectState(
      String key,
      long size,
      Map<String, String> tags,
      Instant lastAccess,
      AccessTier current,
      boolean restored) {}

  /** The access tier {@code o} should be in at {@code now}. */
  public AccessTier target(
      ObjectState o,
      List<IntelligentTieringConfiguration> configs,
      TieringOverrides overrides,
      Instant now) {
    Optional<TieringOverride> override = overrides.forKey(o.key());
    if (override.isPresent() && override.get().pin() != null) return override.get().pin();
    boolean neverArchive = override.isPresent() && override.get().neverArchive();
    AccessTier byAge = byAge(o, configs, now);
    if (neverArchive && byAge.colderThan(AccessTier.INFREQUENT)) byAge = AccessTier.INFREQUENT;
    if (!o.current().archived()) return byAge;
    if (neverArchive) return AccessTier.INFREQUENT;
    if (o.restored()) return AccessTier.FREQUENT;
    return byAge.colderThan(o.current()) ? byAge : o.current(); // no read reaches it
  }

  private AccessTier byAge(
      ObjectState o, List<IntelligentTieringConfiguration> configs, Instant now) {
    AccessTier t = AccessTier.FREQUENT;
    if (due(o, IntelligentTieringConfiguration.INFREQUENT_DAYS, now)) t = AccessTier.INFREQUENT;
    if (due(o, IntelligentTieringConfiguration.ARCHIVE_INSTANT_DAYS, now)) {
      t = AccessTier.ARCHIVE_INSTANT;
    }
    for (IntelligentTieringConfiguration c : configs) {
      if (!c.enabled() || !c.filter().matches(o.key(), o.size(), o.tags())) continue;
      if (c.deepArchiveDays() != null && due(o, c.deepArchiveDays(), now)) {
        return AccessTier.DEEP_ARCHIVE;
      }
      if (c.archiveDays() != null && due(o, c.archiveDays(), now)) t = AccessTier.ARCHIVE;
    }
    return t;
  }

  private boolean due(ObjectState o, int days, Instant now) {
    return !day.plusDays(o.lastAccess(), days).isAfter(now);
  }
}
