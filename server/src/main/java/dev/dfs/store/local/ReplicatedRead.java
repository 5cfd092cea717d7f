package dev.dfs.store.local;

import dev.dfs.store.ObjectRead;
import dev.dfs.store.StoreError;
import dev.dfs.store.StoreException;
import dev.dfs.store.local.Records.ChunkRef;
import dev.dfs.util.SingleByteRead;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.zip.CRC32C;
import org.jspecify.annotations.Nullable;

/**
 * The bytes {@code [first, last]} of an object stored as chunks in a {@link ChunkBackend}: one
 * backend read per chunk touched, opened as the stream reaches it (the backend verifies and fails
 * over between replicas). With a {@link WholeObjectCheck} every byte also feeds the check, and the
 * check is finished before the last bytes are handed out, as {@link VerifiedStream} does. A failure
 * of the backend that is not already a {@link StoreException} becomes CORRUPT_DATA naming the
 * object. Not thread-safe.
 */
final class ReplicatedRead extends InputStream implements ObjectRead.BufferSource {
  private final ChunkBackend backend;
  private final List<ChunkRef> chunks;
  private final String object;
  private final @Nullable WholeObjectCheck check;
  private final CRC32C crc = new CRC32C();
  private @Nullable InputStream current;
  private int chunkIndex;
  private long offsetInChunk;
  private long remaining;
  private boolean closed;

  ReplicatedRead(
      ChunkBackend backend,
      List<ChunkRef> chunks,
      long first,
      long last,
      String object,
      @Nullable WholeObjectCheck check) {
    this.backend = backend;
    this.chunks = chunks;
    this.object = object;
    this.check = check;
    this.remaining = last - first + 1;
    ChunkRef.Position start = ChunkRef.locate(chunks, first);
    this.chunkIndex = start.index();
    this.offsetInChunk = start.offset();
  }

  /** Opens the first chunk now, so a chunk no replica can serve fails before a caller answers. */
  void prime() throws IOException {
    if (remaining > 0 && current == null) open();
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
    InputStream in = current == null ? open() : current;
    int n;
    try {
      n = in.read(b, off, (int) Math.min(len, remaining));
    } catch (StoreException e) {
      throw e;
    } catch (IOException e) {
      throw corrupt(e);
    }
    if (n < 0)
      throw new StoreException(
          StoreError.CORRUPT_DATA,
          object + ": chunk " + chunks.get(chunkIndex).id() + " ended early");
    remaining -= n;
    offsetInChunk += n;
    if (check != null) {
      check.block(ByteBuffer.wrap(b, off, n), dataCrc(ByteBuffer.wrap(b, off, n)));
      if (remaining == 0) check.finish(); // before the last bytes go out
    }
    if (offsetInChunk >= chunks.get(chunkIndex).length()) closeCurrent();
    return n;
  }

  /**
   * Sends the rest of the range to {@code sink} chunk by chunk, as buffers where the backend's
   * stream can hand them out (a chunk served from this node's own replica: no copy through a byte
   * array), else copied through a heap buffer; verified, checked and failed over like {@link
   * #read}. A failure of the sink itself (the client gone) is rethrown as it was.
   */
  @Override
  public void transferTo(ObjectRead.BufferSink sink) throws IOException {
    if (closed) throw new IOException("stream closed");
    try {
      while (remaining > 0) {
        transferChunk(current == null ? open() : current, sink);
        closeCurrent();
      }
    } catch (ObjectRead.SinkFailure f) {
      throw f.unwrap();
    }
  }

  /** The current chunk's part of the range, counted and checked, to {@code sink}. */
  private void transferChunk(InputStream in, ObjectRead.BufferSink sink) throws IOException {
    long chunkLength = chunks.get(chunkIndex).length();
    ObjectRead.BufferSink checked =
        ((ObjectRead.BufferSink)
                b -> {
                  int n = b.remaining();
                  remaining -= n;
                  offsetInChunk += n;
                  if (check != null) {
                    check.block(b.duplicate(), dataCrc(b.duplicate()));
                    if (remaining == 0) check.finish(); // before the last bytes go out
                  }
                  sink.write(b);
                })
            .guarded();
    try {
      if (in instanceof ObjectRead.BufferSource source) {
        source.transferTo(checked);
      } else {
        ObjectRead.BufferSource.copy(in, checked);
      }
    } catch (StoreException e) {
      throw e;
    } catch (IOException e) {
      throw corrupt(e);
    }
    if (remaining > 0 && offsetInChunk < chunkLength) {
      throw new StoreException(
          StoreError.CORRUPT_DATA,
          object + ": chunk " + chunks.get(chunkIndex).id() + " ended early");
    }
  }

  /**
   * The CRC32C of {@code data} when the whole-object check combines it, else 0 without a pass over
   * the bytes (a CRC32 check, the AWS SDKs' default, runs its own pass and ignores it).
   */
  private int dataCrc(ByteBuffer data) {
    if (check == null || !check.usesDataCrc()) return 0;
    crc.reset();
    crc.update(data);
    return (int) crc.getValue();
  }

  /** Opens the backend read of the rest of the range within the current chunk; returns it. */
  private InputStream open() throws IOException {
    while (offsetInChunk >= chunks.get(chunkIndex).length()) {
      chunkIndex++;
      offsetInChunk = 0;
      if (chunkIndex >= chunks.size()) {
        throw new StoreException(
            StoreError.CORRUPT_DATA,
            object + ": its chunks hold fewer bytes than its record's size");
      }
    }
    ChunkRef c = chunks.get(chunkIndex);
    long count = Math.min(remaining, c.length() - offsetInChunk);
    InputStream in;
    try {
      in = backend.read(c.id(), c.length(), offsetInChunk, count);
    } catch (StoreException e) {
      throw e;
    } catch (IOException e) {
      throw corrupt(e);
    }
    current = in;
    return in;
  }

  private StoreException corrupt(IOException e) {
    return new StoreException(StoreError.CORRUPT_DATA, object + ": " + e.getMessage());
  }

  private void closeCurrent() throws IOException {
    InputStream c = current;
    current = null;
    if (c != null) c.close();
  }

  @Override
  public void close() throws IOException {
    if (closed) return;
    closed = true;
    closeCurrent();
  }
}
