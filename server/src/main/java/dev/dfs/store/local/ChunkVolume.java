package dev.dfs.store.local;

import dev.dfs.store.StoreException;
import dev.dfs.store.local.Records.ChunkRef;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableSet;
import java.util.OptionalLong;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * The chunk files of one data directory seen as a store of immutable, named byte strings: the
 * facade through which the cluster engine keeps its replicas, built on the same package-private
 * writer, reader and layout as the local engine (so a change of the chunk format changes both).
 *
 * <p>Contracts: {@link #write} is durable when it returns (temp file, fsync, rename, fsync of the
 * directory); a failed write leaves no file under the chunk's name. {@link #openRead} returns only
 * bytes whose block checksum verified, and fails with an {@link IOException} (never wrong bytes) on
 * a damaged or truncated file; a missing chunk is a {@link MissingChunkException}. A chunk open for
 * reading stays readable after a {@link #delete} until the stream closes. Chunk names are {@link
 * ChunkId}s, never user strings. Thread-safe.
 */
public final class ChunkVolume {
  private final ChunkFiles files;
  private final ChunkPins pins;
  private final ChunkWriter writer;

  private ChunkVolume(ChunkFiles files, int blockSize, long maxChunkSize, DiskSpace space) {
    this.files = files;
    this.pins = new ChunkPins(files);
    this.writer = new ChunkWriter(files, pins, blockSize, maxChunkSize, space);
  }

  /**
   * Opens (creating if needed) the chunk files under {@code dataDir} and removes temp files of
   * writes a previous process left unfinished. The caller guarantees no other process or volume
   * uses the directory.
   *
   * @param blockSize data bytes per checksummed block of new chunks
   * @param maxChunkSize a write beyond this many bytes fails (ENTITY_TOO_LARGE)
   */
  public static ChunkVolume open(Path dataDir, int blockSize, long maxChunkSize)
      throws IOException {
    if (blockSize < 16) throw new IllegalArgumentException("blockSize < 16");
    ChunkFiles files = new ChunkFiles(dataDir);
    files.clearTmp();
    // the same reserve as the local engine's default: a replica is refused with
    // INSUFFICIENT_STORAGE before it eats into the space the metadata database needs
    return new ChunkVolume(files, blockSize, maxChunkSize, new DiskSpace(dataDir, -1));
  }

  /**
   * Streams {@code body} into the chunk {@code id} ({@code size} bytes, or to the end of the body
   * when negative) and makes it durable; returns its length. Writing an id again replaces the chunk
   * atomically (callers write a given id with the same bytes only, as a retry).
   *
   * @throws dev.dfs.util.BodyException INCOMPLETE_BODY when the body ends before {@code size}
   * @throws IOException the body or the disk failed; nothing is left under the chunk's name
   */
  public long write(ChunkId id, InputStream body, long size) throws IOException {
    try (StagedData staged = writer.write(body, size, null, -1, false, id)) {
      staged.publish();
      staged.markCommitted();
      return staged.size();
    }
  }

  /**
   * Opens a verified read of {@code length} bytes from {@code offset} of the chunk, whose length
   * per the metadata is {@code chunkLength} (a file of another length is damaged). Not thread-safe
   * (one stream, one reader); close it.
   */
  public InputStream openRead(ChunkId id, long chunkLength, long offset, long length)
      throws IOException {
    if (offset < 0 || length < 0 || offset + length > chunkLength) {
      throw new IllegalArgumentException(
          "range " + offset + "+" + length + " outside chunk of " + chunkLength);
    }
    pins.pin(id);
    try {
      if (!Files.exists(files.path(id))) throw new MissingChunkException(id);
      VerifiedStream verified =
          new VerifiedStream(
              files,
              List.of(new ChunkRef(id, chunkLength)),
              offset,
              offset + length - 1,
              "chunk " + id,
              null);
      Pinned pinned = new Pinned(verified, id);
      pinned.prime(verified); // a bad header, length or first block fails here, not mid-stream
      return pinned;
    } catch (IOException | RuntimeException e) {
      pins.unpin(id);
      throw e;
    }
  }

  /**
   * The data length the chunk's file implies, or empty when there is no such chunk. A file whose
   * header or length is not that of a chunk reports -1 (damaged). Truncation at a block boundary
   * looks like a shorter chunk: compare with the metadata's length.
   */
  public OptionalLong length(ChunkId id) throws IOException {
    Path p = files.path(id);
    try (FileChannel ch = FileChannel.open(p, StandardOpenOption.READ)) {
      ByteBuffer header = ByteBuffer.allocate(ChunkFormat.V2_HEADER_SIZE);
      while (header.hasRemaining() && ch.read(header, header.position()) > 0) {
        // positional reads until the header is complete or the file ends
      }
      header.flip();
      ChunkFormat.Layout layout;
      try {
        layout = ChunkFormat.parseHeader(header, id);
      } catch (IOException damaged) {
        return OptionalLong.of(-1);
      }
      return OptionalLong.of(dataLength(ch.size(), layout));
    } catch (NoSuchFileException e) {
      return OptionalLong.empty();
    }
  }

