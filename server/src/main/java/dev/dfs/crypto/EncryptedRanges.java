package dev.dfs.crypto;

import dev.dfs.util.SingleByteRead;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Reads a plaintext byte range of an object stored as a sequence of encrypted pieces (one for a
 * single PUT, one per part for a multipart object), each in the {@link BlockLayout} format and
 * stored back to back. Only the blocks that overlap the range are read and decrypted (plus each
 * touched piece's 12-byte header). Pure apart from the streams it opens; thread-safe.
 */
public final class EncryptedRanges {
  private EncryptedRanges() {}

  /** Opens stored bytes {@code [first, last]} of the concatenated pieces. */
  @FunctionalInterface
  public interface StoredBytes {
    InputStream open(long first, long last) throws IOException;
  }

  /**
   * Plaintext {@code [first, last]} (inclusive, within the object) of the object whose pieces have
   * the plaintext sizes {@code pieceSizes}. The returned stream opens pieces lazily and closes each
   * when done.
   */
  public static InputStream open(
      StoredBytes stored, DataKey key, List<Long> pieceSizes, long first, long last) {
    return new Concat(stored, key, pieceSizes, first, last);
  }

  /** Stored size of an object whose pieces have the plaintext sizes {@code pieceSizes}. */
  public static long storedSize(List<Long> pieceSizes) {
    long total = 0;
    for (long s : pieceSizes) total += BlockLayout.cipherSize(s);
    return total;
  }

  /** Plaintext of one piece's range; {@code base} is where the piece starts in storage. */
  static InputStream piece(
      StoredBytes stored, DataKey key, long base, long plainSize, long first, long last)
      throws IOException {
    long firstBlock = first / BlockLayout.BLOCK_SIZE;
    long lastBlock = last / BlockLayout.BLOCK_SIZE;
    long end =
        base
            + BlockLayout.blockStart(lastBlock)
            + BlockLayout.plainLength(plainSize, lastBlock)
            + BlockLayout.TAG_SIZE
            - 1;
    InputStream in;
    byte[] prefix;
    if (firstBlock == 0) {
      in = stored.open(base, end);
      try {
        prefix = DecryptingInputStream.readPrefix(in);
      } catch (IOException | RuntimeException e) {
        in.close();
        throw e;
      }
    } else {
      try (InputStream header = stored.open(base, base + BlockLayout.HEADER_SIZE - 1)) {
        prefix = DecryptingInputStream.readPrefix(header);
      }
      in = stored.open(base + BlockLayout.blockStart(firstBlock), end);
    }
    return new DecryptingInputStream(
        in,
        key,
        prefix,
        plainSize,
        firstBlock,
        (int) (first - firstBlock * BlockLayout.BLOCK_SIZE),
        last - first + 1);
  }

  private static final class Concat extends InputStream {
    private final StoredBytes stored;
    private final DataKey key;
    private final List<Long> sizes;
    private final long last;
    private long position; // next plaintext offset to return
    private int piece;
    private long pieceStart; // plaintext offset of piece
    private long pieceBase; // stored offset of piece
    private @Nullable InputStream current;

    Concat(StoredBytes stored, DataKey key, List<Long> sizes, long first, long last) {
      this.stored = stored;
      this.key = key;
      this.sizes = sizes;
      this.position = first;
      this.last = last;
    }

    @Override
    public int read() throws IOException {
      return SingleByteRead.of(this);
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (len == 0) return 0;
      while (true) {
        if (position > last) return -1;
        InputStream in = current != null ? current : openNext();
        int n = in.read(b, off, len);
        if (n > 0) {
          position += n;
          return n;
        }
        in.close();
        current = null;
      }
    }

    private InputStream openNext() throws IOException {
      while (piece < sizes.size() && position >= pieceStart + sizes.get(piece)) {
        pieceStart += sizes.get(piece);
        pieceBase += BlockLayout.cipherSize(sizes.get(piece));
        piece++;
      }
      if (piece >= sizes.size()) throw new CipherIntegrityException("range beyond the object");
      long size = sizes.get(piece);
      long to = Math.min(last, pieceStart + size - 1);
      InputStream next =
          piece(stored, key, pieceBase, size, position - pieceStart, to - pieceStart);
      current = next;
      return next;
    }

    @Override
    public void close() throws IOException {
      if (current != null) current.close();
      current = null;
      position = last + 1;
    }
  }
}
