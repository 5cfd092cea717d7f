package dev.dfs.util;

import java.util.HexFormat;

/** Lower-case hexadecimal encoding, as S3 uses it for ETags and SigV4. */
public final class Hex {
  private static final HexFormat LOWER = HexFormat.of();

  private Hex() {}

  public static String encode(byte[] bytes) {
    return LOWER.formatHex(bytes);
  }

  /** Decodes hex; throws IllegalArgumentException on odd length or non-hex characters. */
  public static byte[] decode(CharSequence hex) {
    return LOWER.parseHex(hex);
  }
}