  /** Deletes the chunk (at the last close of its open reads); a missing chunk is fine. */
  public void delete(ChunkId id) {
    pins.free(id);
  }

  /**
   * Moves the chunk's file out of the volume into {@code quarantine/} under the data dir (a damaged
   * replica kept for inspection; the volume then lacks the chunk, so repair writes a fresh copy).
   * Returns where it went, or null when there was no such chunk. Open reads keep reading the moved
   * file.
   */
  public @Nullable Path quarantine(ChunkId id) throws IOException {
    Path from = files.path(id);
    Path dir = files.chunksDir().resolveSibling("quarantine");
    Files.createDirectories(dir);
    Path to = dir.resolve(id.hex() + "." + System.currentTimeMillis());
    try {
      Files.move(from, to, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    } catch (NoSuchFileException e) {
      return null;
    }
    ChunkFiles.fsyncDir(files.dir(id));
    return to;
  }

  /**
   * Up to {@code limit} chunks with ids above {@code after} (null: from the start), in id order: a
   * resumable scan for repair and rebalancing. Lengths as {@link #length}.
   */
  public List<StoredChunk> list(@Nullable ChunkId after, int limit) throws IOException {
    List<StoredChunk> out = new ArrayList<>();
    String from = after == null ? "" : after.hex();
    for (String d1 : sortedNames(files.chunksDir(), from.isEmpty() ? "" : from.substring(0, 2))) {
      Path dir1 = files.chunksDir().resolve(d1);
      for (String d2 : sortedNames(dir1, from.startsWith(d1) ? from.substring(2, 4) : "")) {
        for (String leaf : sortedNames(dir1.resolve(d2), "")) {
          ChunkId id = ChunkId.parseHex(leaf);
          if (id == null || leaf.compareTo(from) <= 0 || !files.dir(id).equals(dir1.resolve(d2)))
            continue;
          OptionalLong len = length(id);
          if (len.isPresent()) out.add(new StoredChunk(id, len.getAsLong()));
          if (out.size() >= limit) return out;
        }
      }
    }
    return out;
  }

  private static NavigableSet<String> sortedNames(Path dir, String atLeast) throws IOException {
    NavigableSet<String> names = new TreeSet<>();
    if (!Files.isDirectory(dir)) return names;
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
      for (Path p : ds) {
        String n = p.getFileName().toString();
        if (n.compareTo(atLeast) >= 0) names.add(n);
      }
    }
    return names;
  }

  /** Data bytes in a chunk file of {@code fileLength} bytes; -1 if no whole-block layout fits. */
  static long dataLength(long fileLength, ChunkFormat.Layout layout) {
    long body = fileLength - layout.headerSize();
    if (body < 0) return -1;
    int blockSize = layout.blockSize();
    long stride = (long) blockSize + ChunkFormat.CRC_SIZE;
    long rest = body % stride;
    if (rest != 0 && rest <= ChunkFormat.CRC_SIZE) return -1;
    return body / stride * blockSize + (rest == 0 ? 0 : rest - ChunkFormat.CRC_SIZE);
  }

  /** A chunk present in the volume and the data length its file implies (-1: damaged). */
  public record StoredChunk(ChunkId id, long length) {}

  /** The chunk does not exist in this volume. */
  public static final class MissingChunkException extends IOException {
    private static final long serialVersionUID = 1L;

    public MissingChunkException(ChunkId id) {
      super("chunk " + id + " not found");
    }
  }

  /**
   * Unpins the chunk once, at the first close. Also a {@link dev.dfs.store.ObjectRead.BufferSource}
   * (the verified blocks as slices of a pooled direct buffer, see {@link
   * VerifiedStream#transferTo}).
   */
  private final class Pinned extends FilterInputStream
      implements dev.dfs.store.ObjectRead.BufferSource {
    private final VerifiedStream verified;
    private final ChunkId id;
    private boolean closed;

    Pinned(VerifiedStream in, ChunkId id) {
      super(in);
      this.verified = in;
      this.id = id;
    }

    @Override
    public void transferTo(dev.dfs.store.ObjectRead.BufferSink sink) throws IOException {
      try {
        verified.transferTo(sink);
      } catch (StoreException e) {
        throw new IOException(e.getMessage(), e);
      }
    }

    /** Damage surfaces as the engine's CORRUPT_DATA; this facade's contract is an IOException. */
    void prime(VerifiedStream verified) throws IOException {
      try {
        verified.prime();
      } catch (StoreException e) {
        throw new IOException(e.getMessage(), e);
      }
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      try {
        return in.read(b, off, len);
      } catch (StoreException e) {
        throw new IOException(e.getMessage(), e);
      }
    }

    @Override
    public void close() throws IOException {
      if (closed) return;
      closed = true;
      try {
        in.close();
      } finally {
        pins.unpin(id);
      }
    }
  }
}
