package dev.dfs.store.local;

import dev.dfs.store.ByteRange;
import dev.dfs.store.ObjectInfo;
import dev.dfs.store.StoreError;
import dev.dfs.store.StoreException;
import dev.dfs.store.local.Records.ChunkRef;
import dev.dfs.store.local.Records.InlineData;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.zip.CRC32C;
import org.jspecify.annotations.Nullable;

/**
 * An open read of one object version. Holds pins on the object's chunks (released at close), so the
 * bytes stay readable even if the object is deleted or overwritten meanwhile. Inline data is
 * verified against its CRC32C when the stream is requested, and so is the first block of chunked
 * data: a caller that has not answered yet can still report either as an error. A read of the whole
 * object is also checked against the record's full-object checksum ({@link WholeObjectCheck}).
 * Every integrity failure is a CORRUPT_DATA {@link StoreException} naming bucket, key and (for
 * chunks) chunk; nothing is logged here. Not thread-safe.
 */
final class LocalObjectRead implements StoredRead {
  private final ObjectInfo info;
  private final @Nullable InlineData inline;
  private final List<ChunkRef> chunks;
  private final List<ChunkId> pinned;
  private final ChunkStorage storage;
  private final ChunkPins pins;
  private @Nullable InputStream stream;
  private boolean streamed;
  private boolean inlineVerified;
  private boolean closed;

  LocalObjectRead(
      ObjectInfo info,
      @Nullable InlineData inline,
      List<ChunkRef> chunks,
      List<ChunkId> pinned,
      ChunkStorage storage,
      ChunkPins pins) {
    this.info = info;
    this.inline = inline;
    this.chunks = chunks;
    this.pinned = pinned;
    this.storage = storage;
    this.pins = pins;
  }

  @Override
  public ObjectInfo info() {
    return info;
  }

  @Override
  public InputStream stream(@Nullable ByteRange range) throws IOException {
    if (closed) throw new IOException("read is closed");
    if (streamed) throw new IllegalStateException("stream() may be called only once");
    streamed = true;
    long size = info.size();
    long first = range == null ? 0 : range.first();
    long last = range == null ? size - 1 : range.last();
    if (range != null && last >= size) {
      throw new StoreException(
          StoreError.INVALID_RANGE, "range " + first + "-" + last + " beyond size " + size);
    }
    String object = info.bucket() + "/" + info.key();
    boolean whole = first == 0 && last == size - 1;
    if (inline != null) {
      verifyInline(inline);
      if (inline.data().length != size) {
        throw new StoreException(
            StoreError.CORRUPT_DATA,
            object
                + ": inline data holds "
                + inline.data().length
                + " bytes, its record says "
                + size);
      }
      if (whole) checkWhole(inline);
      stream =
          new ByteArrayInputStream(inline.data(), (int) first, (int) Math.max(0, last - first + 1));
    } else if (size == 0) {
      stream = InputStream.nullInputStream();
    } else {
      // primed: a bad first block fails here, before the caller answers
      stream =
          storage.read(chunks, first, last, object, whole ? WholeObjectCheck.of(info) : null, true);
    }
    return stream;
  }

  /**
   * Stored bytes {@code [first, last]} as they are on disk (for an encrypted object: its
   * ciphertext), CRC-verified; may be called any number of times while the read is open, and each
   * stream must be closed. Used by {@link DecryptingObjectRead} instead of {@link #stream}.
   */
  @Override
  public InputStream stored(long first, long last) throws IOException {
    if (closed) throw new IOException("read is closed");
    if (inline != null) {
      verifyInline(inline);
      if (last >= inline.data().length) throw new IOException("stored range beyond inline data");
      return new ByteArrayInputStream(inline.data(), (int) first, (int) (last - first + 1));
    }
    return storage.read(chunks, first, last, info.bucket() + "/" + info.key(), null, false);
  }

  /** CORRUPT_DATA unless the inline bytes match their stored CRC32C (checked once). */
  private void verifyInline(InlineData inline) {
    if (inlineVerified) return;
    CRC32C crc = new CRC32C();
    crc.update(inline.data());
    if ((int) crc.getValue() != inline.crc32c()) {
      throw new StoreException(
          StoreError.CORRUPT_DATA,
          info.bucket() + "/" + info.key() + ": inline data fails its CRC32C");
    }
    inlineVerified = true;
  }

  /** CORRUPT_DATA unless the inline data matches the record's full-object checksum (if checked). */
  private void checkWhole(InlineData inline) {
    WholeObjectCheck check = WholeObjectCheck.of(info);
    if (check == null) return;
    check.block(java.nio.ByteBuffer.wrap(inline.data()), inline.crc32c()); // CRC verified
    check.finish();
  }

  @Override
  public void close() throws IOException {
    if (closed) return;
    closed = true;
    try {
      if (stream != null) stream.close();
    } finally {
      pins.unpinAll(pinned);
    }
  }
}
