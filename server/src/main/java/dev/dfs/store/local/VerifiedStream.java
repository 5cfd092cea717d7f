package dev.dfs.store.local;

import dev.dfs.store.local.Records.ChunkRef;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * The bytes {@code [first, last]} of an object stored as a sequence of chunks, read one block
 * at a time (each verified by {@link ChunkReader}). Seeks straight to the block holding
 * {@code first}; opens later chunks as it reaches them (they are pinned by the caller, so they
 * cannot vanish). Not thread-safe.
 */
final class VerifiedStream extends InputStream {
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
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xFF;
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
