package dev.dfs.auth;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import org.jspecify.annotations.Nullable;

/**
 * The request timestamps SigV4 uses: {@code 20130524T000000Z} ({@code x-amz-date}, {@code
 * X-Amz-Date}) and the RFC 1123 {@code Date} header as a fallback. Stateless.
 */
final class AmzDate {
  private static final DateTimeFormatter BASIC =
      DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  private AmzDate() {}

  /** Parses {@code yyyyMMdd'T'HHmmss'Z'}; null when malformed. */
  static @Nullable Instant parseBasic(@Nullable String value) {
    if (value == null || value.length() != 16) return null;
    try {
      return LocalDateTime.parse(value, BASIC).toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /** Parses an RFC 1123 date ({@code Fri, 24 May 2013 00:00:00 GMT}); null when malformed. */
  static @Nullable Instant parseHttpDate(@Nullable String value) {
    if (value == null) return null;
    try {
      return ZonedDateTime.parse(value.strip(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  static String formatBasic(Instant instant) {
    return BASIC.format(instant);
  }

  static boolean isDateStamp(String value) {
    if (value == null || value.length() != 8) return false;
    for (int i = 0; i < 8; i++) {
      char c = value.charAt(i);
      if (c < '0' || c > '9') return false;
    }
    return true;
  }
}
