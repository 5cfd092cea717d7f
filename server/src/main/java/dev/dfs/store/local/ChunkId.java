package dev.dfs.store.local;

import java.security.SecureRandom;
import java.util.HexFormat;
import org.jspecify.annotations.Nullable;

/**
 * A 128-bit name of a chunk file (random) or inline value (ascending, see {@link InlineIds}). Never
 * derived from user strings. Public so that the cluster engine can name the chunks it places and
 * replicates through {@link ChunkVolume}. Immutable value; equal ids have equal {@code hi} and
 * {@code lo}.
 */
public record ChunkId(long hi, long lo) {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final HexFormat HEX = HexFormat.of();

  public static ChunkId random() {
    return new ChunkId(RANDOM.nextLong(), RANDOM.nextLong());
  }

  public static ChunkId fromBytes(byte[] b) {
    if (b.length != 16) throw new IllegalArgumentException("chunk id must be 16 bytes");
    return new ChunkId(
        HexFormat.fromHexDigitsToLong(HEX.formatHex(b, 0, 8)),
        HexFormat.fromHexDigitsToLong(HEX.formatHex(b, 8, 16)));
  }

  /** Parses 32 lower-case hex digits; null if {@code s} is not such a name. */
  public static @Nullable ChunkId parseHex(String s) {
    if (s.length() != 32) return null;
    for (int i = 0; i < 32; i++) {
      char c = s.charAt(i);
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return null;
    }
    return new ChunkId(
        HexFormat.fromHexDigitsToLong(s, 0, 16), HexFormat.fromHexDigitsToLong(s, 16, 32));
  }

  public byte[] bytes() {
    byte[] b = new byte[16];
    for (int i = 0; i < 8; i++) {
      b[i] = (byte) (hi >>> (56 - 8 * i));
      b[8 + i] = (byte) (lo >>> (56 - 8 * i));
    }
    return b;
  }

  public String hex() {
    return HEX.toHexDigits(hi) + HEX.toHexDigits(lo);
  }

  @Override
  public String toString() {
    return hex();
  }
}
