package dev.dfs.store.local;

import dev.dfs.store.ByteRange;
import dev.dfs.store.ObjectInfo;
import dev.dfs.store.StoreError;
import dev.dfs.store.StoreException;
import dev.dfs.store.tier.Tier;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import org.jspecify.annotations.Nullable;

/**
 * A read of a version whose bytes live in a {@link Tier}: ranges are read from the tier as they are
 * asked for (a Range GET fetches only its range). The tier copy is never deleted while the version
 * exists, and the {@link TierFreeQueue} keeps a deleted version's copy while a read has it pinned,
 * so a read that opened keeps its bytes until it closes. Not thread-safe.
 */
final class TieredObjectRead implements StoredRead {
  private final ObjectInfo info;
  private final Tier tier;
  private final String tierKey;
  private final long storedSize;
  private final Runnable release;
  private @Nullable InputStream stream;
  private boolean closed;

  /**
   * @param storedSize the bytes the tier holds (more than the size for an encrypted version)
   * @param release run once on close (unpins the copy)
   */
  TieredObjectRead(ObjectInfo info, Tier tier, String tierKey, long storedSize, Runnable release) {
    this.info = info;
    this.tier = tier;
    this.tierKey = tierKey;
    this.storedSize = storedSize;
    this.release = release;
  }

  @Override
  public ObjectInfo info() {
    return info;
  }

  @Override
  public InputStream stream(@Nullable ByteRange range) throws IOException {
    if (stream != null) throw new IllegalStateException("stream() may be called only once");
    long size = info.size();
    if (range != null && range.last() >= size) {
      throw new StoreException(
          StoreError.INVALID_RANGE,
          "range " + range.first() + "-" + range.last() + " beyond size " + size);
    }
    if (size == 0) {
      stream = InputStream.nullInputStream();
    } else {
      long first = range == null ? 0 : range.first();
      long last = range == null ? size - 1 : range.last();
      stream = stored(first, last);
    }
    return stream;
  }

  @Override
  public InputStream stored(long first, long last) throws IOException {
    if (last >= storedSize) throw new IOException("stored range beyond the tier copy");
    try {
      return tier.read(tierKey, first, last - first + 1);
    } catch (NoSuchFileException e) {
      throw new StoreException(
          StoreError.CORRUPT_DATA,
          info.bucket() + "/" + info.key() + ": its copy in tier " + tier.name() + " is missing");
    }
  }

  @Override
  public void close() throws IOException {
    if (closed) return;
    closed = true;
    try {
      if (stream != null) stream.close();
    } finally {
      release.run();
    }
  }
}
