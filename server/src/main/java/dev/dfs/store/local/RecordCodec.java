package dev.dfs.store.local;

import dev.dfs.store.Checksum;
import dev.dfs.store.ObjectMetadata;
import dev.dfs.store.StoreError;
import dev.dfs.store.StoreException;
import dev.dfs.store.VersioningState;
import dev.dfs.store.local.Records.BucketRecord;
import dev.dfs.store.local.Records.ChunkRef;
import dev.dfs.store.local.Records.InlineData;
import dev.dfs.store.local.Records.ObjectRecord;
import dev.dfs.store.local.Records.PartRecord;
import dev.dfs.store.local.Records.UploadRecord;
import dev.dfs.util.ChecksumAlgorithm;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Compact binary encoding of {@link Records}. Every value starts with a format version byte;
 * decoding a value of an unknown version fails loudly instead of misreading it. Enums are stored by
 * name so reordering constants cannot corrupt old data.
 *
 * <p>Versions: {@link #V1} the first format; {@link #V2} adds object tags after the user metadata
 * of object and upload records; {@link #V3} adds the system attributes after the tags; {@link #V4}
 * adds to object records their version (16-byte version key, version id, delete marker flag) and to
 * bucket records the versioning state; inline data {@link #V2} binds its CRC32C to its id. Objects
 * and buckets are written as V4, uploads as V3, inline data as V2, parts as V1; every older version
 * is still read.
 */
final class RecordCodec {
  static final int V1 = 1;
  static final int V2 = 2;
  static final int V3 = 3;
  static final int V4 = 4;
  private static final int STORAGE_INLINE = 0;
  private static final int STORAGE_CHUNKS = 1;

  private RecordCodec() {}

  private static BinReader reader(byte[] value, String what) {
    return reader(value, what, V1);
  }

  /** A reader positioned after the version byte, which must be at most {@code newest}. */
  private static BinReader reader(byte[] value, String what, int newest) {
    BinReader r = new BinReader(value);
    int v = r.u8();
    if (v < V1 || v > newest) {
      throw new IllegalStateException(what + " record has unknown format version " + v);
    }
    return r;
  }

  // ---- buckets ----

  static byte[] encode(BucketRecord b) {
    return new BinWriter()
        .u8(V4)
        .i64(b.createdMillis())
        .str(b.region())
        .str(b.versioning().name())
        .toByteArray();
  }

  static BucketRecord decodeBucket(byte[] value) {
    BinReader r = reader(value, "bucket", V4);
    long created = r.i64();
    String region = r.str();
    if (value[0] < V4) return new BucketRecord(created, region);
    return new BucketRecord(created, region, VersioningState.valueOf(r.requiredStr()));
  }

  // ---- objects ----

  static byte[] encode(ObjectRecord o) {
    BinWriter w =
        new BinWriter(160).u8(V4).varint(o.size()).str(o.etag()).i64(o.lastModifiedMillis());
    writeMetadata(w, o.metadata());
    writeChecksum(w, o.checksum());
    w.varint(o.partSizes().size());
    for (long s : o.partSizes()) w.varint(s);
    if (o.inlineId() != null) {
      w.u8(STORAGE_INLINE).raw(o.inlineId().bytes());
    } else {
      w.u8(STORAGE_CHUNKS).varint(o.chunks().size());
      for (ChunkRef c : o.chunks()) w.raw(c.id().bytes()).varint(c.length());
    }
    // since V4: the version
    if (o.version() == null) {
      w.u8(0);
    } else {
      w.u8(1).raw(o.version().bytes());
    }
    w.str(o.versionId()).u8(o.deleteMarker() ? 1 : 0);
    return w.toByteArray();
  }

  /** {@link #decodeObject(byte[], String)} for an object not named in the error. */
  static ObjectRecord decodeObject(byte[] value) {
    return decodeObject(value, "an object");
  }

  /**
   * Decodes an object record.
   *
   * @param object "bucket/key", named in the error
   * @throws StoreException CORRUPT_DATA when the bytes are not a record this build can read
   */
  static ObjectRecord decodeObject(byte[] value, String object) {
    try {
      return decodeObjectUnchecked(value);
    } catch (RuntimeException e) {
      throw new StoreException(
          StoreError.CORRUPT_DATA, object + ": its record does not decode (" + e + ")");
    }
  }

  private static ObjectRecord decodeObjectUnchecked(byte[] value) {
    BinReader r = reader(value, "object", V4);
    long size = r.varint();
    String etag = r.requiredStr();
    long modified = r.i64();
    ObjectMetadata md = readMetadata(r, value[0]);
    Checksum ck = readChecksum(r);
    int nParts = r.varintInt();
    List<Long> partSizes = new ArrayList<>(nParts);
    for (int i = 0; i < nParts; i++) partSizes.add(r.varint());
    int storage = r.u8();
    ChunkId inline = null;
    List<ChunkRef> chunks = new ArrayList<>();
    if (storage == STORAGE_INLINE) {
      inline = ChunkId.fromBytes(r.raw(16));
    } else if (storage == STORAGE_CHUNKS) {
      int n = r.varintInt();
      for (int i = 0; i < n; i++)
        chunks.add(new ChunkRef(ChunkId.fromBytes(r.raw(16)), r.varint()));
    } else {
      throw new IllegalStateException("unknown storage kind " + storage);
    }
    if (value[0] < V4)
      return new ObjectRecord(size, etag, modified, md, ck, partSizes, inline, chunks);
    VersionKey version = r.u8() == 0 ? null : VersionKey.fromBytes(r.raw(VersionKey.BYTES), 0);
    String versionId = r.str();
    boolean marker = r.u8() != 0;
    return new ObjectRecord(
        size, etag, modified, md, ck, partSizes, inline, chunks, version, versionId, marker);
  }

  // ---- inline data ----

  /**
   * The stored value of inline data under {@code id}: V2, whose CRC32C is stored XORed with the tag
   * of {@code id} ({@link ChunkFormat#tag}, block 0), so a value moved under another id fails its
   * check as a misplaced chunk block does.
   */
  static byte[] encode(ChunkId id, InlineData d) {
    return new BinWriter(d.data().length + 8)
        .u8(V2)
        .i32(d.crc32c() ^ ChunkFormat.tag(id, 0))
        .bytes(d.data())
        .toByteArray();
  }

  /**
   * The inline data stored under {@code id}; its {@code crc32c} is the data's plain CRC32C as the
   * value claims it (V1: stored as is; V2: unbound from {@code id}), not yet verified.
   *
   * @throws StoreException CORRUPT_DATA when the bytes are not an inline value
   */
  static InlineData decodeInline(ChunkId id, byte[] value) {
    try {
      BinReader r = reader(value, "inline", V2);
      int crc = r.i32();
      if (value[0] >= V2) crc ^= ChunkFormat.tag(id, 0);
      return new InlineData(crc, r.bytes());
    } catch (RuntimeException e) {
      throw new StoreException(
          StoreError.CORRUPT_DATA, "inline value " + id + " does not decode (" + e + ")");
    }
  }

  // ---- uploads and parts ----

  static byte[] encode(UploadRecord u) {
    BinWriter w = new BinWriter().u8(V3).i64(u.initiatedMillis());
    writeMetadata(w, u.metadata());
    w.str(u.checksumAlgorithm() == null ? null : u.checksumAlgorithm().name());
    w.str(u.checksumType() == null ? null : u.checksumType().name());
    return w.toByteArray();
  }

  static UploadRecord decodeUpload(byte[] value) {
    BinReader r = reader(value, "upload", V3);
    long initiated = r.i64();
    ObjectMetadata md = readMetadata(r, value[0]);
    String alg = r.str();
    String type = r.str();
    return new UploadRecord(
        initiated,
        md,
        alg == null ? null : ChecksumAlgorithm.valueOf(alg),
        type == null ? null : Checksum.Type.valueOf(type));
  }

  static byte[] encode(PartRecord p) {
    return new BinWriter()
        .u8(V1)
        .varint(p.size())
        .bytes(p.md5())
        .i64(p.lastModifiedMillis())
        .nullableBytes(p.checksum())
        .raw(p.chunk().bytes())
        .toByteArray();
  }

  static PartRecord decodePart(byte[] value) {
    BinReader r = reader(value, "part");
    return new PartRecord(
        r.varint(), r.bytes(), r.i64(), r.nullableBytes(), ChunkId.fromBytes(r.raw(16)));
  }

  // ---- chunk back-references (reverse index chunk -> owner) ----

  /** Owner kinds of a chunk reference. */
  static final int OWNER_OBJECT = 1;

  static final int OWNER_PART = 2;

  static byte[] chunkOwner(int kind, byte[] ownerKey) {
    return new BinWriter(ownerKey.length + 4).u8(V1).u8(kind).bytes(ownerKey).toByteArray();
  }

  // ---- shared pieces ----

  private static void writeMetadata(BinWriter w, ObjectMetadata m) {
    w.str(m.contentType())
        .str(m.contentEncoding())
        .str(m.contentDisposition())
        .str(m.contentLanguage())
        .str(m.cacheControl())
        .str(m.expires())
        .str(m.storageClass());
    Map<String, String> user = m.userMetadata(); // never null: ObjectMetadata makes it Map.of()
    writeMap(w, user == null ? Map.of() : user);
    writeMap(w, m.tags()); // since V2
    writeMap(w, m.attributes()); // since V3
  }

  /** Reads what {@link #writeMetadata} wrote in format {@code version}. */
  private static ObjectMetadata readMetadata(BinReader r, int version) {
    String ct = r.str(),
        ce = r.str(),
        cd = r.str(),
        cl = r.str(),
        cc = r.str(),
        ex = r.str(),
        sc = r.str();
    Map<String, String> user = readMap(r);
    Map<String, String> tags = version >= V2 ? readMap(r) : Map.of();
    Map<String, String> attributes = version >= V3 ? readMap(r) : Map.of();
    return new ObjectMetadata(ct, ce, cd, cl, cc, ex, user, sc, tags, attributes);
  }

  private static void writeMap(BinWriter w, Map<String, String> map) {
    Map<String, String> sorted = new TreeMap<>(map);
    w.varint(sorted.size());
    sorted.forEach((k, v) -> w.str(k).str(v));
  }

  private static Map<String, String> readMap(BinReader r) {
    int n = r.varintInt();
    Map<String, String> out = new TreeMap<>();
    for (int i = 0; i < n; i++) out.put(r.requiredStr(), r.requiredStr());
    return out;
  }

  private static void writeChecksum(BinWriter w, @Nullable Checksum c) {
    if (c == null) {
      w.u8(0);
      return;
    }
    w.u8(1).str(c.algorithm().name()).str(c.base64()).str(c.type().name());
  }

  private static @Nullable Checksum readChecksum(BinReader r) {
    if (r.u8() == 0) return null;
    return new Checksum(
        ChecksumAlgorithm.valueOf(r.requiredStr()),
        r.str(), // a Checksum may name its algorithm without a value
        Checksum.Type.valueOf(r.requiredStr()));
  }
}
