package dev.dfs.store.local;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * RocksDB's {@link org.rocksdb.WriteBatch} representation ({@link org.rocksdb.WriteBatch#data()}):
 * a fixed64 sequence number and a fixed32 record count (both little-endian), then the records, each
 * self-delimiting. Pure functions over it.
 */
public final class WriteBatchRep {
  /** Bytes before the first record: sequence number (8) and count (4). */
  public static final int HEADER = 12;

  private WriteBatchRep() {}

  /**
   * One representation holding every record of {@code reps}, in order: the records appended and the
   * counts summed, the first one's sequence number kept (RocksDB assigns its own on write). This is
   * what RocksDB's {@code WriteBatchInternal::Append} does, so writing the result applies the same
   * records in the same order as writing the parts one after another, atomically. One part is
   * returned as it is.
   *
   * @throws IllegalArgumentException if {@code reps} is empty or a part is shorter than a header
   * @throws ArithmeticException if the result would not fit in an array or its count in 32 bits
   */
  public static byte[] concat(List<byte[]> reps) {
    if (reps.isEmpty()) throw new IllegalArgumentException("nothing to concatenate");
    if (reps.size() == 1) return reps.getFirst();
    int length = HEADER;
    long count = 0;
    for (byte[] rep : reps) {
      if (rep.length < HEADER)
        throw new IllegalArgumentException("not a WriteBatch representation: " + rep.length + " B");
      length = Math.addExact(length, rep.length - HEADER);
      count += count(rep);
    }
    int total = Math.toIntExact(count);
    byte[] out = new byte[length];
    System.arraycopy(reps.getFirst(), 0, out, 0, 8);
    int at = HEADER;
    for (byte[] rep : reps) {
      System.arraycopy(rep, HEADER, out, at, rep.length - HEADER);
      at += rep.length - HEADER;
    }
    for (int i = 0; i < 4; i++) out[8 + i] = (byte) (total >>> (8 * i));
    return out;
  }

  /** Receives the keys a representation's records write (see {@link #forEachKey}). */
  @FunctionalInterface
  public interface KeyVisitor {
    /**
     * A record writes {@code length} key bytes at {@code offset} of {@code rep} in column family
     * {@code cf} (0, the default family, for the record kinds without an id). The bytes are the
     * representation's own: read them, do not keep or change them.
     */
    void key(int cf, byte[] rep, int offset, int length);
  }

  /**
   * Walks the records of {@code rep} in order, in Java (no native batch, no copies): for each
   * record that writes keys (a put, delete, single delete, merge or blob index, and a range delete,
   * whose begin key is given) tells {@code visitor} its column family and key; log data and no-op
   * records write none. Returns false, having told only the records before it, at a record kind it
   * does not know (transaction markers, wide columns and kinds newer than these; a {@link
   * org.rocksdb.WriteBatch} never holds them here, see the callers) or if the representation is
   * malformed: the caller then falls back to RocksDB's own iteration. This is RocksDB's format
   * ({@code ReadRecordFromWriteBatch}): a tag byte, a varint32 family id for the column-family
   * kinds, then length-prefixed (varint32) slices.
   */
  public static boolean forEachKey(byte[] rep, KeyVisitor visitor) {
    if (rep.length < HEADER) return false;
    int[] at = {HEADER};
    while (at[0] < rep.length) {
      int tag = rep[at[0]++] & 0xFF;
      Kind kind = Kind.of(tag);
      if (kind == null) return false;
      int cf = kind.withFamily ? varint32(rep, at) : DEFAULT_FAMILY;
      if (cf < 0) return false;
      for (int slice = 0; slice < kind.slices; slice++) {
        int length = varint32(rep, at);
        if (length < 0 || length > rep.length - at[0]) return false;
        if (slice == 0 && kind.writesKey) visitor.key(cf, rep, at[0], length);
        at[0] += length;
      }
    }
    return true;
  }

  private static final int DEFAULT_FAMILY = 0;

  /** The record kinds {@link #forEachKey} knows, by RocksDB tag. */
  private enum Kind {
    DELETION(0x0, false, 1, true),
    VALUE(0x1, false, 2, true),
    MERGE(0x2, false, 2, true),
    LOG_DATA(0x3, false, 1, false),
    CF_DELETION(0x4, true, 1, true),
    CF_VALUE(0x5, true, 2, true),
    CF_MERGE(0x6, true, 2, true),
    SINGLE_DELETION(0x7, false, 1, true),
    CF_SINGLE_DELETION(0x8, true, 1, true),
    NOOP(0xD, false, 0, false),
    CF_RANGE_DELETION(0xE, true, 2, true),
    RANGE_DELETION(0xF, false, 2, true),
    CF_BLOB_INDEX(0x10, true, 2, true),
    BLOB_INDEX(0x11, false, 2, true);

    private static final @Nullable Kind[] BY_TAG = new Kind[0x12];

    static {
      for (Kind k : values()) BY_TAG[k.tag] = k;
    }

    final int tag;
    final boolean withFamily;
    final int slices;
    final boolean writesKey;

    Kind(int tag, boolean withFamily, int slices, boolean writesKey) {
      this.tag = tag;
      this.withFamily = withFamily;
      this.slices = slices;
      this.writesKey = writesKey;
    }

    static @Nullable Kind of(int tag) {
      return tag < BY_TAG.length ? BY_TAG[tag] : null;
    }
  }

  /**
   * Reads a varint32 at {@code at[0]} and moves past it; -1 if truncated or longer than 32 bits.
   */
  private static int varint32(byte[] rep, int[] at) {
    long value = 0;
    for (int shift = 0; shift <= 28 && at[0] < rep.length; shift += 7) {
      int b = rep[at[0]++] & 0xFF;
      value |= (long) (b & 0x7F) << shift;
      if ((b & 0x80) == 0) return value > Integer.MAX_VALUE ? -1 : (int) value;
    }
    return -1;
  }

  /** The record count in a representation's header (unsigned 32-bit). */
  public static long count(byte[] rep) {
    long c = 0;
    for (int i = 0; i < 4; i++) c |= (rep[8 + i] & 0xFFL) << (8 * i);
    return c;
  }
}
