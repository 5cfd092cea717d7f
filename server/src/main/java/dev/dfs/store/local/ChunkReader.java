package dev.dfs.store.local;

import dev.dfs.store.local.ChunkFormat.Layout;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;

/**
 * An open chunk file of either {@link ChunkFormat} version. Checks header (including, for version
 * 2, that the file names the chunk asked for) and length at open; {@link #readBlock} and {@link
 * #readBlocks} read with one positional read and verify each block's check, bound to the chunk id
 * and block index, before returning. Every failure is a {@link CorruptChunkException} (a missing
 * file too); nothing is logged here. After a read, {@link #dataCrc} gives each block's plain
 * CRC32C, so a caller can check the whole object without another pass over the bytes. Not
 * thread-safe.
 */
final class ChunkReader implements Closeable {
  private final ChunkId id;
  private final FileChannel ch;
  private final long dataLength;
  private final Layout layout;
  private final int blockSize;
  private final CRC32C crc = new CRC32C();
  private int[] dataCrcs = new int[1];

  private ChunkReader(ChunkId id, FileChannel ch, long dataLength, Layout layout) {
    this.id = id;
    this.ch = ch;
    this.dataLength = dataLength;
    this.layout = layout;
    this.blockSize = layout.blockSize();
  }

  /**
   * Opens chunk {@code id}, which metadata says holds {@code dataLength} bytes.
   *
   * @throws CorruptChunkException the file is missing, has a bad header, names another chunk or has
   *     the wrong length
   */
  static ChunkReader open(ChunkFiles files, ChunkId id, long dataLength) throws IOException {
    FileChannel ch;
    try {
      ch = FileChannel.open(files.path(id), StandardOpenOption.READ);
    } catch (NoSuchFileException e) {
      throw new CorruptChunkException(id, "is missing", e);
    }
    try {
      ByteBuffer header = ByteBuffer.allocate(ChunkFormat.V2_HEADER_SIZE);
      while (header.hasRemaining() && ch.read(header, header.position()) > 0) {
        // positional reads until the header is complete or the file ends
      }
      header.flip();
      Layout layout = ChunkFormat.parseHeader(header, id);
      long expected = layout.fileLength(dataLength);
      if (ch.size() != expected) {
        throw new CorruptChunkException(id, "has " + ch.size() + " bytes, expected " + expected);
      }
      return new ChunkReader(id, ch, dataLength, layout);
    } catch (IOException | RuntimeException e) {
      ch.close();
      throw e;
    }
  }

  ChunkId id() {
    return id;
  }

  int blockSize() {
    return blockSize;
  }

  /**
   * Reads block {@code index} into {@code buf} (capacity at least blockSize + 4) after checking it;
   * returns the number of data bytes in it.
   */
  int readBlock(long index, byte[] buf) throws IOException {
    long start = index * blockSize;
    if (index < 0 || start >= dataLength)
      throw new IllegalArgumentException("block " + index + " out of range");
    int n = (int) Math.min(blockSize, dataLength - start);
    ByteBuffer b = ByteBuffer.wrap(buf, 0, n + ChunkFormat.CRC_SIZE);
    long pos = layout.blockOffset(index);
    while (b.hasRemaining()) {
      int r = ch.read(b, pos + b.position());
      if (r < 0) throw new CorruptChunkException(id, "is truncated in block " + index);
    }
    crc.reset();
    crc.update(buf, 0, n);
    int stored =
        ((buf[n] & 0xFF) << 24)
            | ((buf[n + 1] & 0xFF) << 16)
            | ((buf[n + 2] & 0xFF) << 8)
            | (buf[n + 3] & 0xFF);
    verify(index, (int) crc.getValue(), stored, 0);
    return n;
  }

  /**
   * Reads blocks {@code index, index+1, …} with one positional read into {@code dst} (cleared
   * first; at most {@code maxBlocks}, as many whole blocks as fit, at least one, never past the
   * end), verifies each block, and returns how many blocks were read. Block {@code i} of the result
   * starts at {@code i * (blockSize + CRC_SIZE)} in {@code dst}; its data length is {@link
   * #blockLength}.
   */
  int readBlocks(long index, int maxBlocks, ByteBuffer dst) throws IOException {
    long start = index * blockSize;
    if (index < 0 || start >= dataLength)
      throw new IllegalArgumentException("block " + index + " out of range");
    int stride = blockSize + ChunkFormat.CRC_SIZE;
    long blocksLeft = (dataLength - start + blockSize - 1) / blockSize;
    int count =
        (int) Math.max(1, Math.min(Math.min(blocksLeft, maxBlocks), dst.capacity() / stride));
    long bytes =
        (long) (count - 1) * stride + blockLength(index + count - 1) + ChunkFormat.CRC_SIZE;
    dst.clear().limit((int) bytes);
    long pos = layout.blockOffset(index);
    while (dst.hasRemaining()) {
      int r = ch.read(dst, pos + dst.position());
      if (r < 0)
        throw new CorruptChunkException(
            id, "is truncated in block " + (index + dst.position() / stride));
    }
    if (dataCrcs.length < count) dataCrcs = new int[count];
    for (int i = 0; i < count; i++) {
      int at = i * stride;
      int n = blockLength(index + i);
      crc.reset();
      crc.update(dst.slice(at, n));
      verify(index + i, (int) crc.getValue(), dst.getInt(at + n), i);
    }
    return count;
  }

  private void verify(long index, int dataCrc, int stored, int slot) throws CorruptChunkException {
    if ((dataCrc ^ layout.tag(index)) != stored) {
      throw new CorruptChunkException(
          id,
          "fails its check in block "
              + index
              + " (flipped bits, or a block or file from elsewhere)");
    }
    dataCrcs[slot] = dataCrc;
  }

  /**
   * The plain CRC32C of the data of the {@code i}-th block returned by the last {@link #readBlock}
   * ({@code i = 0}) or {@link #readBlocks} call.
   */
  int dataCrc(int i) {
    return dataCrcs[i];
  }

  /** Data bytes of block {@code index}: the block size, less for the last block. */
  int blockLength(long index) {
    return (int) Math.min(blockSize, dataLength - index * blockSize);
  }

  @Override
  public void close() throws IOException {
    ch.close();
  }
}
