package dev.dfs.lifecycle;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The length of one lifecycle "day" ({@code DFS_LIFECYCLE_DAY_SECONDS}) and the arithmetic on it.
 * With the standard day (86,400 s) it behaves as S3: {@code Days} are added to a time and the
 * result is rounded up to the next midnight UTC (an object written 2014-01-15 10:30 with Days=3
 * expires 2014-01-19 00:00 UTC). With any other length nothing is rounded: the result is the time
 * plus {@code days × length}, so tests and demonstrations can watch rules act in seconds. Immutable
 * and thread-safe.
 *
 * @param length the length of a day, positive
 */
public record LifecycleDay(Duration length) {
  /**
   * The latest instant any computation returns: later results saturate here, so every result can
   * still be formatted as a date (year 999,999,999 is the last a calendar date can hold).
   */
  public static final Instant FAR_FUTURE = Instant.parse("+999999999-01-01T00:00:00Z");

  /** The standard day. */
  public static final LifecycleDay STANDARD = new LifecycleDay(Duration.ofDays(1));

  public LifecycleDay {
    if (length == null || length.isNegative() || length.isZero()) {
      throw new IllegalArgumentException("a lifecycle day must be positive");
    }
  }

  /** A day of {@code seconds} seconds (positive). */
  public static LifecycleDay ofSeconds(long seconds) {
    return new LifecycleDay(Duration.ofSeconds(seconds));
  }

  /** Whether this is the standard 24-hour day, whose results are rounded to midnight UTC. */
  public boolean standard() {
    return length.equals(STANDARD.length);
  }

  /**
   * {@code from} plus {@code days} lifecycle days; for the standard day rounded up to the next
   * midnight UTC (a result exactly at midnight stays). Saturates at {@link #FAR_FUTURE}.
   */
  public Instant plusDays(Instant from, int days) {
    Instant t;
    try {
      t = from.plus(length.multipliedBy(days));
    } catch (ArithmeticException | java.time.DateTimeException e) {
      return FAR_FUTURE;
    }
    if (t.isAfter(FAR_FUTURE)) return FAR_FUTURE;
    if (!standard()) return t;
    Instant midnight = t.truncatedTo(ChronoUnit.DAYS);
    return midnight.equals(t) ? t : midnight.plus(1, ChronoUnit.DAYS);
  }

  /**
   * How often the {@link LifecycleWorker} starts a pass: a quarter of a day, at most one hour, and
   * for days shorter than an hour at most one second (never below 50 ms).
   */
  public Duration workerInterval() {
    Duration quarter = length.dividedBy(4);
    Duration cap =
        length.compareTo(Duration.ofHours(1)) < 0 ? Duration.ofSeconds(1) : Duration.ofHours(1);
    Duration d = quarter.compareTo(cap) < 0 ? quarter : cap;
    return d.compareTo(Duration.ofMillis(50)) < 0 ? Duration.ofMillis(50) : d;
  }
}
