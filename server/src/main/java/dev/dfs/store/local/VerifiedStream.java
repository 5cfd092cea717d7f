package dev.dfs.store.local;

import dev.dfs.store.local.Records.ChunkRef;
import dev.dfs.util.SingleByteRead;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * The bytes {@code [first, last]} of an object stored as a sequence of chunks, read one block
 * at a time (each verified by {@link ChunkReader}). Seeks straight to the block holding
 * {@code first}; opens later chunks as it reaches them (they are pinned by the caller, so they
 * cannot vanish). Not thread-safe.
 */
final class VerifiedStream extends InputStream implements dev.dfs.store.ObjectRead.BufferSource {
  private final ChunkFiles files;
  private final List<ChunkRef> chunks;
  private ChunkReader reader;
  private int chunkIndex;
  private long offsetInChunk;
  private long remaining;
  private byte[] buf = new byte[0];
  private int bufPos;
  private int bufLen;
  private boolean closed;

  /**
   * @param firstReader an already open reader of the chunk holding {@code first}'s chunk at
   *     index 0, or null
   */
  VerifiedStream(ChunkFiles files, List<ChunkRef> chunks, ChunkReader firstReader, long first, long last) {
    this.files = files;
    this.chunks = chunks;
    this.remaining = last - first + 1;
    long at = first;
    int i = 0;
    while (i < chunks.size() - 1 && at >= chunks.get(i).length()) {
      at -= chunks.get(i).length();
      i++;
    }
    this.chunkIndex = i;
    this.offsetInChunk = at;
    if (firstReader != null) {
      if (i == 0) {
        reader = firstReader;
      } else {
        try {
          firstReader.close();
        } catch (IOException ignored) {
          // read-only handle
        }
      }
    }
  }

  @Override
  public int read() throws IOException {
    return SingleByteRead.of(this);
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (closed) throw new IOException("stream closed");
    if (len == 0) return 0;
    if (remaining <= 0) return -1;
    if (bufPos >= bufLen) loadBlock();
    int n = (int) Math.min(Math.min(len, bufLen - bufPos), remaining);
    System.arraycopy(buf, bufPos, b, off, n);
    bufPos += n;
    remaining -= n;
    return n;
  }

  @Override
  public int available() {
    return (int) Math.min(bufLen - bufPos, remaining);
  }

  private void loadBlock() throws IOException {
    while (offsetInChunk >= chunks.get(chunkIndex).length()) {
      closeReader();
      chunkIndex++;
      offsetInChunk = 0;
      if (chunkIndex >= chunks.size()) throw new IOException("object shorter than its metadata says");
    }
    ChunkRef c = chunks.get(chunkIndex);
    if (reader == null) reader = ChunkReader.open(files, c.id(), c.length());
    int bs = reader.blockSize();
    if (buf.length < bs + ChunkFormat.CRC_SIZE) buf = new byte[bs + ChunkFormat.CRC_SIZE];
    long block = offsetInChunk / bs;
    int n = reader.readBlock(block, buf);
    bufPos = (int) (offsetInChunk - block * bs);
    bufLen = n;
    offsetInChunk = block * bs + n;
  }

  /**
   * Sends every remaining byte to {@code sink} as slices of a pooled direct buffer, reading up
   * to {@link DirectBuffers#SIZE} bytes of blocks per positional read and verifying every
   * block's CRC32C before any of its bytes are handed on. Replaces {@link #read}: use one or
   * the other.
   */
  @Override
  public void transferTo(dev.dfs.store.ObjectRead.BufferSink sink) throws IOException {
    if (closed) throw new IOException("stream closed");
    if (remaining > 0 && bufPos < bufLen) { // bytes already loaded by read(): hand them on first
      int n = (int) Math.min(bufLen - bufPos, remaining);
      sink.write(java.nio.ByteBuffer.wrap(buf, bufPos, n));
      bufPos += n;
      remaining -= n;
    }
    java.nio.ByteBuffer direct = DirectBuffers.take();
    try {
      while (remaining > 0) {
        while (offsetInChunk >= chunks.get(chunkIndex).length()) {
          closeReader();
          chunkIndex++;
          offsetInChunk = 0;
          if (chunkIndex >= chunks.size()) throw new IOException("object shorter than its metadata says");
        }
        ChunkRef c = chunks.get(chunkIndex);
        if (reader == null) reader = ChunkReader.open(files, c.id(), c.length());
        int bs = reader.blockSize();
        int stride = bs + ChunkFormat.CRC_SIZE;
        long block = offsetInChunk / bs;
        int skip = (int) (offsetInChunk - block * bs);
        // only the blocks this read touches (a range verifies no block it does not return)
        long wanted = (skip + Math.min(remaining, c.length() - offsetInChunk) + bs - 1) / bs;
        int count = reader.readBlocks(block, (int) Math.min(Integer.MAX_VALUE, wanted), direct);
        // Close the CRC gaps in place (the blocks are verified) so the whole run goes out in one
        // write: one response write per 64 KiB block cost a socket write and a Jetty callback
        // round trip each, more than moving the bytes within the buffer does.
        int packed = 0;
        for (int i = 0; i < count && remaining > 0; i++) {
          int len = reader.blockLength(block + i);
          int from = i == 0 ? skip : 0;
          int n = (int) Math.min(len - from, remaining);
          int at = i * stride + from;
          if (at != packed) direct.put(packed, direct, at, n); // overlapping moves are safe
          packed += n;
          remaining -= n;
          offsetInChunk = (block + i) * bs + from + n;
        }
        sink.write(direct.slice(0, packed));
      }
    } finally {
      DirectBuffers.give(direct);
    }
  }

  private void closeReader() throws IOException {
    if (reader != null) {
      ChunkReader r = reader;
      reader = null;
      r.close();
    }
  }

  @Override
  public void close() throws IOException {
    if (closed) return;
    closed = true;
    closeReader();
  }
}
