package dev.dfs.store.local;

import dev.dfs.crypto.CipherIntegrityException;
import dev.dfs.crypto.DataKey;
import dev.dfs.crypto.EncryptedRanges;
import dev.dfs.store.ByteRange;
import dev.dfs.store.ObjectInfo;
import dev.dfs.store.ObjectRead;
import dev.dfs.store.StoreError;
import dev.dfs.store.StoreException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads an encrypted object: plaintext ranges are mapped to the stored blocks that hold them
 * ({@link EncryptedRanges}), which {@link LocalObjectRead#stored} reads and CRC-verifies, and
 * decrypted block by block. A block that fails authentication ends the stream with a CORRUPT_DATA
 * {@link StoreException}; no unauthenticated byte is returned. Not thread-safe.
 */
final class DecryptingObjectRead implements ObjectRead {
  private static final Logger log = LoggerFactory.getLogger(DecryptingObjectRead.class);

  private final StoredRead stored;
  private final DataKey key;
  private @Nullable InputStream stream;

  DecryptingObjectRead(StoredRead stored, DataKey key) {
    this.stored = stored;
    this.key = key;
  }

  @Override
  public ObjectInfo info() {
    return stored.info();
  }

  @Override
  public InputStream stream(@Nullable ByteRange range) throws IOException {
    if (stream != null) throw new IllegalStateException("stream() may be called only once");
    ObjectInfo info = stored.info();
    long size = info.size();
    if (range != null && range.last() >= size) {
      throw new StoreException(
          StoreError.INVALID_RANGE,
          "range " + range.first() + "-" + range.last() + " beyond size " + size);
    }
    if (size == 0) {
      stream = InputStream.nullInputStream();
      return stream;
    }
    List<Long> pieces = info.partCount() == 0 ? List.of(size) : info.partSizes();
    long first = range == null ? 0 : range.first();
    long last = range == null ? size - 1 : range.last();
    stream =
        new Integrity(
            EncryptedRanges.open(stored::stored, key, pieces, first, last),
            info.bucket() + "/" + info.key());
    return stream;
  }

  @Override
  public void close() throws IOException {
    try {
      if (stream != null) stream.close();
    } finally {
      stored.close();
    }
  }

  /** Turns a failed authentication into the engine's CORRUPT_DATA error. */
  private static final class Integrity extends FilterInputStream {
    private final String name;

    Integrity(InputStream in, String name) {
      super(in);
      this.name = name;
    }

    @Override
    public int read() throws IOException {
      try {
        return in.read();
      } catch (CipherIntegrityException e) {
        throw corrupt(e);
      }
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      try {
        return in.read(b, off, len);
      } catch (CipherIntegrityException e) {
        throw corrupt(e);
      }
    }

    private StoreException corrupt(CipherIntegrityException e) {
      log.error("data corruption: encrypted data of {}: {}", name, e.getMessage());
      return new StoreException(
          StoreError.CORRUPT_DATA,
          "encrypted data of " + name + " failed its integrity check: " + e.getMessage());
    }
  }
}
