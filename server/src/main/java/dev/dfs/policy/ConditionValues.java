package dev.dfs.policy;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** Parsing of typed condition values (numbers, dates, booleans); null when not parseable. */
final class ConditionValues {
  private ConditionValues() {}

  static @Nullable BigDecimal number(@Nullable String s) {
    if (s == null || s.isBlank() || s.length() > 64) return null;
    try {
      return new BigDecimal(s.strip());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** ISO 8601 date-time (with offset or Z), ISO date, or epoch seconds. */
  static @Nullable Instant date(@Nullable String s) {
    if (s == null || s.isBlank()) return null;
    String t = s.strip();
    if (t.matches("-?\\d{1,12}")) return Instant.ofEpochSecond(Long.parseLong(t));
    try {
      return OffsetDateTime.parse(t).toInstant();
    } catch (DateTimeParseException e) {
      // fall through
    }
    try {
      return Instant.parse(t);
    } catch (DateTimeParseException e) {
      // fall through
    }
    try {
      return LocalDate.parse(t).atStartOfDay().toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  static @Nullable Boolean bool(@Nullable String s) {
    if (s == null) return null;
    return switch (s.strip().toLowerCase(Locale.ROOT)) {
      case "true" -> Boolean.TRUE;
      case "false" -> Boolean.FALSE;
      default -> null;
    };
  }
}
