package dev.dfs.store.local;

import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * A 128-bit name of a chunk file (random) or inline value (ascending, see {@link InlineIds}).
 * Never derived from user strings.
 * Immutable value; equal ids have equal {@code hi} and {@code lo}.
 */
record ChunkId(long hi, long lo) {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final HexFormat HEX = HexFormat.of();

  static ChunkId random() {
    return new ChunkId(RANDOM.nextLong(), RANDOM.nextLong());
  }

  static ChunkId fromBytes(byte[] b) {
    if (b.length != 16) throw new IllegalArgumentException("chunk id must be 16 bytes");
    return new ChunkId(HexFormat.fromHexDigitsToLong(HEX.formatHex(b, 0, 8)),
        HexFormat.fromHexDigitsToLong(HEX.formatHex(b, 8, 16)));
  }

  /** Parses 32 lower-case hex digits; null if {@code s} is not such a name. */
  static ChunkId parseHex(String s) {
    if (s.length() != 32) return null;
    for (int i = 0; i < 32; i++) {
      char c = s.charAt(i);
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return null;
    }
    return new ChunkId(HexFormat.fromHexDigitsToLong(s, 0, 16), HexFormat.fromHexDigitsToLong(s, 16, 32));
  }

  byte[] bytes() {
    byte[] b = new byte[16];
    for (int i = 0; i < 8; i++) {
      b[i] = (byte) (hi >>> (56 - 8 * i));
      b[8 + i] = (byte) (lo >>> (56 - 8 * i));
    }
    return b;
  }

  String hex() {
    return HEX.toHexDigits(hi) + HEX.toHexDigits(lo);
  }

  @Override
  public String toString() {
    return hex();
  }
}
