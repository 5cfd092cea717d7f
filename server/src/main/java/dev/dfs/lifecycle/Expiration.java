package dev.dfs.lifecycle;

import java.time.LocalDate;
import org.jspecify.annotations.Nullable;

/**
 * A rule's {@code Expiration} action: exactly one of {@code days}, {@code date} or {@code
 * expiredObjectDeleteMarker} is set. Immutable.
 *
 * @param days current objects expire this many lifecycle days after their last modification
 *     (positive), or null
 * @param date current objects expire at midnight UTC of this day, or null
 * @param expiredObjectDeleteMarker whether a delete marker with no older versions is removed; null
 *     when not given. Delete markers exist only in versioned buckets.
 */
public record Expiration(
    @Nullable Integer days, @Nullable LocalDate date, @Nullable Boolean expiredObjectDeleteMarker) {

  /** Whether the action expires current objects (Days or Date). */
  public boolean expiresObjects() {
    return days != null || date != null;
  }
}
