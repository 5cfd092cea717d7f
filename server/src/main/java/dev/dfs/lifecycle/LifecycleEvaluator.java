package dev.dfs.lifecycle;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Decides, purely from a configuration and an entry's facts, when the entry expires and by which
 * rule. Only enabled rules count; when several apply, the earliest expiry wins (S3 picks the
 * shorter expiration), ties going to the rule listed first. No I/O, no clock: the caller compares
 * the result with its own "now". Immutable and thread-safe.
 */
public final class LifecycleEvaluator {
  private final LifecycleDay day;

  public LifecycleEvaluator(LifecycleDay day) {
    this.day = day;
  }

  public LifecycleDay day() {
    return day;
  }

  /**
   * When the current object with these facts expires under {@code config} (Expiration Days: last
   * modification plus that many lifecycle days; Expiration Date: midnight UTC of that day), or
   * empty when no enabled rule expires it.
   */
  public Optional<Expiry> objectExpiry(
      LifecycleConfiguration config,
      String key,
      long size,
      Map<String, String> tags,
      Instant lastModified) {
    Expiry best = null;
    for (LifecycleRule rule : config.rules()) {
      if (!rule.enabled() || !rule.expiresObjects()) continue;
      if (!rule.filter().matches(key, size, tags)) continue;
      Expiration e = rule.expiration();
      if (e == null) continue; // expiresObjects() says there is one
      Instant at = due(lastModified, e.days(), e.date());
      if (best == null || at.isBefore(best.at())) best = new Expiry(at, rule.id());
    }
    return Optional.ofNullable(best);
  }

  /**
   * The storage class the current object with these facts should be in by {@code now} under {@code
   * config}'s Transition actions: of the enabled, matching transitions whose time has come (last
   * modification plus Days, or midnight UTC of Date), the one that came last (the coldest step so
   * far), ties going to the rule listed first; empty when none is due.
   */
  public Optional<Transition> objectTransition(
      LifecycleConfiguration config,
      String key,
      long size,
      Map<String, String> tags,
      Instant lastModified,
      Instant now) {
    Transition best = null;
    Instant bestAt = null;
    for (LifecycleRule rule : config.rules()) {
      if (!rule.enabled() || !rule.transitionsObjects()) continue;
      if (!rule.filter().matches(key, size, tags)) continue;
      for (Transition t : rule.transitions()) {
        if (t.noncurrent()) continue;
        Instant at = due(lastModified, t.days(), t.date());
        if (at.isAfter(now)) continue;
        if (bestAt == null || at.isAfter(bestAt)) {
          best = t;
          bestAt = at;
        }
      }
    }
    return Optional.ofNullable(best);
  }

  /**
   * When a noncurrent version expires (NoncurrentVersionExpiration: the moment it became
   * noncurrent, i.e. its successor's write, plus NoncurrentDays lifecycle days), or empty when no
   * enabled rule expires it. A rule with NewerNoncurrentVersions N keeps the N newest noncurrent
   * versions of a key whatever their age. For the {@link VersionSweeper} of a versioned engine.
   *
   * @param newerNoncurrent how many noncurrent versions of the same key are newer than this one
   */
  public Optional<Expiry> noncurrentExpiry(
      LifecycleConfiguration config,
      String key,
      long size,
      Map<String, String> tags,
      Instant becameNoncurrent,
      int newerNoncurrent) {
    Expiry best = null;
    for (LifecycleRule rule : config.rules()) {
      NoncurrentVersionExpiration n = rule.noncurrentVersionExpiration();
      if (!rule.enabled() || n == null) continue;
      if (!rule.filter().matches(key, size, tags)) continue;
      if (n.newerNoncurrentVersions() != null && newerNoncurrent < n.newerNoncurrentVersions()) {
        continue;
      }
      Instant at = day.plusDays(becameNoncurrent, n.noncurrentDays());
      if (best == null || at.isBefore(best.at())) best = new Expiry(at, rule.id());
    }
    return Optional.ofNullable(best);
  }

