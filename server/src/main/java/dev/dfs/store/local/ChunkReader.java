package dev.dfs.store.local;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An open chunk file. Checks header and length at open; {@link #readBlock} reads one block with
 * a single positional read and verifies its CRC32C, throwing an {@link IOException} saying
 * "checksum mismatch" (and logging at error) on corruption. Not thread-safe.
 */
final class ChunkReader implements Closeable {
  private static final Logger log = LoggerFactory.getLogger(ChunkReader.class);

  private final ChunkId id;
  private final FileChannel ch;
  private final long dataLength;
  private final int blockSize;
  private final CRC32C crc = new CRC32C();

  private ChunkReader(ChunkId id, FileChannel ch, long dataLength, int blockSize) {
    this.id = id;
    this.ch = ch;
    this.dataLength = dataLength;
    this.blockSize = blockSize;
  }

  /** Opens the chunk; {@link java.nio.file.NoSuchFileException} if it does not exist. */
  static ChunkReader open(ChunkFiles files, ChunkId id, long dataLength) throws IOException {
    FileChannel ch = FileChannel.open(files.path(id), StandardOpenOption.READ);
    try {
      ByteBuffer header = ByteBuffer.allocate(ChunkFormat.HEADER_SIZE);
      while (header.hasRemaining() && ch.read(header, header.position()) > 0) {
        // positional reads until the header is complete or the file ends
      }
      header.flip();
      int blockSize = ChunkFormat.parseHeader(header, "chunk " + id);
      long expected = ChunkFormat.fileLength(dataLength, blockSize);
      if (ch.size() != expected) {
        throw corrupt(id, "has " + ch.size() + " bytes, expected " + expected);
      }
      return new ChunkReader(id, ch, dataLength, blockSize);
    } catch (IOException | RuntimeException e) {
      ch.close();
      throw e;
    }
  }

  int blockSize() {
    return blockSize;
  }

  /**
   * Reads block {@code index} into {@code buf} (capacity at least blockSize + 4) after checking
   * its CRC32C; returns the number of data bytes in it.
   */
  int readBlock(long index, byte[] buf) throws IOException {
    long start = index * blockSize;
    if (index < 0 || start >= dataLength) throw new IllegalArgumentException("block " + index + " out of range");
    int n = (int) Math.min(blockSize, dataLength - start);
    ByteBuffer b = ByteBuffer.wrap(buf, 0, n + ChunkFormat.CRC_SIZE);
    long pos = ChunkFormat.blockOffset(index, blockSize);
    while (b.hasRemaining()) {
      int r = ch.read(b, pos + b.position());
      if (r < 0) throw corrupt(id, "is truncated in block " + index);
    }
    crc.reset();
    crc.update(buf, 0, n);
    int stored = ((buf[n] & 0xFF) << 24) | ((buf[n + 1] & 0xFF) << 16)
        | ((buf[n + 2] & 0xFF) << 8) | (buf[n + 3] & 0xFF);
    if ((int) crc.getValue() != stored) throw corrupt(id, "has a checksum mismatch in block " + index);
    return n;
  }

  /**
   * Reads blocks {@code index, index+1, …} with one positional read into {@code dst} (cleared
   * first; at most {@code maxBlocks}, as many whole blocks as fit, at least one, never past the
   * end), verifies each
   * block's CRC32C, and returns how many blocks were read. Block {@code i} of the result starts
   * at {@code i * (blockSize + CRC_SIZE)} in {@code dst}; its data length is
   * {@link #blockLength}.
   */
  int readBlocks(long index, int maxBlocks, ByteBuffer dst) throws IOException {
    long start = index * blockSize;
    if (index < 0 || start >= dataLength) throw new IllegalArgumentException("block " + index + " out of range");
    int stride = blockSize + ChunkFormat.CRC_SIZE;
    long blocksLeft = (dataLength - start + blockSize - 1) / blockSize;
    int count = (int) Math.max(1, Math.min(Math.min(blocksLeft, maxBlocks), dst.capacity() / stride));
    long bytes = (long) (count - 1) * stride + blockLength(index + count - 1) + ChunkFormat.CRC_SIZE;
    dst.clear().limit((int) bytes);
    long pos = ChunkFormat.blockOffset(index, blockSize);
    while (dst.hasRemaining()) {
      int r = ch.read(dst, pos + dst.position());
      if (r < 0) throw corrupt(id, "is truncated in block " + (index + dst.position() / stride));
    }
    for (int i = 0; i < count; i++) {
      int at = i * stride;
      int n = blockLength(index + i);
      crc.reset();
      crc.update(dst.slice(at, n));
      if ((int) crc.getValue() != dst.getInt(at + n)) throw corrupt(id, "has a checksum mismatch in block " + (index + i));
    }
    return count;
  }

  /** Data bytes of block {@code index}: the block size, less for the last block. */
  int blockLength(long index) {
    return (int) Math.min(blockSize, dataLength - index * blockSize);
  }

  private static IOException corrupt(ChunkId id, String what) {
    String msg = "chunk " + id + " " + what + " (checksum mismatch / corrupt data)";
    log.error("data corruption: {}", msg);
    return new IOException(msg);
  }

  @Override
  public void close() throws IOException {
    ch.close();
  }
}
