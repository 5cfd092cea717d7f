package dev.dfs.store.local;

import dev.dfs.util.CrcCombine;
import java.nio.ByteBuffer;
import java.util.zip.CRC32C;
import org.jspecify.annotations.Nullable;

/**
 * Layout of a chunk file. Version 2 is written; version 1 files stay readable.
 *
 * <pre>
 *   version 2
 *   header  32 bytes: magic "DFSC", version u8 (=2), 3 zero bytes, blockSize i32, 4 zero bytes,
 *           the chunk's own id (16 bytes: hi, lo big-endian)
 *   blocks  each: up to blockSize data bytes (only the last block may be shorter), then its
 *           check, i32 big-endian: CRC32C(data) XOR tag(id, index), where
 *           tag(id, index) = CRC32C(id's 16 bytes ‖ index as 8 bytes big-endian)
 *
 *   version 1
 *   header  16 bytes: magic "DFSC", version u8 (=1), 3 zero bytes, blockSize i32, 4 zero bytes
 *   blocks  as version 2 with tag = 0: the check is the plain CRC32C of the data
 * </pre>
 *
 * Why the tag: a version-1 check covers a block's bytes only, so two blocks swapped together with
 * their checks, or a whole file replaced by another chunk of the same length, read back as valid
 * with the wrong bytes. Binding each check to the chunk id and block index makes a misplaced block
 * fail exactly like a flipped bit, and the id in the header lets a misplaced file be refused at
 * open, before a response starts. The tag is XORed onto the data's CRC rather than fed through the
 * CRC, so it costs one CRC over 24 bytes per block (no extra pass over the data) and the data's
 * plain CRC32C stays recoverable ({@code check ^ tag}) for combining into a whole-object CRC32C
 * ({@link CrcCombine}). Two tags of one chunk never collide (the indexes differ in fewer than 32
 * bits, which CRC32C always detects); tags of different chunks collide with probability 2^-32,
 * CRC32C's own strength.
 *
 * <p>The block size is recorded per file, so it can change between releases without rewriting data.
 * The data length is kept in metadata and must match the file length (see {@link
 * Layout#fileLength}); a ranged read touches only the blocks it needs. Stateless.
 */
final class ChunkFormat {
  static final int CRC_SIZE = 4;

  /** The version this build writes. */
  static final int VERSION = 2;

  static final int V1_HEADER_SIZE = 16;
  static final int V2_HEADER_SIZE = 32;
  private static final int MAGIC = 0x44465343; // "DFSC"

  private ChunkFormat() {}

  /**
   * Where things are in one chunk file: its version, block size and (version 2) id. Immutable.
   *
   * @param id the id whose tags bind the checks (version 2), null for version 1
   */
  record Layout(int version, int blockSize, @Nullable ChunkId id) {
    int headerSize() {
      return version == 1 ? V1_HEADER_SIZE : V2_HEADER_SIZE;
    }

    /** Length of a chunk file holding {@code dataLength} bytes. */
    long fileLength(long dataLength) {
      long blocks = (dataLength + blockSize - 1) / blockSize;
      return headerSize() + dataLength + blocks * CRC_SIZE;
    }

    /** File offset of block {@code index}. */
    long blockOffset(long index) {
      return headerSize() + index * ((long) blockSize + CRC_SIZE);
    }

    /** What is XORed onto block {@code index}'s data CRC32C to give its stored check. */
    int tag(long index) {
      return id == null ? 0 : ChunkFormat.tag(id, index); // version 1 has no id and no tags
    }
  }

  /** The layout this build writes for chunk {@code id}. */
  static Layout current(ChunkId id, int blockSize) {
    return new Layout(VERSION, blockSize, id);
  }

  /** The header of a new (version 2) chunk file. */
  static ByteBuffer header(ChunkId id, int blockSize) {
    ByteBuffer b = ByteBuffer.allocate(V2_HEADER_SIZE);
    b.putInt(MAGIC)
        .put((byte) VERSION)
        .put((byte) 0)
        .put((byte) 0)
        .put((byte) 0)
        .putInt(blockSize)
        .putInt(0)
        .putLong(id.hi())
        .putLong(id.lo())
        .flip();
    return b;
  }

  /**
   * The tag of block {@code index} of chunk {@code id}: CRC32C of the id's 16 bytes and the index's
   * 8 bytes, big-endian.
   */
  static int tag(ChunkId id, long index) {
    ByteBuffer b = ByteBuffer.allocate(24).putLong(id.hi()).putLong(id.lo()).putLong(index).flip();
    CRC32C crc = new CRC32C();
    crc.update(b);
    return (int) crc.getValue();
  }

  /**
   * Parses the header at the start of {@code b} (at least {@link #V2_HEADER_SIZE} bytes, or the
   * whole file if shorter) of the file that should hold chunk {@code expected}.
   *
   * @throws CorruptChunkException bad magic, unknown version, bad block size, or a version 2 header
   *     naming another chunk
   */
  static Layout parseHeader(ByteBuffer b, ChunkId expected) throws CorruptChunkException {
    if (b.remaining() < V1_HEADER_SIZE || b.getInt() != MAGIC) {
      throw new CorruptChunkException(expected, "is not a chunk file (bad magic)");
    }
    int version = b.get() & 0xFF;
    if (version != 1 && version != VERSION) {
      throw new CorruptChunkException(expected, "has unknown format version " + version);
    }
    b.position(b.position() + 3);
    int blockSize = b.getInt();
    if (blockSize <= 0)
      throw new CorruptChunkException(expected, "has bad block size " + blockSize);
    if (version == 1) return new Layout(1, blockSize, null);
    if (b.remaining() < V2_HEADER_SIZE - 12) {
      throw new CorruptChunkException(expected, "is truncated in its header");
    }
    b.getInt();
    ChunkId named = new ChunkId(b.getLong(), b.getLong());
    if (!named.equals(expected)) {
      throw new CorruptChunkException(expected, "holds chunk " + named + " (misplaced file)");
    }
    return new Layout(version, blockSize, expected);
  }
}
