package dev.dfs.bench;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Durations as {@code 30s}, {@code 500ms}, {@code 5m}, {@code 1h}, {@code 1m30s} or plain seconds.
 */
public final class Durations {
  private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h)");

  private Durations() {}

  public static Duration parse(@Nullable String text) {
    if (text == null || text.isBlank()) throw new IllegalArgumentException("duration missing");
    String t = text.trim().toLowerCase(Locale.ROOT);
    if (t.matches("\\d+(\\.\\d+)?")) return ofSeconds(Double.parseDouble(t));
    Matcher m = PART.matcher(t);
    int at = 0;
    double nanos = 0;
    while (m.find() && m.start() == at) {
      double v = Double.parseDouble(m.group(1));
      nanos +=
          v
              * switch (m.group(2)) {
                case "ms" -> 1e6;
                case "s" -> 1e9;
                case "m" -> 60e9;
                default -> 3600e9;
              };
      at = m.end();
    }
    if (at == 0 || at != t.length()) {
      throw new IllegalArgumentException(
          "invalid duration '" + text + "' (examples: 30s, 500ms, 5m, 1h, 1m30s)");
    }
    return Duration.ofNanos(Math.round(nanos));
  }

  private static Duration ofSeconds(double s) {
    return Duration.ofNanos(Math.round(s * 1e9));
  }

  /** {@code 1m30s}, {@code 30s}, {@code 1.5s}, {@code 250ms}. */
  public static String format(Duration d) {
    long ms = d.toMillis();
    if (ms < 1000) return ms + "ms";
    if (ms % 1000 != 0 && ms < 60_000) {
      return String.format(Locale.ROOT, "%.3fs", ms / 1000.0).replaceAll("0+s$", "s");
    }
    long s = ms / 1000;
    StringBuilder b = new StringBuilder();
    if (s >= 3600) b.append(s / 3600).append('h');
    if (s % 3600 >= 60) b.append(s % 3600 / 60).append('m');
    if (s % 60 != 0 || b.isEmpty()) b.append(s % 60).append('s');
    return b.toString();
  }
}
