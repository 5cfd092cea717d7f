package dev.dfs.util;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;

/**
 * The additional checksum algorithms S3 clients may ask for ({@code x-amz-checksum-*}). Each value
 * knows its wire name (header suffix {@code crc32}, XML/enum name {@code CRC32}) and makes fresh
 * running checksums. Running checksums are not thread-safe.
 */
public enum ChecksumAlgorithm {
  CRC32("crc32"),
  CRC32C("crc32c"),
  CRC64NVME("crc64nvme"),
  SHA1("sha1"),
  SHA256("sha256");

  private final String headerSuffix;

  ChecksumAlgorithm(String headerSuffix) {
    this.headerSuffix = headerSuffix;
  }

  /** The header that carries this checksum, e.g. {@code x-amz-checksum-crc32c}. */
  public String headerName() {
    return "x-amz-checksum-" + headerSuffix;
  }

  /**
   * The name used in {@code x-amz-sdk-checksum-algorithm}, XML elements and trailers' algorithm.
   */
  public String wireName() {
    return name();
  }

  /** Parses {@code CRC32}, {@code crc32c}, … case-insensitively. */
  public static Optional<ChecksumAlgorithm> fromWireName(String value) {
    if (value == null) return Optional.empty();
    String upper = value.trim().toUpperCase(Locale.ROOT);
    for (ChecksumAlgorithm a : values()) {
      if (a.name().equals(upper)) return Optional.of(a);
    }
    return Optional.empty();
  }

  /** Finds the algorithm whose header is {@code headerName} (lower-case), if any. */
  public static Optional<ChecksumAlgorithm> fromHeaderName(String headerName) {
    for (ChecksumAlgorithm a : values()) {
      if (a.headerName().equalsIgnoreCase(headerName)) return Optional.of(a);
    }
    return Optional.empty();
  }

  /** A new running checksum of this algorithm. */
  public RunningChecksum newChecksum() {
    return switch (this) {
      case CRC32 -> new IntChecksum(new CRC32());
      case CRC32C -> new IntChecksum(new CRC32C());
      case CRC64NVME -> new Crc64Nvme();
      case SHA1 -> new DigestChecksum("SHA-1");
      case SHA256 -> new DigestChecksum("SHA-256");
    };
  }

  /** A checksum being computed over a stream of bytes. Not thread-safe. */
  public interface RunningChecksum {
    void update(byte[] buf, int off, int len);

    /** The raw checksum bytes (big-endian for CRCs); ends the computation. */
    byte[] finish();

    /** {@link #finish()} encoded as S3 sends it: standard base64. */
    default String finishBase64() {
      return Base64.getEncoder().encodeToString(finish());
    }
  }

  private static final class IntChecksum implements RunningChecksum {
    private final java.util.zip.Checksum crc;

    IntChecksum(java.util.zip.Checksum crc) {
      this.crc = crc;
    }

    @Override
    public void update(byte[] buf, int off, int len) {
      crc.update(buf, off, len);
    }

    @Override
    public byte[] finish() {
      long v = crc.getValue();
      return new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
    }
  }

  private static final class DigestChecksum implements RunningChecksum {
    private final MessageDigest digest;

    DigestChecksum(String name) {
      try {
        digest = MessageDigest.getInstance(name);
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException(name + " missing from this JDK", e);
      }
    }

    @Override
    public void update(byte[] buf, int off, int len) {
      digest.update(buf, off, len);
    }

    @Override
    public byte[] finish() {
      return digest.digest();
    }
  }

  /** CRC-64/NVME: reflected polynomial 0x9A6C9329AC4BC9B5, init and xor-out all ones. */
  private static final class Crc64Nvme implements RunningChecksum {
    private static final long[] TABLE = new long[256];

    static {
      for (int i = 0; i < 256; i++) {
        long c = i;
        for (int k = 0; k < 8; k++) {
          c = (c & 1) != 0 ? (c >>> 1) ^ 0x9A6C9329AC4BC9B5L : c >>> 1;
        }
        TABLE[i] = c;
      }
    }

    private long crc = -1L;

    @Override
    public void update(byte[] buf, int off, int len) {
      long c = crc;
      for (int i = off, end = off + len; i < end; i++) {
        c = TABLE[(int) ((c ^ buf[i]) & 0xFF)] ^ (c >>> 8);
      }
      crc = c;
    }

    @Override
    public byte[] finish() {
      long v = ~crc;
      byte[] out = new byte[8];
      for (int i = 7; i >= 0; i--) {
        out[i] = (byte) v;
        v >>>= 8;
      }
      return out;
    }
  }
}
