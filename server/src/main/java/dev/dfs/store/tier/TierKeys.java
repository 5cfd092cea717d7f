package dev.dfs.store.tier;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * The keys DFS writes into tiers: {@code ab/<32 hex digits>}, random, so a tier's layout fans out
 * like the chunk directory and no client string ever names a file or a remote key. Probe objects of
 * {@link Tier#verify()} live under {@value #PROBES}. Thread-safe.
 */
public final class TierKeys {
  /** Where verification probes are written; never counted as held objects. */
  static final String PROBES = "probe/";

  private static final Pattern KEY = Pattern.compile("([0-9a-f]{2}|probe)/[0-9a-f]{32}");
  private static final SecureRandom RANDOM = new SecureRandom();

  private TierKeys() {}

  /** A new random key. */
  public static String next() {
    byte[] b = new byte[16];
    RANDOM.nextBytes(b);
    String hex = HexFormat.of().formatHex(b);
    return hex.substring(0, 2) + "/" + hex;
  }

  /** A new probe key. */
  static String probe() {
    return PROBES + next().substring(3);
  }

  /** {@code key} if DFS could have made it; IllegalArgumentException otherwise. */
  static String check(String key) {
    if (key == null || !KEY.matcher(key).matches()) {
      throw new IllegalArgumentException("not a tier key: " + key);
    }
    return key;
  }
}
