package dev.dfs.s3;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * HTTP dates as S3 writes them ({@code Last-Modified}: RFC 1123 in GMT with a two-digit day) and
 * reads them (conditional headers: RFC 1123, RFC 850, asctime, and ISO-8601 as S3 also accepts).
 * Pure and thread-safe.
 */
final class HttpDates {
  private static final DateTimeFormatter RFC_1123_OUT =
      DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US)
          .withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter RFC_850 =
      DateTimeFormatter.ofPattern("EEEE, dd-MMM-yy HH:mm:ss 'GMT'", Locale.US);
  private static final DateTimeFormatter ASCTIME =
      DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss yyyy", Locale.US);
  private static final List<DateTimeFormatter> LOCAL_FORMATS = List.of(RFC_850, ASCTIME);

  private HttpDates() {}

  /** {@code Wed, 12 Oct 2009 17:50:00 GMT}, truncated to the second. */
  static String format(Instant time) {
    return RFC_1123_OUT.format(time.truncatedTo(ChronoUnit.SECONDS));
  }

  /** Parses an HTTP date; null when absent or not a date (S3 then ignores the header). */
  static @Nullable Instant parse(String value) {
    if (value == null || value.isBlank()) return null;
    String v = value.trim();
    try {
      return ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
    } catch (DateTimeParseException ignored) {
      // try the next format
    }
    for (DateTimeFormatter f : LOCAL_FORMATS) {
      try {
        return LocalDateTime.parse(v, f).toInstant(ZoneOffset.UTC);
      } catch (DateTimeParseException ignored) {
        // try the next format
      }
    }
    try {
      return Instant.parse(v);
    } catch (DateTimeParseException ignored) {
      return null;
    }
  }
}
