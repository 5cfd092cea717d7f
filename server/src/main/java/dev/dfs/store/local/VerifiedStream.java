package dev.dfs.store.local;

import dev.dfs.store.StoreError;
import dev.dfs.store.StoreException;
import dev.dfs.store.local.Records.ChunkRef;
import dev.dfs.util.SingleByteRead;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The bytes {@code [first, last]} of an object stored as a sequence of chunks, read one block at a
 * time (each verified by {@link ChunkReader}). Seeks straight to the block holding {@code first};
 * opens later chunks as it reaches them (they are pinned by the caller, so they cannot vanish).
 * With a {@link WholeObjectCheck} (a read of the whole object) the check is finished before the
 * last bytes are handed out. A bad chunk surfaces as the engine's CORRUPT_DATA {@link
 * dev.dfs.store.StoreException} naming the object and chunk, before any byte of the bad block is
 * returned. Not thread-safe.
 */
final class VerifiedStream extends InputStream implements dev.dfs.store.ObjectRead.BufferSource {
  private final ChunkFiles files;
  private final List<ChunkRef> chunks;
  private final String object;
  private final @Nullable WholeObjectCheck check;
  private @Nullable ChunkReader reader;
  private int chunkIndex;
  private long offsetInChunk;
  private long remaining;
  private byte[] buf = new byte[0];
  private int bufPos;
  private int bufLen;
  private boolean closed;

  /**
   * @param object "bucket/key", for error messages
   * @param check the whole-object check when {@code [first, last]} is the whole object, or null
   */
  VerifiedStream(
      ChunkFiles files,
      List<ChunkRef> chunks,
      long first,
      long last,
      String object,
      @Nullable WholeObjectCheck check) {
    this.files = files;
    this.chunks = chunks;
    this.object = object;
    this.check = check;
    this.remaining = last - first + 1;
    ChunkRef.Position start = ChunkRef.locate(chunks, first);
    this.chunkIndex = start.index();
    this.offsetInChunk = start.offset();
  }

  /**
   * Reads and verifies the first block now, so a caller that has not answered yet can still report
   * a bad first block (or a bad object of one block) as an error instead of a cut response.
   */
  void prime() throws IOException {
    if (remaining > 0 && bufPos >= bufLen) guarded(this::loadBlock);
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
    if (bufPos >= bufLen) guarded(this::loadBlock);
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
    ChunkReader r = nextChunk();
    int bs = r.blockSize();
    if (buf.length < bs + ChunkFormat.CRC_SIZE) buf = new byte[bs + ChunkFormat.CRC_SIZE];
    long block = offsetInChunk / bs;
    int n = r.readBlock(block, buf);
    bufPos = (int) (offsetInChunk - block * bs);
    bufLen = n;
    offsetInChunk = block * bs + n;
    if (check != null) {
      check.block(ByteBuffer.wrap(buf, 0, n), r.dataCrc(0));
      if (remaining <= bufLen - bufPos) check.finish();
    }
  }

  /**
   * Moves past finished chunks and opens the current one ({@code chunkIndex}); returns its reader.
   */
  private ChunkReader nextChunk() throws IOException {
    while (offsetInChunk >= chunks.get(chunkIndex).length()) {
      closeReader();
      chunkIndex++;
      offsetInChunk = 0;
      if (chunkIndex >= chunks.size()) {
        throw new StoreException(
            StoreError.CORRUPT_DATA,
            object + ": its chunks hold fewer bytes than its record's size");
      }
    }
    ChunkRef c = chunks.get(chunkIndex);
    ChunkReader r = reader;
    if (r == null) {
      r = ChunkReader.open(files, c.id(), c.length());
      reader = r;
    }
    return r;
  }

  /**
   * Sends every remaining byte to {@code sink} as slices of a pooled direct buffer, reading up to
   * {@link DirectBuffers#SIZE} bytes of blocks per positional read and verifying every block before
   * any of its bytes are handed on. Replaces {@link #read}: use one or the other (bytes already
   * loaded by {@link #read} or {@link #prime} go first).
   */
  @Override
  public void transferTo(dev.dfs.store.ObjectRead.BufferSink sink) throws IOException {
    if (closed) throw new IOException("stream closed");
    if (remaining > 0 && bufPos < bufLen) { // bytes already loaded by read(): hand them on first
      int n = (int) Math.min(bufLen - bufPos, remaining);
      sink.write(ByteBuffer.wrap(buf, bufPos, n));
      bufPos += n;
      remaining -= n;
    }
    ByteBuffer direct = DirectBuffers.take();
    try {
      while (remaining > 0) {
        guarded(() -> transferRun(direct));
        int packed = direct.limit();
        if (remaining == 0 && check != null) check.finish(); // before the last bytes go out
        sink.write(direct.slice(0, packed));
      }
    } finally {
      DirectBuffers.give(direct);
    }
  }

  /**
   * Reads the next run of verified blocks of the current chunk into {@code direct} and packs their
   * wanted bytes at its start; leaves the packed length as its limit.
   */
  private void transferRun(ByteBuffer direct) throws IOException {
    ChunkReader r = nextChunk();
    ChunkRef c = chunks.get(chunkIndex);
    int bs = r.blockSize();
    int stride = bs + ChunkFormat.CRC_SIZE;
    long block = offsetInChunk / bs;
    int skip = (int) (offsetInChunk - block * bs);
    // only the blocks this read touches (a range verifies no block it does not return)
    long wanted = (skip + Math.min(remaining, c.length() - offsetInChunk) + bs - 1) / bs;
    int count = r.readBlocks(block, (int) Math.min(Integer.MAX_VALUE, wanted), direct);
    // Close the CRC gaps in place (the blocks are verified) so the whole run goes out in one
    // write: one response write per 64 KiB block cost a socket write and a Jetty callback
    // round trip each, more than moving the bytes within the buffer does.
    int packed = 0;
    for (int i = 0; i < count && remaining > 0; i++) {
      int len = r.blockLength(block + i);
      int from = i == 0 ? skip : 0;
      int n = (int) Math.min(len - from, remaining);
      int at = i * stride + from;
      if (check != null) check.block(direct.slice(at, n), r.dataCrc(i));
      if (at != packed) direct.put(packed, direct, at, n); // overlapping moves are safe
      packed += n;
      remaining -= n;
      offsetInChunk = (block + i) * bs + from + n;
    }
    direct.limit(packed);
  }

  /** An I/O step whose chunk failures become the engine's CORRUPT_DATA naming the object. */
  private interface Step {
    void run() throws IOException;
  }

  private void guarded(Step step) throws IOException {
    try {
      step.run();
    } catch (CorruptChunkException e) {
      throw e.toStoreError(object);
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
