package dev.dfs.store.local;

import java.security.SecureRandom;
import java.util.HexFormat;
import org.jspecify.annotations.Nullable;

/**
 * Where a version sorts among its key's versions, and (for versions that are not the null version)
 * its id: 8 bytes {@code Long.MAX_VALUE - microseconds since the epoch} then 8 random bytes,
 * big-endian, so newer versions sort first in RocksDB byte order. The id on the wire is the 32
 * lower-case hex digits of these 16 bytes: URL-safe, opaque, unguessable. Immutable.
 *
 * @param inverted {@code Long.MAX_VALUE} minus the write time in microseconds (never negative)
 * @param random random bits that make ids unique across keys
 */
record VersionKey(long inverted, long random) {
  static final int BYTES = 16;
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final HexFormat HEX = HexFormat.of();

  /**
   * A fresh key for a version written at {@code micros}, sorting strictly before (newer than)
   * {@code newest}, the key's current newest version (null if none), even when the clock stands
   * still or steps back.
   */
  static VersionKey next(long micros, @Nullable VersionKey newest) {
    long inv = Long.MAX_VALUE - micros;
    if (newest != null && inv >= newest.inverted()) inv = newest.inverted() - 1;
    return new VersionKey(inv, RANDOM.nextLong());
  }

  /** The key given to an object stored before versions existed, from its write time. */
  static VersionKey legacy(long lastModifiedMillis) {
    return new VersionKey(Long.MAX_VALUE - lastModifiedMillis * 1000, 0);
  }

  static long nowMicros(java.time.Clock clock) {
    java.time.Instant now = clock.instant();
    return now.getEpochSecond() * 1_000_000 + now.getNano() / 1000;
  }

  static VersionKey fromBytes(byte[] b, int offset) {
    long hi = 0;
    long lo = 0;
    for (int i = 0; i < 8; i++) {
      hi = (hi << 8) | (b[offset + i] & 0xFF);
      lo = (lo << 8) | (b[offset + 8 + i] & 0xFF);
    }
    return new VersionKey(hi, lo);
  }

  /** Parses a version id (32 lower-case hex digits); null if {@code id} is not one. */
  static @Nullable VersionKey parseId(String id) {
    if (id == null || id.length() != 32) return null;
    for (int i = 0; i < 32; i++) {
      char c = id.charAt(i);
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return null;
    }
    return new VersionKey(
        HexFormat.fromHexDigitsToLong(id, 0, 16), HexFormat.fromHexDigitsToLong(id, 16, 32));
  }

  byte[] bytes() {
    byte[] b = new byte[BYTES];
    for (int i = 0; i < 8; i++) {
      b[i] = (byte) (inverted >>> (56 - 8 * i));
      b[8 + i] = (byte) (random >>> (56 - 8 * i));
    }
    return b;
  }

  /** The wire id of a version that is not the null version. */
  String id() {
    return HEX.toHexDigits(inverted) + HEX.toHexDigits(random);
  }
}
