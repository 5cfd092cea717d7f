package dev.dfs.util;

import org.jspecify.annotations.Nullable;

/**
 * Combines CRCs of consecutive byte sequences: given crc(A), crc(B) and |B|, computes crc(A‖B)
 * without the bytes, by multiplying crc(A) by x^(8|B|) modulo the CRC polynomial in GF(2) (the
 * method zlib's {@code crc32_combine} uses). Works for reflected CRCs whose initial value and final
 * xor are all ones: CRC-32, CRC-32C and CRC-64/NVME. Immutable, thread-safe.
 */
public final class CrcCombine {
  public static final CrcCombine CRC32 = new CrcCombine(0xEDB88320L, 32);
  public static final CrcCombine CRC32C = new CrcCombine(0x82F63B78L, 32);
  public static final CrcCombine CRC64NVME = new CrcCombine(0x9A6C9329AC4BC9B5L, 64);

  private final long poly;
  private final int width;
  private final long top;

  /** x2n[k] = x^(2^k) mod p. */
  private final long[] x2n = new long[64];

  private CrcCombine(long reflectedPoly, int width) {
    this.poly = reflectedPoly;
    this.width = width;
    this.top = 1L << (width - 1);
    x2n[0] = top >>> 1; // x^1
    for (int k = 1; k < 64; k++) x2n[k] = multModP(x2n[k - 1], x2n[k - 1]);
  }

  /** The combiner for {@code alg}, or null if it is not a CRC. */
  public static @Nullable CrcCombine of(ChecksumAlgorithm alg) {
    return switch (alg) {
      case CRC32 -> CRC32;
      case CRC32C -> CRC32C;
      case CRC64NVME -> CRC64NVME;
      default -> null;
    };
  }

  public int width() {
    return width;
  }

  private long multModP(long a, long b) {
    long m = top;
    long p = 0;
    while (true) {
      if ((a & m) != 0) {
        p ^= b;
        if ((a & (m - 1)) == 0) break;
      }
      m >>>= 1;
      b = (b & 1) != 0 ? (b >>> 1) ^ poly : b >>> 1;
    }
    return p;
  }

  /** x^(n·2^k) mod p. */
  private long x2nModP(long n, int k) {
    long p = top; // x^0
    while (n != 0) {
      if ((n & 1) != 0) p = multModP(x2n[k], p);
      n >>>= 1;
      k++;
    }
    return p;
  }

  /** crc(A‖B) from crc(A), crc(B) and the length of B in bytes. */
  public long combine(long crcA, long crcB, long lengthB) {
    if (lengthB == 0) return crcA;
    return multModP(x2nModP(lengthB, 3), crcA) ^ crcB;
  }

  /** Big-endian raw checksum bytes to a value. */
  public long fromBytes(byte[] raw) {
    long v = 0;
    for (byte b : raw) v = (v << 8) | (b & 0xFF);
    return v;
  }

  public byte[] toBytes(long v) {
    byte[] out = new byte[width / 8];
    for (int i = out.length - 1; i >= 0; i--) {
      out[i] = (byte) v;
      v >>>= 8;
    }
    return out;
  }
}
