package dev.dfs.store.local;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * Appends a compact binary encoding to a growable byte array: unsigned varints, fixed-width
 * big-endian numbers, length-prefixed byte strings and nullable UTF-8 strings. The counterpart is
 * {@link BinReader}. Not thread-safe.
 */
final class BinWriter {
  private byte[] buf;
  private int len;

  BinWriter(int initialCapacity) {
    buf = new byte[Math.max(16, initialCapacity)];
  }

  BinWriter() {
    this(64);
  }

  private void ensure(int extra) {
    if (len + extra > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + extra));
    }
  }

  BinWriter u8(int v) {
    ensure(1);
    buf[len++] = (byte) v;
    return this;
  }

  /** Unsigned LEB128 varint of a non-negative long. */
  BinWriter varint(long v) {
    if (v < 0) throw new IllegalArgumentException("negative varint " + v);
    ensure(10);
    while ((v & ~0x7FL) != 0) {
      buf[len++] = (byte) ((v & 0x7F) | 0x80);
      v >>>= 7;
    }
    buf[len++] = (byte) v;
    return this;
  }

  BinWriter i32(int v) {
    ensure(4);
    buf[len++] = (byte) (v >>> 24);
    buf[len++] = (byte) (v >>> 16);
    buf[len++] = (byte) (v >>> 8);
    buf[len++] = (byte) v;
    return this;
  }

  BinWriter i64(long v) {
    ensure(8);
    for (int shift = 56; shift >= 0; shift -= 8) buf[len++] = (byte) (v >>> shift);
    return this;
  }

  BinWriter raw(byte[] b) {
    ensure(b.length);
    System.arraycopy(b, 0, buf, len, b.length);
    len += b.length;
    return this;
  }

  /**
   * Length-prefixed bytes; null is written as length 0 plus a marker via {@link #nullableBytes}.
   */
  BinWriter bytes(byte[] b) {
    varint(b.length);
    return raw(b);
  }

  /** Nullable byte string: varint(length + 1), 0 meaning null. */
  BinWriter nullableBytes(byte @Nullable [] b) {
    if (b == null) return varint(0);
    varint(b.length + 1L);
    return raw(b);
  }

  /** Nullable UTF-8 string: varint(byteLength + 1), 0 meaning null. */
  BinWriter str(@Nullable String s) {
    return nullableBytes(s == null ? null : s.getBytes(StandardCharsets.UTF_8));
  }

  byte[] toByteArray() {
    return Arrays.copyOf(buf, len);
  }
}
