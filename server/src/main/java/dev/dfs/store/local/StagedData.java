package dev.dfs.store.local;

import java.io.IOException;
import org.jspecify.annotations.Nullable;

/**
 * The result of streaming a body with a {@link ChunkStorage}: its size and digests, and where the
 * bytes are. Either {@link #inline()} holds the whole (small) body, or {@link #chunk()} names a
 * chunk (pinned) that {@link #publish()} makes visible through its {@link ChunkSink} (a local temp
 * file moved into place; replicas are visible already). {@link #close()} unpins the chunk and,
 * unless {@link #markCommitted()} was called, deletes it, so a failure anywhere before the metadata
 * commit leaves nothing behind.
 */
final class StagedData implements AutoCloseable {
  private final long size;
  private final byte @Nullable [] md5;
  private final byte @Nullable [] checksum;
  private final byte @Nullable [] inline;
  private final int inlineCrc;
  private final @Nullable ChunkId chunk;
  private final ChunkSink files;
  private final ChunkPins pins;
  private boolean committed;
  private boolean closed;

  StagedData(
      long size,
      byte @Nullable [] md5,
      byte @Nullable [] checksum,
      byte @Nullable [] inline,
      int inlineCrc,
      @Nullable ChunkId chunk,
      ChunkSink files,
      ChunkPins pins) {
    this.size = size;
    this.md5 = md5;
    this.checksum = checksum;
    this.inline = inline;
    this.inlineCrc = inlineCrc;
    this.chunk = chunk;
    this.files = files;
    this.pins = pins;
  }

  long size() {
    return size;
  }

  /** Raw 16-byte MD5 of the body, or null when the write was not asked to digest it. */
  byte @Nullable [] md5() {
    return md5;
  }

  /** Raw additional checksum, or null if none was asked for. */
  byte @Nullable [] checksum() {
    return checksum;
  }

  /** The whole body when small enough to store inline, else null. */
  byte @Nullable [] inline() {
    return inline;
  }

  int inlineCrc() {
    return inlineCrc;
  }

  /** The chunk holding the body, or null when inline. */
  @Nullable ChunkId chunk() {
    return chunk;
  }

  /** The chunk of data not stored inline (parts never are); IllegalStateException for inline. */
  ChunkId requireChunk() {
    if (chunk == null) throw new IllegalStateException("the staged data is inline");
    return chunk;
  }

  /** Makes the chunk durable under its final name (no-op for inline data). */
  void publish() throws IOException {
    if (chunk != null) files.publish(chunk);
  }

  /** The metadata referencing this data is committed; close will keep the file. */
  void markCommitted() {
    committed = true;
  }

  @Override
  public void close() {
    if (closed || chunk == null) return;
    closed = true;
    if (!committed) {
      try {
        files.delete(chunk);
      } catch (IOException e) {
        // left for the sweeper (temp dir is cleared at open, orphans are swept)
      }
    }
    pins.unpin(chunk);
  }
}
