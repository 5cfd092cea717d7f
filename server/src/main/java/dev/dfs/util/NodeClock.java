package dev.dfs.util;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * The clock a server stamps times with: the system's, or, only when the test hook {@value
 * #OFFSET_ENV} is set, the system's shifted by that many milliseconds (negative: behind). The fault
 * suite uses it to run one cluster node with a skewed clock without touching the host's
 * (libfaketime made the JVM spin at start). Never set it in production: a node's object times,
 * SigV4 skew check and node-to-node request stamps all follow it. The server makes one such clock
 * at start and hands it to its components through their constructors.
 */
public final class NodeClock {
  /** The test hook's environment variable: an offset in milliseconds, e.g. {@code -120000}. */
  public static final String OFFSET_ENV = "DFS_TEST_CLOCK_OFFSET_MS";

  private NodeClock() {}

  /**
   * The system clock (UTC), offset by {@code env}'s {@value #OFFSET_ENV} when that is set.
   *
   * @throws IllegalArgumentException the variable is set but not a whole number of milliseconds
   */
  public static Clock from(Map<String, String> env) {
    return offset(offsetMillis(env));
  }

  /**
   * {@code env}'s {@value #OFFSET_ENV} in milliseconds; 0 when unset.
   *
   * @throws IllegalArgumentException the variable is set but not a whole number of milliseconds
   */
  public static long offsetMillis(Map<String, String> env) {
    String v = env.get(OFFSET_ENV);
    if (v == null || v.isBlank()) return 0;
    try {
      return Long.parseLong(v.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "Invalid value for "
              + OFFSET_ENV
              + ": '"
              + v
              + "' (expected a whole number of milliseconds, e.g. -120000)",
          e);
    }
  }

  /** The system clock (UTC) shifted by {@code millis}. */
  public static Clock offset(long millis) {
    return millis == 0 ? system() : Clock.offset(system(), Duration.ofMillis(millis));
  }

  /**
   * The system clock (UTC), unshifted: the default of the convenience constructors that tests and
   * tools use. The only place main code outside the CLI and the bench takes the system's time
   * ({@code ArchitectureTest.timeComesFromTheOneClock}); a server hands its {@link #from} clock on.
   */
  public static Clock system() {
    return Clock.systemUTC();
  }
}
