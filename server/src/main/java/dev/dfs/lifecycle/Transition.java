package dev.dfs.lifecycle;

import java.time.LocalDate;
import org.jspecify.annotations.Nullable;

/**
 * A {@code Transition} or {@code NoncurrentVersionTransition} action of a lifecycle rule: move
 * matching versions to {@code storageClass} after {@code days} lifecycle days (from the last write,
 * or for a noncurrent version from the moment it became noncurrent) or on {@code date} (midnight
 * UTC; current objects only). Immutable.
 *
 * @param noncurrent whether this is a NoncurrentVersionTransition
 * @param newerNoncurrentVersions NoncurrentVersionTransition only: how many newer noncurrent
 *     versions to keep where they are, or null
 */
public record Transition(
    String storageClass,
    @Nullable Integer days,
    @Nullable LocalDate date,
    boolean noncurrent,
    @Nullable Integer newerNoncurrentVersions) {
  public Transition {
    if (storageClass == null || (days == null) == (date == null) || noncurrent && date != null) {
      throw new IllegalArgumentException(
          "a transition has a class and exactly one of days and" + " date (noncurrent: days)");
    }
  }
}
