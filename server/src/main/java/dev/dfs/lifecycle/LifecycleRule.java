package dev.dfs.lifecycle;

import org.jspecify.annotations.Nullable;

/**
 * One lifecycle rule as S3 defines it. Immutable and thread-safe. At least one action is set (the
 * parser refuses a rule without any).
 *
 * @param id unique within its configuration, 1 to 255 characters
 * @param enabled {@code Status}: Enabled (true) or Disabled (false); disabled rules act on nothing
 * @param filter which objects (and uploads) the rule applies to
 * @param expiration the Expiration action, or null
 * @param noncurrentVersionExpiration the NoncurrentVersionExpiration action, or null
 * @param abortDaysAfterInitiation {@code AbortIncompleteMultipartUpload/DaysAfterInitiation}
 *     (positive), or null
 * @param transitions the Transition and NoncurrentVersionTransition actions, in document order
 */
public record LifecycleRule(
    String id,
    boolean enabled,
    RuleFilter filter,
    @Nullable Expiration expiration,
    @Nullable NoncurrentVersionExpiration noncurrentVersionExpiration,
    @Nullable Integer abortDaysAfterInitiation,
    java.util.List<Transition> transitions) {

  public LifecycleRule {
    if (filter == null) filter = RuleFilter.ALL;
    transitions = transitions == null ? java.util.List.of() : java.util.List.copyOf(transitions);
  }

  /** A rule without transition actions. */
  public LifecycleRule(
      String id,
      boolean enabled,
      RuleFilter filter,
      Expiration expiration,
      NoncurrentVersionExpiration noncurrentVersionExpiration,
      Integer abortDaysAfterInitiation) {
    this(
        id,
        enabled,
        filter,
        expiration,
        noncurrentVersionExpiration,
        abortDaysAfterInitiation,
        java.util.List.of());
  }

  /** Whether the rule moves current objects to another storage class. */
  public boolean transitionsObjects() {
    return transitions.stream().anyMatch(t -> !t.noncurrent());
  }

  /** Whether the rule moves noncurrent versions to another storage class. */
  public boolean transitionsNoncurrent() {
    return transitions.stream().anyMatch(Transition::noncurrent);
  }

  /** Whether the rule, when enabled, expires current objects (Expiration Days or Date). */
  public boolean expiresObjects() {
    return expiration != null && expiration.expiresObjects();
  }

  /** Whether the rule aborts incomplete multipart uploads. */
  public boolean abortsUploads() {
    return abortDaysAfterInitiation != null;
  }

  /**
   * Whether the rule acts on noncurrent versions (expiring or moving them) or delete markers, which
   * exist only in versioned buckets.
   */
  public boolean actsOnVersions() {
    return noncurrentVersionExpiration != null
        || transitionsNoncurrent()
        || expiration != null && Boolean.TRUE.equals(expiration.expiredObjectDeleteMarker());
  }
}
