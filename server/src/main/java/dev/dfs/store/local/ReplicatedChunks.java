package dev.dfs.store.local;

import dev.dfs.store.StoreError;
import dev.dfs.store.StoreException;
import dev.dfs.store.local.Records.ChunkRef;
import dev.dfs.util.BodyException;
import dev.dfs.util.ChecksumAlgorithm;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.security.MessageDigest;
import java.util.List;
import java.util.zip.CRC32C;
import org.jspecify.annotations.Nullable;

/**
 * The cluster engine's {@link ChunkStorage}: bodies beyond the inline limit are streamed, once,
 * through a {@link ChunkBackend} (the replicated writer: every replica writes the chunk file format
 * with its per-block checks, and the write returns after the quorum fsynced); the MD5 and
 * additional checksum are computed here as the bytes pass, as {@link ChunkWriter} does. A chunk is
 * visible once written, so {@link #publish} does nothing; {@link #delete} removes the replicas
 * (best effort). Reads go through {@link ReplicatedRead}. Thread-safe.
 */
final class ReplicatedChunks implements ChunkStorage {
  private final ChunkBackend backend;
  private final ChunkPins pins;
  private final long maxSize;

  ReplicatedChunks(ChunkBackend backend, long maxSize) {
    this.backend = backend;
    // the pins free a chunk through this sink (only the reference is kept here)
    this.pins = new ChunkPins(this);
    this.maxSize = maxSize;
  }

  /**
   * The store's pins: readers and writers pin chunks; a freed pinned chunk goes at its last unpin.
   */
  ChunkPins pins() {
    return pins;
  }

  @Override
  public StagedData write(
      InputStream body, long size, @Nullable ChecksumAlgorithm alg, int inlineLimit, boolean digest)
      throws IOException {
    if (size > maxSize) {
      throw new StoreException(
          StoreError.ENTITY_TOO_LARGE, "body of " + size + " bytes exceeds " + maxSize);
    }
    Digesting in =
        new Digesting(
            body,
            digest ? ChunkWriter.md5() : null,
            alg == null ? null : alg.newChecksum(),
            maxSize);
    if (inlineLimit >= 0 && (size < 0 || size <= inlineLimit)) {
      int want = size >= 0 ? (int) size : inlineLimit + 1;
      byte[] head = in.readNBytes(want);
      if (size >= 0 && head.length < size) throw incomplete(size, head.length);
      if (head.length <= inlineLimit) return inline(head, in);
      return stream(new SequenceInputStream(new ByteArrayInputStream(head), in), size, in);
    }
    return stream(in, size, in);
  }

  private StagedData inline(byte[] data, Digesting in) {
    CRC32C crc = new CRC32C();
    crc.update(data);
    return new StagedData(
        data.length, in.md5(), in.extra(), data, (int) crc.getValue(), null, this, pins);
  }

  /** {@code source} yields the body's bytes, each of which passed or passes {@code digests}. */
  private StagedData stream(InputStream source, long size, Digesting digests) throws IOException {
    ChunkId id = ChunkId.random();
    pins.pin(id);
    boolean ok = false;
    try {
      backend.write(id, source, size);
      ok = true;
      return new StagedData(digests.count, digests.md5(), digests.extra(), null, 0, id, this, pins);
    } finally {
      if (!ok) {
        backend.delete(id);
        pins.unpin(id);
      }
    }
  }

  @Override
  public InputStream read(
      List<ChunkRef> chunks,
      long first,
      long last,
      String object,
      @Nullable WholeObjectCheck check,
      boolean prime)
      throws IOException {
    ReplicatedRead r = new ReplicatedRead(backend, chunks, first, last, object, check);
    if (prime) {
      try {
        r.prime();
      } catch (IOException | RuntimeException e) {
        r.close();
        throw e;
      }
    }
    return r;
  }

  @Override
  public void publish(ChunkId id) {
    // durable and visible on its replicas since the write returned
  }

  @Override
  public void delete(ChunkId id) {
    backend.delete(id);
  }

  @Override
  public @Nullable ChunkFiles files() {
    return null;
  }

  private static BodyException incomplete(long size, long got) {
    return new BodyException(
        BodyException.Fault.INCOMPLETE_BODY, "body ended after " + got + " of " + size + " bytes");
  }

  /** Counts, digests and bounds the body as it is read. Not thread-safe. */
  private static final class Digesting extends FilterInputStream {
    private final @Nullable MessageDigest md5;
    private final ChecksumAlgorithm.@Nullable RunningChecksum extra;
    private final long max;
    long count;

    Digesting(
        InputStream in,
        @Nullable MessageDigest md5,
        ChecksumAlgorithm.@Nullable RunningChecksum extra,
        long max) {
      super(in);
      this.md5 = md5;
      this.extra = extra;
      this.max = max;
    }

    @Override
    public int read() throws IOException {
      return dev.dfs.util.SingleByteRead.of(this);
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = in.read(b, off, len);
      if (n <= 0) return n;
      count += n;
      if (count > max)
        throw new StoreException(StoreError.ENTITY_TOO_LARGE, "body exceeds " + max + " bytes");
      if (md5 != null) md5.update(b, off, n);
      if (extra != null) extra.update(b, off, n);
      return n;
    }

    byte @Nullable [] md5() {
      return md5 == null ? null : md5.digest();
    }

    byte @Nullable [] extra() {
      return extra == null ? null : extra.finish();
    }

    @Override
    public void close() {
      // the body belongs to the caller
    }
  }
}
