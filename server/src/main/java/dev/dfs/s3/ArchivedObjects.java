package dev.dfs.s3;

import dev.dfs.store.ObjectAttributes;
import dev.dfs.store.ObjectInfo;
import dev.dfs.store.tier.TierDefinition;
import java.time.Instant;
import java.util.Optional;

/**
 * Objects in an archive storage class (GLACIER, DEEP_ARCHIVE) kept in a storage tier: as in S3, GET
 * answers 403 InvalidObjectState until a RestoreObject made them readable, and GET and HEAD report
 * the restore in {@code x-amz-restore}. An object of such a class that no tier holds (written while
 * no tier served the class) stays readable, as before tiers existed. Reads the restore mark {@link
 * ObjectAttributes#TIER_RESTORE}; pure and thread-safe.
 */
final class ArchivedObjects {
  private static final String ONGOING = "ongoing:";

  private ArchivedObjects() {}

  static boolean archived(ObjectInfo info) {
    return info.metadata().attribute(ObjectAttributes.TIER) != null
        && (TierDefinition.ARCHIVE_CLASSES.contains(info.metadata().effectiveStorageClass())
            || IntelligentTieringHeaders.archiveStatus(info).isPresent());
  }

  /** The restored copy's expiry, or empty when the object is not (or no longer) restored. */
  static Optional<Instant> restoredUntil(ObjectInfo info, Instant now) {
    String mark = info.metadata().attribute(ObjectAttributes.TIER_RESTORE);
    if (mark == null || mark.startsWith(ONGOING)) return Optional.empty();
    Instant until = Instant.ofEpochMilli(Long.parseLong(mark));
    return until.isAfter(now) ? Optional.of(until) : Optional.empty();
  }

  /** InvalidObjectState for an archived object that is not restored now. */
  static void requireReadable(ObjectInfo info, Instant now) {
    if (archived(info) && restoredUntil(info, now).isEmpty()) {
      throw new S3Exception(S3ErrorCode.INVALID_OBJECT_STATE)
          .with("StorageClass", info.metadata().effectiveStorageClass());
    }
  }

  /** The {@code x-amz-restore} value of an archived object with a restore, else empty. */
  static Optional<String> restoreHeader(ObjectInfo info, Instant now) {
    if (!archived(info)) return Optional.empty();
    String mark = info.metadata().attribute(ObjectAttributes.TIER_RESTORE);
    if (mark != null && mark.startsWith(ONGOING)) return Optional.of("ongoing-request=\"true\"");
    return restoredUntil(info, now)
        .map(until -> "ongoing-request=\"false\", expiry-date=\"" + HttpDates.format(until) + "\"");
  }
}
