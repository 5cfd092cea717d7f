package dev.dfs.store.local;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Layout of a chunk file (format version 1):
 *
 * <pre>
 *   header  16 bytes: magic "DFSC", version u8 (=1), 3 zero bytes, blockSize i32, 4 zero bytes
 *   blocks  each: up to blockSize data bytes (only the last block may be shorter), then the
 *           CRC32C of those data bytes, i32 big-endian
 * </pre>
 *
 * The block size is recorded per file, so it can change between releases without rewriting
 * data. The data length is kept in metadata and must match the file length (see
 * {@link #fileLength}); a ranged read touches only the blocks it needs.
 */
final class ChunkFormat {
  static final int HEADER_SIZE = 16;
  static final int CRC_SIZE = 4;
  static final int VERSION = 1;
  private static final int MAGIC = 0x44465343; // "DFSC"

  private ChunkFormat() {}

  static ByteBuffer header(int blockSize) {
    ByteBuffer b = ByteBuffer.allocate(HEADER_SIZE);
    b.putInt(MAGIC).put((byte) VERSION).put((byte) 0).put((byte) 0).put((byte) 0)
        .putInt(blockSize).putInt(0).flip();
    return b;
  }

  /** Checks the header and returns the file's block size. */
  static int parseHeader(ByteBuffer b, Object where) throws IOException {
    if (b.remaining() < HEADER_SIZE || b.getInt() != MAGIC) {
      throw new IOException("not a chunk file (bad magic): " + where);
    }
    int version = b.get() & 0xFF;
    if (version != VERSION) {
      throw new IOException("chunk file format version " + version + " not supported: " + where);
    }
    b.position(b.position() + 3);
    int blockSize = b.getInt();
    if (blockSize <= 0) throw new IOException("bad block size " + blockSize + " in " + where);
    return blockSize;
  }

  /** Length of a chunk file holding {@code dataLength} bytes in blocks of {@code blockSize}. */
  static long fileLength(long dataLength, int blockSize) {
    long blocks = (dataLength + blockSize - 1) / blockSize;
    return HEADER_SIZE + dataLength + blocks * CRC_SIZE;
  }

  /** File offset of block {@code index}. */
  static long blockOffset(long index, int blockSize) {
    return HEADER_SIZE + index * ((long) blockSize + CRC_SIZE);
  }
}