  /**
   * The storage class a noncurrent version should be in by {@code now} under {@code config}'s
   * NoncurrentVersionTransition actions: of the enabled, matching ones whose time has come (the
   * moment the version became noncurrent plus NoncurrentDays), the one that came last (the coldest
   * step so far), ties going to the rule listed first; empty when none is due. An action with
   * NewerNoncurrentVersions N leaves the N newest noncurrent versions where they are, whatever
   * their age, as S3 does.
   *
   * @param newerNoncurrent how many noncurrent versions of the same key are newer than this one
   */
  public Optional<Transition> noncurrentTransition(
      LifecycleConfiguration config,
      String key,
      long size,
      Map<String, String> tags,
      Instant becameNoncurrent,
      int newerNoncurrent,
      Instant now) {
    Transition best = null;
    Instant bestAt = null;
    for (LifecycleRule rule : config.rules()) {
      if (!rule.enabled() || !rule.transitionsNoncurrent()) continue;
      if (!rule.filter().matches(key, size, tags)) continue;
      for (Transition t : rule.transitions()) {
        if (!t.noncurrent()) continue;
        if (t.newerNoncurrentVersions() != null && newerNoncurrent < t.newerNoncurrentVersions()) {
          continue;
        }
        Instant at = due(becameNoncurrent, t.days(), t.date()); // noncurrent: days
        if (at.isAfter(now)) continue;
        if (bestAt == null || at.isAfter(bestAt)) {
          best = t;
          bestAt = at;
        }
      }
    }
    return Optional.ofNullable(best);
  }

  /**
   * The rule that removes an expired object delete marker of {@code key} (a delete marker that is
   * the only version left), or empty: an enabled rule whose filter selects the key and whose
   * Expiration says {@code ExpiredObjectDeleteMarker=true}. Delete markers carry no tags or size,
   * so only the prefix counts (the parser refuses tag filters with this action).
   */
  public Optional<String> expiredDeleteMarkerRule(LifecycleConfiguration config, String key) {
    for (LifecycleRule rule : config.rules()) {
      if (!rule.enabled() || rule.expiration() == null) continue;
      if (!Boolean.TRUE.equals(rule.expiration().expiredObjectDeleteMarker())) continue;
      if (rule.filter().sizeGreaterThan() != null || rule.filter().sizeLessThan() != null) continue;
      if (key.startsWith(rule.filter().prefix())) return Optional.of(rule.id());
    }
    return Optional.empty();
  }

  /**
   * When an incomplete multipart upload of {@code key} started at {@code initiated} is to be
   * aborted (AbortIncompleteMultipartUpload: initiation plus DaysAfterInitiation lifecycle days),
   * or empty when no enabled rule aborts it. Only prefix filters select uploads.
   */
  public Optional<Expiry> uploadAbort(
      LifecycleConfiguration config, String key, Instant initiated) {
    Expiry best = null;
    for (LifecycleRule rule : config.rules()) {
      Integer abortDays = rule.abortDaysAfterInitiation(); // null: the rule aborts no upload
      if (!rule.enabled() || abortDays == null) continue;
      if (!rule.filter().matchesUpload(key)) continue;
      Instant at = day.plusDays(initiated, abortDays);
      if (best == null || at.isBefore(best.at())) best = new Expiry(at, rule.id());
    }
    return Optional.ofNullable(best);
  }

  /** {@code days} lifecycle days after {@code start}, else midnight UTC of {@code date}. */
  private Instant due(Instant start, @Nullable Integer days, @Nullable LocalDate date) {
    if (days != null) return day.plusDays(start, days);
    // Transition refuses neither; an Expiration with neither expires no object (expiresObjects)
    return Objects.requireNonNull(date, "an action has days or a date")
        .atStartOfDay(ZoneOffset.UTC)
        .toInstant();
  }
}
