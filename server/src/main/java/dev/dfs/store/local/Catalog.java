package dev.dfs.store.local;

import dev.dfs.store.DeleteResult;
import dev.dfs.store.ObjectInfo;
import dev.dfs.store.ObjectMetadata;
import dev.dfs.store.StoreError;
import dev.dfs.store.StoreException;
import dev.dfs.store.VersionIds;
import dev.dfs.store.VersioningState;
import dev.dfs.store.local.MetaDb.Batch;
import dev.dfs.store.local.MetaDb.Cf;
import dev.dfs.store.local.Records.BucketRecord;
import dev.dfs.store.local.Records.ChunkRef;
import dev.dfs.store.local.Records.InlineData;
import dev.dfs.store.local.Records.ObjectRecord;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Bucket and object metadata in RocksDB. Every version of an object (delete markers included) is a
 * record in {@link Cf#VERSIONS}, newest first per key; {@link Cf#OBJECTS} holds a copy of the
 * newest version when it is not a delete marker, so listing current objects stays one range scan
 * however many old versions exist. {@link Cf#NULL_VERSIONS} points at each key's null version.
 * Every change is one synced batch covering all three, the version's inline bytes and chunk
 * back-references ({@link Cf#CHUNK_REFS}, one owner per chunk: a chunk belongs to exactly one
 * version) and the usage counters; the caller frees the returned chunk files afterwards.
 *
 * <p>Invariants: for each key, {@code OBJECTS[key]} equals the newest version in {@code VERSIONS}
 * if that is not a delete marker, else is absent; each chunk reference belongs to exactly one
 * stored version and is freed exactly once, when that version is removed. Mutating calls require
 * the caller to hold {@link KeyLocks#key} for that object. Thread-safe.
 */
final class Catalog {
  /** More writes to put into the same atomic batch. */
  interface Extra {
    void apply(Batch batch) throws IOException;
  }

  /** A committed version and the chunks no longer referenced after the commit. */
  record Committed(ObjectRecord record, List<ChunkId> freed) {}

  /** The outcome of a delete, and the chunks to free afterwards. */
  record Deleted(DeleteResult result, List<ChunkId> freed) {}

  private final MetaDb db;
  private final BucketConfigCache<BucketRecord> buckets = new BucketConfigCache<>();

  /** Version counts and bytes per bucket, adjusted in the same batch as each change. */
  final UsageCounters usage;

  /** Stamps delete markers and orders new versions (the leader's clock on a cluster). */
  private final java.time.Clock clock;

  /** The store's clock (the server's one clock), for the parts that stamp times beside it. */
  java.time.Clock clock() {
    return clock;
  }

  Catalog(MetaDb db, java.time.Clock clock) {
    this.db = db;
    this.clock = clock;
    this.usage = new UsageCounters(db);
  }

  MetaDb db() {
    return db;
  }

  /** The bucket's record, or null; from a cache that {@link #bucketsChanged()} clears. */
  @Nullable BucketRecord bucket(String name) throws IOException {
    return buckets
        .get(
            name,
            "",
            () -> {
              byte[] v = db.get(Cf.BUCKETS, KeyCodec.bucket(name));
              return v == null ? Optional.empty() : Optional.of(RecordCodec.decodeBucket(v));
            })
        .orElse(null);
  }

  /** Must be called after every commit (or failed commit) that writes a bucket record. */
  void bucketsChanged() {
    buckets.invalidate();
  }

  BucketRecord requireBucket(String name) throws IOException {
    BucketRecord b = bucket(name);
    if (b == null) throw new StoreException(StoreError.NO_SUCH_BUCKET, "no such bucket: " + name);
    return b;
  }

  /** The encoded current record of an object (never a delete marker), or null. */
  byte @Nullable [] objectBytes(String bucket, String key) throws IOException {
    return db.get(Cf.OBJECTS, KeyCodec.object(bucket, key));
  }

  @Nullable ObjectRecord object(String bucket, String key) throws IOException {
    byte[] v = objectBytes(bucket, key);
    return v == null ? null : RecordCodec.decodeObject(v, bucket + "/" + key);
  }

  @Nullable InlineData inline(ChunkId id) throws IOException {
    byte[] v = db.get(Cf.INLINE, id.bytes());
    return v == null ? null : RecordCodec.decodeInline(id, v);
  }

  /**
   * The encoded record of version {@code versionId} ({@code "null"}: the null version), or null
   * when the key has no such version (an id of the wrong shape names none).
   */
  byte @Nullable [] versionBytes(String bucket, String key, String versionId) throws IOException {
    VersionKey v = versionKey(bucket, key, versionId);
    if (v == null) return null;
    byte[] raw = db.get(Cf.VERSIONS, KeyCodec.version(bucket, key, v));
    if (raw == null) return null;
    ObjectRecord r = RecordCodec.decodeObject(raw, bucket + "/" + key);
    boolean wantNull = versionId.equals(VersionIds.NULL);
    return wantNull == r.isNullVersion() ? raw : null;
  }

  @Nullable ObjectRecord version(String bucket, String key, String versionId) throws IOException {
    byte[] raw = versionBytes(bucket, key, versionId);
    return raw == null ? null : RecordCodec.decodeObject(raw, bucket + "/" + key);
  }

  private @Nullable VersionKey versionKey(String bucket, String key, String versionId)
      throws IOException {
    if (!versionId.equals(VersionIds.NULL)) return VersionKey.parseId(versionId);
    byte[] v = db.get(Cf.NULL_VERSIONS, KeyCodec.object(bucket, key));
    return v == null ? null : VersionKey.fromBytes(v, 0);
  }

  /** Up to {@code n} newest versions of a key, newest first. */
  List<ObjectRecord> newest(String bucket, String key, int n) throws IOException {
    byte[] prefix = KeyCodec.versionsPrefix(bucket, key);
    List<ObjectRecord> out = new ArrayList<>(n);
    try (MetaDb.Scan s = db.scanPrefix(Cf.VERSIONS, prefix)) {
      for (; s.valid() && out.size() < n; s.next()) {
        if (s.key().length != prefix.length + VersionKey.BYTES) continue; // a longer key's entry
        out.add(RecordCodec.decodeObject(s.value()));
      }
    }
    return out;
  }

  /**
   * Commits {@code rec} (not yet placed among versions) as the new current version of bucket/key,
   * with {@code inline} bytes if it is stored inline, following the bucket's versioning state:
   * unversioned and suspended buckets replace the null version, enabled buckets add a version with
   * a fresh id. Applies {@code extra} in the same synced batch. NO_SUCH_BUCKET.
   */
  Committed putVersion(
      String bucket,
      String key,
      ObjectRecord rec,
      @Nullable InlineData inline,
      @Nullable Extra extra)
      throws IOException {
    VersioningState state = requireBucket(bucket).versioning();
    rec = LocalTiering.unmarkedUnlessTiered(rec);
    ObjectRecord nullVersion =
        state == VersioningState.ENABLED ? null : version(bucket, key, VersionIds.NULL);
    // a bucket that was never versioned holds only null versions: no scan for the newest
    ObjectRecord previous =
        state == VersioningState.UNVERSIONED
            ? nullVersion
            : newest(bucket, key, 1).stream().findFirst().orElse(null);
    VersionKey vk =
        VersionKey.next(VersionKey.nowMicros(clock), previous == null ? null : previous.version());
    ObjectRecord placed = rec.withVersion(vk, idFor(state, vk));
    try (Batch b = db.batch()) {
      List<ChunkId> freed =
          nullVersion == null ? List.of() : dropVersion(b, bucket, key, nullVersion);
      addVersion(b, bucket, key, placed);
      ChunkId inlineId = placed.inlineId();
      if (inlineId != null) {
        // a caller that makes an inline record passes its bytes (LocalStore's put)
        InlineData data = Objects.requireNonNull(inline, "an inline record without its bytes");
        b.put(Cf.INLINE, inlineId.bytes(), RecordCodec.encode(inlineId, data));
      }
      byte[] owner =
          RecordCodec.chunkOwner(RecordCodec.OWNER_OBJECT, KeyCodec.version(bucket, key, vk));
      for (ChunkRef c : placed.chunks()) b.put(Cf.CHUNK_REFS, c.id().bytes(), owner);
      b.put(Cf.OBJECTS, KeyCodec.object(bucket, key), RecordCodec.encode(placed));
      if (extra != null) extra.apply(b);
      db.commit(b);
      return new Committed(placed, freed);
    }
  }

  private static @Nullable String idFor(VersioningState state, VersionKey vk) {
    return switch (state) {
      case UNVERSIONED -> null;
      case SUSPENDED -> VersionIds.NULL;
      case ENABLED -> vk.id();
    };
  }

  /**
   * Deletes as S3 does (see {@link dev.dfs.store.ObjectStore#delete}); {@code guard} sees each
   * version about to be removed. Returns what was done and the chunks to free. NO_SUCH_BUCKET.
   */
  Deleted delete(
      String bucket, String key, @Nullable String versionId, @Nullable Consumer<ObjectInfo> guard)
      throws IOException {
    VersioningState state = requireBucket(bucket).versioning();
    if (versionId != null) return deleteVersion(bucket, key, versionId, guard);
    ObjectRecord nullVersion =
        state == VersioningState.ENABLED ? null : version(bucket, key, VersionIds.NULL);
    if (nullVersion != null && guard != null) guard.accept(Records.info(bucket, key, nullVersion));
    if (state == VersioningState.UNVERSIONED) {
      if (nullVersion == null) return new Deleted(DeleteResult.PLAIN, List.of());
      try (Batch b = db.batch()) {
        List<ChunkId> freed = dropNullVersion(b, bucket, key);
        b.delete(Cf.OBJECTS, KeyCodec.object(bucket, key));
        db.commit(b);
        return new Deleted(DeleteResult.PLAIN, freed);
      }
    }
    List<ObjectRecord> newest = newest(bucket, key, 1);
    VersionKey vk =
        VersionKey.next(
            VersionKey.nowMicros(clock), newest.isEmpty() ? null : newest.get(0).version());
    ObjectRecord marker = ObjectRecord.marker(clock.millis(), vk, idFor(state, vk));
    try (Batch b = db.batch()) {
      List<ChunkId> freed =
          state == VersioningState.ENABLED ? List.of() : dropNullVersion(b, bucket, key);
      addVersion(b, bucket, key, marker);
      b.delete(Cf.OBJECTS, KeyCodec.object(bucket, key));
      db.commit(b);
      return new Deleted(new DeleteResult(marker.versionId(), true), freed);
    }
  }

  private Deleted deleteVersion(
      String bucket, String key, String versionId, @Nullable Consumer<ObjectInfo> guard)
      throws IOException {
    ObjectRecord target = version(bucket, key, versionId);
    if (target == null) return new Deleted(new DeleteResult(versionId, false), List.of());
    if (guard != null) guard.accept(Records.info(bucket, key, target));
    List<ObjectRecord> newest = newest(bucket, key, 2);
    boolean wasNewest = newest.get(0).requireVersion().equals(target.version());
    try (Batch b = db.batch()) {
      List<ChunkId> freed = dropVersion(b, bucket, key, target);
      if (wasNewest) {
        ObjectRecord next = newest.size() > 1 ? newest.get(1) : null;
        if (next != null && !next.deleteMarker()) {
          b.put(Cf.OBJECTS, KeyCodec.object(bucket, key), RecordCodec.encode(next));
        } else {
          b.delete(Cf.OBJECTS, KeyCodec.object(bucket, key));
        }
      }
      db.commit(b);
      return new Deleted(new DeleteResult(versionId, target.deleteMarker()), freed);
    }
  }

  /**
   * Rewrites one version's metadata only (same data, chunks and inline bytes), e.g. to replace its
   * tags; {@code versionId} null means the current version. Returns the new record. NO_SUCH_KEY (no
   * current object), NO_SUCH_VERSION, DELETE_MARKER.
   */
  ObjectRecord rewriteMetadata(
      String bucket, String key, @Nullable String versionId, ObjectMetadata metadata)
      throws IOException {
    ObjectRecord old = require(bucket, key, versionId);
    ObjectRecord updated = old.withMetadata(metadata);
    try (Batch b = db.batch()) {
      byte[] encoded = RecordCodec.encode(updated);
      if (old.version() != null)
        b.put(Cf.VERSIONS, KeyCodec.version(bucket, key, old.version()), encoded);
      ObjectRecord current = object(bucket, key);
      if (current != null && java.util.Objects.equals(current.version(), old.version())) {
        b.put(Cf.OBJECTS, KeyCodec.object(bucket, key), encoded);
      }
      db.commit(b);
    }
    return updated;
  }

  /**
   * The addressed version, never a delete marker: NO_SUCH_KEY (current missing), NO_SUCH_VERSION or
   * DELETE_MARKER otherwise. NO_SUCH_BUCKET.
   */
  ObjectRecord require(String bucket, String key, @Nullable String versionId) throws IOException {
    ObjectRecord r = versionId == null ? object(bucket, key) : version(bucket, key, versionId);
    if (r == null) {
      requireBucket(bucket);
      if (versionId != null) {
        throw new StoreException(
            StoreError.NO_SUCH_VERSION, "The specified version does not exist.");
      }
      throw noSuchKey(bucket, key);
    }
    if (r.deleteMarker()) {
      throw new StoreException(
          StoreError.DELETE_MARKER,
          "The specified method is not allowed against this resource.",
          Records.info(bucket, key, r));
    }
    return r;
  }

  /** NO_SUCH_KEY, naming the delete marker when the key's newest version is one. */
  StoreException noSuchKey(String bucket, String key) throws IOException {
    List<ObjectRecord> newest = newest(bucket, key, 1);
    ObjectInfo marker =
        !newest.isEmpty() && newest.get(0).deleteMarker()
            ? Records.info(bucket, key, newest.get(0))
            : null;
    return new StoreException(StoreError.NO_SUCH_KEY, "The specified key does not exist.", marker);
  }

  /** Adds {@code rec} to the versions index (and the null-version pointer) and counts it. */
  private void addVersion(Batch b, String bucket, String key, ObjectRecord rec) throws IOException {
    VersionKey v = rec.requireVersion(); // placed by putVersion or deleteMarker
    b.put(Cf.VERSIONS, KeyCodec.version(bucket, key, v), RecordCodec.encode(rec));
    if (rec.isNullVersion()) b.put(Cf.NULL_VERSIONS, KeyCodec.object(bucket, key), v.bytes());
    usage.added(b, bucket, rec);
  }

  /** Adds to {@code b} the removal of the key's null version, if any; returns its chunks. */
  private List<ChunkId> dropNullVersion(Batch b, String bucket, String key) throws IOException {
    ObjectRecord old = version(bucket, key, VersionIds.NULL);
    return old == null ? List.of() : dropVersion(b, bucket, key, old);
  }

  /**
   * Adds to {@code b} the removal of version {@code old} from the versions index, its inline bytes,
   * chunk references and counts (not from {@link Cf#OBJECTS}), and for a version kept in a tier the
   * record that its copy there is to be freed ({@link TierLedger}); returns its chunks.
   */
  private List<ChunkId> dropVersion(Batch b, String bucket, String key, ObjectRecord old)
      throws IOException {
    b.delete(Cf.VERSIONS, KeyCodec.version(bucket, key, old.requireVersion()));
    if (old.isNullVersion()) b.delete(Cf.NULL_VERSIONS, KeyCodec.object(bucket, key));
    usage.removed(b, bucket, old);
    if (old.inlineId() != null) b.delete(Cf.INLINE, old.inlineId().bytes());
    String tier = old.metadata().attribute(dev.dfs.store.ObjectAttributes.TIER);
    String tierKey = old.metadata().attribute(dev.dfs.store.ObjectAttributes.TIER_KEY);
    if (tier != null && tierKey != null) TierLedger.free(b, tier, tierKey, clock);
    List<ChunkId> freed = new ArrayList<>(old.chunks().size());
    for (ChunkRef c : old.chunks()) {
      b.delete(Cf.CHUNK_REFS, c.id().bytes());
      freed.add(c.id());
    }
    return freed;
  }
}
