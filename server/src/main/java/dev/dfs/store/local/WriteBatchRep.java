package dev.dfs.store.local;

import java.util.List;

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

  /** The record count in a representation's header (unsigned 32-bit). */
  public static long count(byte[] rep) {
    long c = 0;
    for (int i = 0; i < 4; i++) c |= (rep[8 + i] & 0xFFL) << (8 * i);
    return c;
  }
}
