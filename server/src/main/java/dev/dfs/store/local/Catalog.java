package dev.dfs.store.local;

import dev.dfs.store.ObjectMetadata;
import dev.dfs.store.StoreError;
import dev.dfs.store.StoreException;
import dev.dfs.store.local.MetaDb.Batch;
import dev.dfs.store.local.MetaDb.Cf;
import dev.dfs.store.local.Records.BucketRecord;
import dev.dfs.store.local.Records.ChunkRef;
import dev.dfs.store.local.Records.InlineData;
import dev.dfs.store.local.Records.ObjectRecord;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Bucket and object metadata in RocksDB: the objects column family plus what hangs off an
 * object record (its inline bytes and the chunk back-references). Replacing or removing an
 * object is one synced batch that also drops the old version's inline bytes and references;
 * the caller then frees the returned chunk files. Mutating calls require the caller to hold
 * {@link KeyLocks#key} for that object. Thread-safe.
 */
final class Catalog {
  /** More writes to put into the same atomic batch. */
  interface Extra {
    void apply(Batch batch) throws IOException;
  }

  private final MetaDb db;
  /** Object counts per bucket, adjusted after each commit below. */
  final UsageCounters usage;

  Catalog(MetaDb db) {
    this.db = db;
    this.usage = new UsageCounters(db);
  }

  MetaDb db() {
    return db;
  }

  BucketRecord bucket(String name) throws IOException {
    byte[] v = db.get(Cf.BUCKETS, KeyCodec.bucket(name));
    return v == null ? null : RecordCodec.decodeBucket(v);
  }

  void requireBucket(String name) throws IOException {
    if (db.get(Cf.BUCKETS, KeyCodec.bucket(name)) == null) {
      throw new StoreException(StoreError.NO_SUCH_BUCKET, "no such bucket: " + name);
    }
  }

  /** The encoded current record of an object, or null. */
  byte[] objectBytes(String bucket, String key) throws IOException {
    return db.get(Cf.OBJECTS, KeyCodec.object(bucket, key));
  }

  ObjectRecord object(String bucket, String key) throws IOException {
    byte[] v = objectBytes(bucket, key);
    return v == null ? null : RecordCodec.decodeObject(v);
  }

  InlineData inline(ChunkId id) throws IOException {
    byte[] v = db.get(Cf.INLINE, id.bytes());
    return v == null ? null : RecordCodec.decodeInline(v);
  }

  /**
   * Makes {@code rec} the current version (with {@code inline} bytes if it is stored inline)
   * and applies {@code extra} in the same synced batch. Returns the chunks of the replaced
   * version, which are no longer referenced. NO_SUCH_BUCKET.
   */
  List<ChunkId> replaceObject(String bucket, String key, ObjectRecord rec, InlineData inline, Extra extra)
      throws IOException {
    requireBucket(bucket);
    byte[] okey = KeyCodec.object(bucket, key);
    byte[] oldBytes = db.get(Cf.OBJECTS, okey);
    ObjectRecord old = oldBytes == null ? null : RecordCodec.decodeObject(oldBytes);
    try (Batch b = db.batch()) {
      b.put(Cf.OBJECTS, okey, RecordCodec.encode(rec));
      if (rec.inlineId() != null) b.put(Cf.INLINE, rec.inlineId().bytes(), RecordCodec.encode(inline));
      byte[] owner = RecordCodec.chunkOwner(RecordCodec.OWNER_OBJECT, okey);
      for (ChunkRef c : rec.chunks()) b.put(Cf.CHUNK_REFS, c.id().bytes(), owner);
      List<ChunkId> freed = old == null ? List.of() : dropVersion(b, old);
      if (extra != null) extra.apply(b);
      usage.replaced(b, bucket, old, rec);
      db.commit(b);
      return freed;
    }
  }

  /**
   * Rewrites the current record's metadata only (same data, chunks and inline bytes), e.g. to
   * replace its tags. Returns the new record; NO_SUCH_KEY when there is no current object.
   */
  ObjectRecord rewriteMetadata(String bucket, String key, ObjectMetadata metadata)
      throws IOException {
    requireBucket(bucket);
    byte[] okey = KeyCodec.object(bucket, key);
    byte[] oldBytes = db.get(Cf.OBJECTS, okey);
    if (oldBytes == null) {
      throw new StoreException(StoreError.NO_SUCH_KEY, "no such key: " + key);
    }
    ObjectRecord old = RecordCodec.decodeObject(oldBytes);
    ObjectRecord updated = new ObjectRecord(old.size(), old.etag(), old.lastModifiedMillis(),
        metadata, old.checksum(), old.partSizes(), old.inlineId(), old.chunks());
    try (Batch b = db.batch()) {
      db.commit(b.put(Cf.OBJECTS, okey, RecordCodec.encode(updated)));
    }
    return updated;
  }

  /** Removes the current version; returns its chunks to free, or null if there was none. */
  List<ChunkId> removeObject(String bucket, String key) throws IOException {
    requireBucket(bucket);
    byte[] okey = KeyCodec.object(bucket, key);
    byte[] oldBytes = db.get(Cf.OBJECTS, okey);
    if (oldBytes == null) return null;
    try (Batch b = db.batch()) {
      b.delete(Cf.OBJECTS, okey);
      ObjectRecord old = RecordCodec.decodeObject(oldBytes);
      List<ChunkId> freed = dropVersion(b, old);
      usage.removed(b, bucket, old);
      db.commit(b);
      return freed;
    }
  }

  private static List<ChunkId> dropVersion(Batch b, ObjectRecord old) throws IOException {
    if (old.inlineId() != null) b.delete(Cf.INLINE, old.inlineId().bytes());
    List<ChunkId> freed = new ArrayList<>(old.chunks().size());
    for (ChunkRef c : old.chunks()) {
      b.delete(Cf.CHUNK_REFS, c.id().bytes());
      freed.add(c.id());
    }
    return freed;
  }
}
