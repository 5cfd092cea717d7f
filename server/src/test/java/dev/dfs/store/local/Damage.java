package dev.dfs.store.local;

import dev.dfs.store.local.MetaDb.Cf;
import dev.dfs.store.local.Records.ChunkRef;
import dev.dfs.store.local.Records.ObjectRecord;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * Fault injection for tests: damages what a {@link LocalStore} keeps, the way disks, people and
 * bugs do (flipped bits, cut files, blocks or files in the wrong place, bad RocksDB values). Public
 * so server-level tests in other packages can use it; test code only.
 */
public final class Damage {
  private Damage() {}

  /** The chunk files of bucket/key's current version, in object order. */
  public static List<Path> chunkFiles(LocalStore store, String bucket, String key)
      throws IOException {
    return record(store, bucket, key).chunks().stream()
        .map(ChunkRef::id)
        .map(store.chunkFiles()::path)
        .toList();
  }

  /** The block size a chunk file was written with. */
  public static int blockSize(Path chunk) throws IOException {
    try (RandomAccessFile f = new RandomAccessFile(chunk.toFile(), "r")) {
      f.seek(8);
      return f.readInt();
    }
  }

  /** Flips one bit of data byte {@code dataOffset} of the chunk file (its check left as is). */
  public static void flipDataBit(Path chunk, long dataOffset) throws IOException {
    int bs = blockSize(chunk);
    long pos = layout(chunk).blockOffset(dataOffset / bs) + dataOffset % bs;
    try (RandomAccessFile f = new RandomAccessFile(chunk.toFile(), "rw")) {
      f.seek(pos);
      int b = f.read();
      f.seek(pos);
      f.write(b ^ 0x10);
    }
  }

  /** Cuts {@code bytes} off the end of the file. */
  public static void truncate(Path chunk, long bytes) throws IOException {
    try (RandomAccessFile f = new RandomAccessFile(chunk.toFile(), "rw")) {
      f.setLength(f.length() - bytes);
    }
  }

  /** Swaps two full blocks of a chunk file, each together with its stored check. */
  public static void swapBlocks(Path chunk, long i, long j) throws IOException {
    ChunkFormat.Layout l = layout(chunk);
    int stride = l.blockSize() + ChunkFormat.CRC_SIZE;
    try (RandomAccessFile f = new RandomAccessFile(chunk.toFile(), "rw")) {
      byte[] a = new byte[stride];
      byte[] b = new byte[stride];
      f.seek(l.blockOffset(i));
      f.readFully(a);
      f.seek(l.blockOffset(j));
      f.readFully(b);
      f.seek(l.blockOffset(i));
      f.write(b);
      f.seek(l.blockOffset(j));
      f.write(a);
    }
  }

  /** Swaps the contents of two chunk files (header included). */
  public static void swapFiles(Path a, Path b) throws IOException {
    byte[] x = Files.readAllBytes(a);
    Files.write(a, Files.readAllBytes(b));
    Files.write(b, x);
  }

  /** Copies everything after the header of {@code from} over the same range of {@code to}. */
  public static void copyBlocksOnly(Path from, Path to) throws IOException {
    byte[] src = Files.readAllBytes(from);
    byte[] dst = Files.readAllBytes(to);
    int h = layout(to).headerSize();
    System.arraycopy(src, h, dst, h, Math.min(src.length, dst.length) - h);
    Files.write(to, dst);
  }

  /** Rewrites a chunk file in format version 1 (16-byte header, plain CRC32C per block). */
  public static void rewriteAsVersion1(Path chunk) throws IOException {
    ChunkFormat.Layout l = layout(chunk);
    byte[] file = Files.readAllBytes(chunk);
    int bs = l.blockSize();
    ByteBuffer out = ByteBuffer.allocate(file.length - l.headerSize() + ChunkFormat.V1_HEADER_SIZE);
    out.putInt(0x44465343).put((byte) 1).put(new byte[3]).putInt(bs).putInt(0);
    for (int at = l.headerSize(); at < file.length; at += bs + ChunkFormat.CRC_SIZE) {
      int n = Math.min(bs, file.length - at - ChunkFormat.CRC_SIZE);
      CRC32C crc = new CRC32C();
      crc.update(file, at, n);
      out.put(file, at, n).putInt((int) crc.getValue());
    }
    Files.write(chunk, out.array());
  }

  /** Flips a bit in the inline value of bucket/key (its stored CRC left as is). */
  public static void flipInlineBit(LocalStore store, String bucket, String key) throws IOException {
    ChunkId id = record(store, bucket, key).inlineId();
    byte[] v = store.metaDb().get(Cf.INLINE, id.bytes());
    v[v.length - 1] ^= 0x01;
    put(store, Cf.INLINE, id.bytes(), v);
  }

  /**
   * Stores the inline value of {@code from} (valid in itself) under the inline id of {@code to}.
   */
  public static void copyInlineValue(LocalStore store, String bucket, String from, String to)
      throws IOException {
    byte[] v = store.metaDb().get(Cf.INLINE, record(store, bucket, from).inlineId().bytes());
    put(store, Cf.INLINE, record(store, bucket, to).inlineId().bytes(), v);
  }

  /** Points bucket/to's current record at bucket/from's chunks (the record stays decodable). */
  public static void pointAtChunksOf(LocalStore store, String bucket, String from, String to)
      throws IOException {
    ObjectRecord src = record(store, bucket, from);
    ObjectRecord r = record(store, bucket, to);
    ObjectRecord bad =
        new ObjectRecord(
            r.size(),
            r.etag(),
            r.lastModifiedMillis(),
            r.metadata(),
            r.checksum(),
            r.partSizes(),
            null,
            src.chunks(),
            r.version(),
            r.versionId(),
            false);
    put(store, Cf.OBJECTS, KeyCodec.object(bucket, to), RecordCodec.encode(bad));
  }

  /** Cuts bucket/key's current record in half, so it no longer decodes. */
  public static void breakRecord(LocalStore store, String bucket, String key) throws IOException {
    byte[] k = KeyCodec.object(bucket, key);
    byte[] v = store.metaDb().get(Cf.OBJECTS, k);
    put(store, Cf.OBJECTS, k, Arrays.copyOf(v, v.length / 2));
  }

  private static ObjectRecord record(LocalStore store, String bucket, String key)
      throws IOException {
    return RecordCodec.decodeObject(store.metaDb().get(Cf.OBJECTS, KeyCodec.object(bucket, key)));
  }

  private static void put(LocalStore store, Cf cf, byte[] key, byte[] value) throws IOException {
    MetaDb db = store.metaDb();
    db.commit(db.batch().put(cf, key, value));
  }

  private static ChunkFormat.Layout layout(Path chunk) throws IOException {
    try (var ch = java.nio.channels.FileChannel.open(chunk)) {
      ByteBuffer h = ByteBuffer.allocate(ChunkFormat.V2_HEADER_SIZE);
      ch.read(h, 0);
      h.flip();
      return ChunkFormat.parseHeader(h, ChunkId.parseHex(chunk.getFileName().toString()));
    }
  }
}
