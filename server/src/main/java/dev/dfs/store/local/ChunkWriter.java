package dev.dfs.store.local;

import dev.dfs.store.StoreError;
import dev.dfs.store.StoreException;
import dev.dfs.util.BodyException;
import dev.dfs.util.ChecksumAlgorithm;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.zip.CRC32C;
import org.jspecify.annotations.Nullable;

/**
 * Streams a request body to storage in one pass with a fixed buffer of one block: each block
 * updates the MD5, the optional additional checksum and its own CRC32C, then is written with that
 * CRC, bound to the chunk id and block index, to a temp file in {@link ChunkFormat}. Bodies that
 * end within the inline threshold are returned in memory instead. The temp file is fsynced before
 * returning. Any failure (including a {@link BodyException} from the body, rethrown unchanged)
 * deletes the temp file. New data is refused while the volume's free space is below the reserve
 * ({@link DiskSpace}): before the body is read, and again every {@link #SPACE_CHECK_EVERY} bytes,
 * so concurrent writes stop at the reserve; a write that fails because the volume filled up anyway
 * is reported as INSUFFICIENT_STORAGE. Thread-safe (stateless apart from configuration).
 */
final class ChunkWriter {
  private final ChunkFiles files;
  private final ChunkPins pins;
  private final int blockSize;
  private final long maxSize;
  private final DiskSpace space;

  /** Bytes written between two free-space checks of a streaming write. */
  static final long SPACE_CHECK_EVERY = 1L << 20;

  ChunkWriter(ChunkFiles files, ChunkPins pins, int blockSize, long maxSize, DiskSpace space) {
    this.space = space;
    this.files = files;
    this.pins = pins;
    this.blockSize = blockSize;
    this.maxSize = maxSize;
  }

  /**
   * Reads {@code size} bytes of {@code body} (or to its end when {@code size < 0}).
   *
   * @param inlineLimit bodies of at most this many bytes stay in memory (negative: never)
   * @throws BodyException INCOMPLETE_BODY when the body ends before {@code size} bytes
   * @throws StoreException ENTITY_TOO_LARGE beyond the maximum object size, INSUFFICIENT_STORAGE
   *     when the data volume is full (nothing is kept)
   */
  StagedData write(
      InputStream body, long size, @Nullable ChecksumAlgorithm algorithm, int inlineLimit)
      throws IOException {
    return write(body, size, algorithm, inlineLimit, true);
  }

  /**
   * {@link #write(InputStream, long, ChecksumAlgorithm, int)}, without computing the MD5 when
   * {@code digest} is false (the staged data's {@code md5()} is then null): encrypted writes digest
   * their plaintext themselves and need no MD5 of the ciphertext.
   */
  StagedData write(
      InputStream body,
      long size,
      @Nullable ChecksumAlgorithm algorithm,
      int inlineLimit,
      boolean digest)
      throws IOException {
    return write(body, size, algorithm, inlineLimit, digest, null);
  }

  /**
   * {@link #write(InputStream, long, ChecksumAlgorithm, int, boolean)} into the chunk named {@code
   * fixedId} instead of a fresh random one (null: random). A replica in the cluster engine is
   * stored under the id its coordinator placed it by ({@link ChunkVolume}).
   */
  StagedData write(
      InputStream body,
      long size,
      @Nullable ChecksumAlgorithm algorithm,
      int inlineLimit,
      boolean digest,
      @Nullable ChunkId fixedId)
      throws IOException {
    if (size > maxSize) {
      throw new StoreException(
          StoreError.ENTITY_TOO_LARGE, "body of " + size + " bytes exceeds " + maxSize);
    }
    space.requireRoom(size);
    Digests digests =
        new Digests(digest ? md5() : null, algorithm == null ? null : algorithm.newChecksum());
    // a body of known size smaller than a block gets a buffer of its size, not of a block
    int bufSize = size >= 0 && size < blockSize ? (int) size : blockSize;
    byte[] buf = new byte[bufSize + ChunkFormat.CRC_SIZE];

    int n = fill(body, buf, bufSize, size);
    boolean ended = size >= 0 ? n == size : n < blockSize;
    if (size >= 0 && n < Math.min(size, blockSize)) throw incomplete(size, n);
    if (ended && n <= inlineLimit) return inline(buf, n, digests);
    return stream(body, size, buf, n, digests, fixedId);
  }

  /** The MD5 (null: not wanted) and additional checksum (null: none) of one body. */
  private record Digests(
      @Nullable MessageDigest md5, ChecksumAlgorithm.@Nullable RunningChecksum extra) {
    void update(byte[] buf, int n) {
      if (md5 != null) md5.update(buf, 0, n);
      if (extra != null) extra.update(buf, 0, n);
    }

    byte @Nullable [] md5Digest() {
      return md5 == null ? null : md5.digest();
    }

    byte @Nullable [] extraValue() {
      return extra == null ? null : extra.finish();
    }
  }

  /** A whole body of {@code n} bytes, already in {@code buf}, kept in memory. */
  private StagedData inline(byte[] buf, int n, Digests digests) {
    digests.update(buf, n);
    CRC32C crc = new CRC32C();
    crc.update(buf, 0, n);
    return new StagedData(
        n,
        digests.md5Digest(),
        digests.extraValue(),
        Arrays.copyOf(buf, n),
        (int) crc.getValue(),
        null,
        files,
        pins);
  }

