package dev.dfs.store.local;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * Reads what {@link BinWriter} wrote. Throws {@link IllegalStateException} on truncated or
 * malformed input (a corrupt metadata value). Not thread-safe.
 */
final class BinReader {
  private final byte[] buf;
  private int pos;

  BinReader(byte[] buf) {
    this.buf = buf;
  }

  private void need(int n) {
    if (n < 0 || pos + n > buf.length) {
      throw new IllegalStateException(
          "truncated record at " + pos + " (+" + n + " of " + buf.length + ")");
    }
  }

  int u8() {
    need(1);
    return buf[pos++] & 0xFF;
  }

  long varint() {
    long v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      int b = u8();
      v |= (long) (b & 0x7F) << shift;
      if ((b & 0x80) == 0) return v;
    }
    throw new IllegalStateException("varint too long");
  }

  int varintInt() {
    long v = varint();
    if (v > Integer.MAX_VALUE) throw new IllegalStateException("varint out of int range: " + v);
    return (int) v;
  }

  int i32() {
    need(4);
    int v =
        ((buf[pos] & 0xFF) << 24)
            | ((buf[pos + 1] & 0xFF) << 16)
            | ((buf[pos + 2] & 0xFF) << 8)
            | (buf[pos + 3] & 0xFF);
    pos += 4;
    return v;
  }

  long i64() {
    need(8);
    long v = 0;
    for (int i = 0; i < 8; i++) v = (v << 8) | (buf[pos++] & 0xFF);
    return v;
  }

  byte[] raw(int n) {
    need(n);
    byte[] out = Arrays.copyOfRange(buf, pos, pos + n);
    pos += n;
    return out;
  }

  byte[] bytes() {
    return raw(varintInt());
  }

  byte @Nullable [] nullableBytes() {
    long n = varint();
    if (n == 0) return null;
    return raw(Math.toIntExact(n - 1));
  }

  @Nullable String str() {
    byte[] b = nullableBytes();
    return b == null ? null : new String(b, StandardCharsets.UTF_8);
  }

  /**
   * A string its writer never leaves null (a {@link BinWriter#str} of a required value);
   * IllegalStateException, a record that does not decode, when it is null.
   */
  String requiredStr() {
    String s = str();
    if (s == null) throw new IllegalStateException("a required string is null");
    return s;
  }

  boolean atEnd() {
    return pos == buf.length;
  }
}
