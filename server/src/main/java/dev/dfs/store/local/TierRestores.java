package dev.dfs.store.local;

import dev.dfs.store.ObjectAttributes;
import dev.dfs.store.ObjectMetadata;
import dev.dfs.store.ObjectRef;
import dev.dfs.store.Tiering.RestoreOutcome;
import dev.dfs.store.local.Records.ObjectRecord;
import dev.dfs.store.tier.Tier;
import dev.dfs.store.tier.TierDefinition;
import dev.dfs.store.tier.TierRegistry;
import dev.dfs.store.tier.TierStats;
import java.io.IOException;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * RestoreObject on the local engine. The restored copy is the tier copy itself, served for the
 * restore's lifetime: a restore checks that the copy is there and whole (its size), then records
 * the expiry. {@link ObjectAttributes#TIER_RESTORE} holds {@code ongoing:<expiry ms>:<started ms>}
 * while the check runs (on a virtual thread) and then {@code <expiry ms>}; an {@code ongoing} mark
 * older than {@link #STALE_MILLIS} (the process stopped during the check) counts as no restore.
 * Thread-safe.
 */
final class TierRestores {
  private static final Logger log = LoggerFactory.getLogger(TierRestores.class);
  static final String ONGOING = "ongoing:";
  static final long STALE_MILLIS = 60_000;

  private final Catalog catalog;
  private final KeyLocks locks;
  private final TierStats stats;

  TierRestores(Catalog catalog, KeyLocks locks, TierStats stats) {
    this.catalog = catalog;
    this.locks = locks;
    this.stats = stats;
  }

  RestoreOutcome restore(ObjectRef v, Instant expiry, TierRegistry tiers) throws IOException {
    long now = catalog.clock().millis();
    ObjectRecord rec;
    try (KeyLocks.Held l = locks.key(v.bucket(), v.key())) {
      rec = catalog.require(v.bucket(), v.key(), v.versionId());
      if (!LocalTiering.tiered(rec)
          || !TierDefinition.ARCHIVE_CLASSES.contains(rec.metadata().storageClass())
              && !AccessTierMoves.accessTier(rec).archived()) {
        return RestoreOutcome.NOT_ARCHIVED;
      }
      String mark = rec.metadata().attribute(ObjectAttributes.TIER_RESTORE);
      if (mark != null
          && mark.startsWith(ONGOING)
          && Long.parseLong(mark.substring(mark.lastIndexOf(':') + 1)) > now - STALE_MILLIS) {
        return RestoreOutcome.IN_PROGRESS;
      }
      if (mark != null && !mark.startsWith(ONGOING) && Long.parseLong(mark) > now) {
        mark(v, rec, Long.toString(expiry.toEpochMilli()));
        return RestoreOutcome.ALREADY_RESTORED;
      }
      mark(v, rec, ONGOING + expiry.toEpochMilli() + ":" + now);
    }
    stats.restored();
    ObjectMetadata md = rec.metadata();
    Tier tier = tiers.tier(LocalTiering.tierAttribute(md, ObjectAttributes.TIER));
    Thread.ofVirtual()
        .name("dfs-tier-restore")
        .start(
            () ->
                finish(
                    v,
                    tier,
                    LocalTiering.tierAttribute(md, ObjectAttributes.TIER_KEY),
                    Long.parseLong(
                        LocalTiering.tierAttribute(md, ObjectAttributes.TIER_STORED_SIZE)),
                    expiry));
    return RestoreOutcome.STARTED;
  }

  /** Checks the tier copy, then records the expiry (or drops the mark when the copy failed). */
  private void finish(ObjectRef v, Tier tier, String tierKey, long stored, Instant expiry) {
    boolean whole;
    try {
      whole = tier.size(tierKey) == stored;
      if (!whole)
        log.error(
            "restore of {}/{}: its copy in tier {} is not whole", v.bucket(), v.key(), tier.name());
    } catch (IOException | RuntimeException e) {
      log.warn("restore of {}/{} failed: {}", v.bucket(), v.key(), e.toString());
      whole = false;
    }
    try (KeyLocks.Held l = locks.key(v.bucket(), v.key())) {
      ObjectRecord rec = catalog.require(v.bucket(), v.key(), v.versionId());
      String mark = rec.metadata().attribute(ObjectAttributes.TIER_RESTORE);
      if (mark == null || !mark.startsWith(ONGOING)) return; // replaced meanwhile
      mark(v, rec, whole ? Long.toString(expiry.toEpochMilli()) : null);
    } catch (IOException | RuntimeException e) {
      log.warn("restore of {}/{}: recording it failed: {}", v.bucket(), v.key(), e.toString());
    }
  }

  /** Rewrites the version's restore mark ({@code null}: removes it). Under the key's lock. */
  private void mark(ObjectRef v, ObjectRecord rec, @Nullable String value) throws IOException {
    Map<String, String> attrs = new TreeMap<>(rec.metadata().attributes());
    if (value == null) attrs.remove(ObjectAttributes.TIER_RESTORE);
    else attrs.put(ObjectAttributes.TIER_RESTORE, value);
    catalog.rewriteMetadata(
        v.bucket(), v.key(), v.versionId(), rec.metadata().withAttributes(attrs));
  }
}