  /**
   * Writes the body to a new temp chunk file, starting with the {@code first} bytes already in
   * {@code buf}, and fsyncs it; on any failure the file is deleted and the chunk unpinned.
   */
  private StagedData stream(
      InputStream body,
      long size,
      byte[] buf,
      int first,
      Digests digests,
      @Nullable ChunkId fixedId)
      throws IOException {
    ChunkId id = fixedId != null ? fixedId : ChunkId.random();
    pins.pin(id);
    boolean ok = false;
    long total;
    Writeback writeback = null;
    try (FileChannel ch =
        FileChannel.open(
            files.tempPath(id), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      writeback = new Writeback(ch);
      writeFully(ch, ChunkFormat.header(id, blockSize));
      ChunkFormat.Layout layout = ChunkFormat.current(id, blockSize);
      total = writeBlocks(ch, writeback, layout, body, size, buf, first, digests);
      writeback.finish();
      ch.force(true);
      ok = true;
    } catch (BodyException e) {
      throw e;
    } catch (IOException e) {
      throw space.classify(e);
    } finally {
      if (writeback != null) writeback.awaitQuietly();
      if (!ok) {
        try {
          files.delete(id);
        } finally {
          pins.unpin(id);
        }
      }
    }
    return new StagedData(
        total, digests.md5Digest(), digests.extraValue(), null, 0, id, files, pins);
  }

  /**
   * Writes the blocks after the header: each one hashed, sealed with its CRC and written, then the
   * next read, until the body ends. Checks the maximum size after each block and the free space
   * every {@link #SPACE_CHECK_EVERY} bytes. Returns the number of body bytes written.
   */
  private long writeBlocks(
      FileChannel ch,
      Writeback writeback,
      ChunkFormat.Layout layout,
      InputStream body,
      long size,
      byte[] buf,
      int first,
      Digests digests)
      throws IOException {
    CRC32C crc = new CRC32C();
    int n = first;
    long total = 0;
    long block = 0;
    long nextSpaceCheck = SPACE_CHECK_EVERY;
    while (n > 0) {
      digests.update(buf, n);
      seal(buf, n, crc, layout.tag(block++));
      writeFully(ch, ByteBuffer.wrap(buf, 0, n + ChunkFormat.CRC_SIZE));
      total += n;
      if (total > maxSize) {
        throw new StoreException(StoreError.ENTITY_TOO_LARGE, "body exceeds " + maxSize + " bytes");
      }
      writeback.wrote(n + ChunkFormat.CRC_SIZE);
      if (total >= nextSpaceCheck) {
        space.requireRoom(0);
        nextSpaceCheck = total + SPACE_CHECK_EVERY;
      }
      if (n < blockSize || (size >= 0 && total == size)) break;
      long want = size >= 0 ? Math.min(blockSize, size - total) : blockSize;
      n = fill(body, buf, (int) want, size >= 0 ? want : -1);
      if (size >= 0 && n < want) throw incomplete(size, total + n);
    }
    return total;
  }

  /** Puts the block's CRC32C, XORed with its {@code tag}, big-endian right after its bytes. */
  private static void seal(byte[] buf, int n, CRC32C crc, int tag) {
    crc.reset();
    crc.update(buf, 0, n);
    int c = (int) crc.getValue() ^ tag;
    buf[n] = (byte) (c >>> 24);
    buf[n + 1] = (byte) (c >>> 16);
    buf[n + 2] = (byte) (c >>> 8);
    buf[n + 3] = (byte) c;
  }

  /**
   * Keeps the disk busy while the body is still arriving and being hashed: after every {@link
   * #EVERY} bytes it starts an fdatasync of the file so far on a virtual thread (at most one at a
   * time) instead of leaving the whole body dirty in the page cache for the final fsync, which then
   * finds little left to write. Durability is unchanged: the final {@code force(true)} still
   * precedes the acknowledgement, and a failed background sync fails the write (a failed fsync may
   * not be reported twice, so it must not be ignored).
   */
  private static final class Writeback {
    static final long EVERY = 8L << 20;
    private final FileChannel ch;
    private long unsynced;
    private @Nullable Thread running;
    private volatile @Nullable IOException failure;

    Writeback(FileChannel ch) {
      this.ch = ch;
    }

    void wrote(int bytes) throws IOException {
      unsynced += bytes;
      if (unsynced < EVERY || (running != null && running.isAlive())) return;
      rethrow();
      unsynced = 0;
      running =
          Thread.ofVirtual()
              .name("chunk-writeback")
              .start(
                  () -> {
                    try {
                      ch.force(false);
                    } catch (IOException e) {
                      failure = e;
                    }
                  });
    }

    /** Waits for a running sync; throws if any background sync failed. */
    void finish() throws IOException {
      awaitQuietly();
      rethrow();
    }

    void awaitQuietly() {
      Thread t = running;
      if (t == null) return;
      boolean interrupted = false;
      while (true) {
        try {
          t.join();
          break;
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
      if (interrupted) Thread.currentThread().interrupt();
    }

    private void rethrow() throws IOException {
      IOException e = failure;
      if (e != null) throw new IOException("writing chunk data failed: " + e.getMessage(), e);
    }
  }

  /**
   * Reads until {@code want} bytes (at most the block) are in {@code buf} or the body ends. With a
   * known size only the bytes still expected are requested, never more.
   */
  private int fill(InputStream body, byte[] buf, int max, long size) throws IOException {
    int want = size >= 0 ? (int) Math.min(max, size) : max;
    int n = 0;
    while (n < want) {
      int r = body.read(buf, n, want - n);
      if (r < 0) break;
      n += r;
    }
    return n;
  }

  private static BodyException incomplete(long size, long got) {
    return new BodyException(
        BodyException.Fault.INCOMPLETE_BODY, "body ended after " + got + " of " + size + " bytes");
  }

  private static void writeFully(FileChannel ch, ByteBuffer b) throws IOException {
    while (b.hasRemaining()) ch.write(b);
  }

  static MessageDigest md5() {
    try {
      return MessageDigest.getInstance("MD5");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("MD5 missing from this JDK", e);
    }
  }
}
