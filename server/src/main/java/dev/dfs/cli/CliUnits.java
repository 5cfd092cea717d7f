package dev.dfs.cli;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sizes and durations as operators type and read them: {@code 10GiB}, {@code 500MB}, {@code
 * 1048576}; {@code 1h}, {@code 90m}, {@code 1h30m}, {@code 7d}. Pure.
 */
final class CliUnits {
  private static final Pattern SIZE =
      Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([kmgtp]?)(i?)(b?)", Pattern.CASE_INSENSITIVE);
  private static final Pattern DURATION_PART = Pattern.compile("(\\d+)([smhd])");
  private static final String[] BINARY = {"B", "KiB", "MiB", "GiB", "TiB", "PiB"};

  private CliUnits() {}

  /**
   * Bytes of a size: a number with an optional unit, KB MB GB TB PB (powers of 1000) or KiB MiB GiB
   * TiB PiB and the bare K M G T P (powers of 1024); case does not matter.
   */
  static long bytes(String text) {
    Matcher m = SIZE.matcher(text.strip());
    if (!m.matches() || (m.group(2).isEmpty() && !m.group(3).isEmpty())) {
      throw new AdminFailure("'" + text + "' is not a size (e.g. 10GiB, 500MB, 1048576)");
    }
    String prefix = m.group(2).toUpperCase(Locale.ROOT);
    boolean decimal = m.group(3).isEmpty() && !m.group(4).isEmpty();
    int power = prefix.isEmpty() ? 0 : "KMGTP".indexOf(prefix) + 1;
    BigDecimal value =
        new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(decimal ? 1000 : 1024).pow(power));
    try {
      return value.setScale(0, java.math.RoundingMode.CEILING).longValueExact();
    } catch (ArithmeticException e) {
      throw new AdminFailure("'" + text + "' is too large a size");
    }
  }

  /** {@code bytes} in the largest binary unit that keeps it at least 1, e.g. {@code 1.5 GiB}. */
  static String size(long bytes) {
    if (bytes < 1024) return bytes + " B";
    double v = bytes;
    int unit = 0;
    while (v >= 1024 && unit < BINARY.length - 1) {
      v /= 1024;
      unit++;
    }
    return String.format(Locale.ROOT, "%.1f %s", v, BINARY[unit]);
  }

  /** A duration such as {@code 45s}, {@code 30m}, {@code 1h30m} or {@code 7d}. */
  static Duration duration(String text) {
    String t = text.strip().toLowerCase(Locale.ROOT);
    Matcher m = DURATION_PART.matcher(t);
    Duration total = Duration.ZERO;
    int end = 0;
    while (m.find() && m.start() == end) {
      long n = Long.parseLong(m.group(1));
      total =
          total.plus(
              switch (m.group(2)) {
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
              });
      end = m.end();
    }
    if (end == 0 || end != t.length()) {
      throw new AdminFailure("'" + text + "' is not a duration (e.g. 45s, 30m, 1h30m, 7d)");
    }
    return total;
  }
}
