package dev.dfs.bench;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Byte counts as people write them: {@code 4096}, {@code 4KiB}, {@code 1MiB}, {@code 1GiB} (powers
 * of 1024), {@code 4KB}, {@code 1MB} (powers of 1000), {@code 64k}/{@code 16m}/{@code 1g} (powers
 * of 1024, as dd and friends use them).
 */
public final class Sizes {
  private static final Pattern SIZE =
      Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([kmgt]i?b?|b)?", Pattern.CASE_INSENSITIVE);

  private Sizes() {}

  /** Parses one size; rejects negative, fractional-byte and unknown-unit values. */
  public static long parse(String text) {
    if (text == null) throw new IllegalArgumentException("size missing");
    Matcher m = SIZE.matcher(text.trim());
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "invalid size '" + text + "' (examples: 4096, 4KiB, 1MiB, 1GiB, 10MB)");
    }
    String unit = m.group(2) == null ? "" : m.group(2).toLowerCase(Locale.ROOT);
    long multiplier =
        switch (unit) {
          case "", "b" -> 1L;
          case "k", "ki", "kib" -> 1L << 10;
          case "m", "mi", "mib" -> 1L << 20;
          case "g", "gi", "gib" -> 1L << 30;
          case "t", "ti", "tib" -> 1L << 40;
          case "kb" -> 1_000L;
          case "mb" -> 1_000_000L;
          case "gb" -> 1_000_000_000L;
          case "tb" -> 1_000_000_000_000L;
          default -> throw new IllegalArgumentException("invalid size unit in '" + text + "'");
        };
    java.math.BigDecimal bytes =
        new java.math.BigDecimal(m.group(1)).multiply(java.math.BigDecimal.valueOf(multiplier));
    try {
      return bytes.longValueExact();
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException("size '" + text + "' is not a whole number of bytes");
    }
  }

  /**
   * Formats a byte count compactly with binary units: {@code 4KiB}, {@code 1.5MiB}, {@code 100B}.
   */
  public static String format(long bytes) {
    String[] units = {"B", "KiB", "MiB", "GiB", "TiB"};
    int u = 0;
    double v = bytes;
    while (u < units.length - 1 && Math.abs(v) >= 1024) {
      v /= 1024;
      u++;
    }
    if (v == Math.rint(v)) return String.format(Locale.ROOT, "%d%s", (long) v, units[u]);
    return String.format(Locale.ROOT, "%.2f%s", v, units[u]).replaceAll("\\.?0+(?=[A-Z])", "");
  }
}
