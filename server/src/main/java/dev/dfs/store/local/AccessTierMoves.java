package dev.dfs.store.local;

import dev.dfs.store.ObjectAttributes;
import dev.dfs.store.ObjectRef;
import dev.dfs.store.StoreError;
import dev.dfs.store.StoreException;
import dev.dfs.store.VersionIds;
import dev.dfs.store.local.MetaDb.Batch;
import dev.dfs.store.local.MetaDb.Cf;
import dev.dfs.store.local.Records.ChunkRef;
import dev.dfs.store.local.Records.InlineData;
import dev.dfs.store.local.Records.ObjectRecord;
import dev.dfs.store.tier.AccessTier;
import dev.dfs.store.tier.Tier;
import dev.dfs.store.tier.TierKeys;
import dev.dfs.store.tier.TierRegistry;
import dev.dfs.util.SystemTable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves of {@code INTELLIGENT_TIERING} versions between access tiers, keeping their storage class:
 * down from the local disk or a warmer tier to a colder tier, and up from a tier back to the local
 * disk. Each move is the crash-safe transition of {@link LocalTiering}: (1) an intent names the new
 * tier copy (none for a move up: a crash leaves an unpublished chunk the orphan sweep removes), (2)
 * the stored bytes are streamed and checked (size, and MD5 of what the tier received; a move up
 * writes checksummed chunks as any PUT and checks the size), (3) under the key's lock, if the
 * version is unchanged (reads recorded meanwhile do not count as a change), one synced batch
 * switches the record, deletes the intent and records the old tier copy in the durable free queue,
 * (4) old local chunks are freed through {@link ChunkPins#freeAll}. Thread-safe.
 */
final class AccessTierMoves {
  private static final Logger log = LoggerFactory.getLogger(AccessTierMoves.class);
  private static final List<String> TIER_ATTRIBUTES =
      List.of(
          ObjectAttributes.TIER,
          ObjectAttributes.TIER_KEY,
          ObjectAttributes.TIER_STORED_SIZE,
          ObjectAttributes.TIER_ACCESS,
          ObjectAttributes.TIER_RESTORE);

  /** What the moves need of the engine. */
  record Parts(
      SystemTable table,
      MetaDb db,
      Catalog catalog,
      KeyLocks locks,
      ChunkPins pins,
      ChunkStorage storage,
      InlineIds inlineIds,
      int inlineLimit,
      LocalTiering.Opener opener) {}

  private final Parts p;
  private final LocalTiering tiering;

  AccessTierMoves(Parts parts, LocalTiering tiering) {
    this.p = parts;
    this.tiering = tiering;
  }

  /** The access tier of a version's record. */
  static AccessTier accessTier(ObjectRecord rec) {
    return accessTier(rec.metadata());
  }

  static AccessTier accessTier(dev.dfs.store.ObjectMetadata md) {
    if (md.attribute(ObjectAttributes.TIER) == null) return AccessTier.FREQUENT;
    return AccessTier.parse(md.attribute(ObjectAttributes.TIER_ACCESS))
        .orElse(AccessTier.INFREQUENT);
  }

  /** See {@link dev.dfs.store.AccessTiering#move}. */
  boolean move(ObjectRef v, String etag, AccessTier target) throws IOException {
    ObjectRecord rec = lookup(v);
    if (rec == null
        || rec.deleteMarker()
        || rec.version() == null
        || rec.size() == 0
        || !rec.etag().equals(etag)
        || accessTier(rec) == target) {
      return false;
    }
    if (target == AccessTier.FREQUENT) return up(v, rec);
    Tier dest = tierFor(target);
    if (dest == null) return false;
    if (dest.name().equals(rec.metadata().attribute(ObjectAttributes.TIER))) {
      return relabel(v, rec, target); // one tier serves both access tiers: nothing to copy
    }
    return down(v, rec, dest, target);
  }

  /** The tier serving the first of {@code target}'s classes that some tier serves, or null. */
  private @Nullable Tier tierFor(AccessTier target) throws IOException {
    TierRegistry tiers = tiering.tiers();
    for (String c : target.servingClasses()) {
      var def = tiers.forClass(c);
      if (def.isPresent()) return tiers.tier(def.get().name());
    }
    return null;
  }

  private @Nullable ObjectRecord lookup(ObjectRef v) throws IOException {
    return p.catalog()
        .version(v.bucket(), v.key(), v.versionId() == null ? VersionIds.NULL : v.versionId());
  }

  /** Records a tiered version's new access tier, its bytes staying in the same tier copy. */
  private boolean relabel(ObjectRef v, ObjectRecord rec, AccessTier target) throws IOException {
    Map<String, String> attrs = new TreeMap<>(rec.metadata().attributes());
    attrs.put(ObjectAttributes.TIER_ACCESS, target.name());
    ObjectRecord moved = rec.withMetadata(rec.metadata().withAttributes(attrs));
    return commit(v, rec, moved, null, true, b -> {});
  }

  /** Copies the version's stored bytes to {@code dest} and switches the record to the copy. */
  private boolean down(ObjectRef v, ObjectRecord rec, Tier dest, AccessTier target)
      throws IOException {
    String tierKey = TierKeys.next();
    String intent = TierLedger.entry(TierLedger.INTENT, dest.name(), tierKey);
    tiering.working(intent, true); // the free queue leaves it alone until the move is done
    boolean committed = false;
    boolean inDoubt = false;
    try {
      p.table()
          .write(c -> c.put(intent, (v.bucket() + "/" + v.key()).getBytes(StandardCharsets.UTF_8)));
      long stored = copy(v, rec, dest, tierKey);
      Map<String, String> attrs = withoutTier(rec);
      attrs.put(ObjectAttributes.TIER, dest.name());
      attrs.put(ObjectAttributes.TIER_KEY, tierKey);
      attrs.put(ObjectAttributes.TIER_STORED_SIZE, Long.toString(stored));
      attrs.put(ObjectAttributes.TIER_ACCESS, target.name());
      ObjectRecord moved =
          new ObjectRecord(
              rec.size(),
              rec.etag(),
              rec.lastModifiedMillis(),
              rec.metadata().withAttributes(attrs),
              rec.checksum(),
              rec.partSizes(),
              null,
              List.of(),
              rec.version(),
              rec.versionId(),
              false);
      inDoubt = true;
      committed =
          commit(v, rec, moved, null, false, b -> b.delete(Cf.META, TierLedger.metaKey(intent)));
      inDoubt = false;
      if (committed) {
        tiering.stats().moved(stored);
        log.debug(
            "intelligent-tiering: moved {}/{} to {} in tier {}",
            v.bucket(),
            v.key(),
            target,
            dest.name());
      }
      return committed;
    } catch (IOException | RuntimeException e) {
      tiering.stats().failed();
      throw e;
    } finally {
      tiering.working(intent, false);
      // a commit that threw may still apply on a cluster (its outcome is unknown): then the
      // copy is left to the free queue, which deletes it only once no version can own it
      if (!committed) tiering.freeQueue().discard(dest, tierKey, intent, !inDoubt);
    }
  }

  /** Streams the version's stored bytes to {@code dest}, checks the copy; returns its size. */
  private long copy(ObjectRef v, ObjectRecord rec, Tier dest, String tierKey) throws IOException {
    try (StoredRead src = p.opener().open(v.bucket(), v.key(), idOf(rec))) {
      if (!src.info().etag().equals(rec.etag())) {
        throw new StoreException(StoreError.PRECONDITION_FAILED, "the version changed");
      }
      long length = storedLength(rec);
      MessageDigest md5 = ChunkWriter.md5();
      try (InputStream in = new DigestInputStream(src.stored(0, length - 1), md5)) {
        Tier.Written w = dest.write(tierKey, in, length);
        String sent = HexFormat.of().formatHex(md5.digest());
        if (!w.md5Hex().equals(sent) || dest.size(tierKey) != length) {
          throw new IOException(
              "tier "
                  + dest.name()
                  + " holds other bytes than were sent for "
                  + v.bucket()
                  + "/"
                  + v.key());
        }
      }
      return length;
    }
  }

  /** Writes a tiered version's bytes back to local chunks and switches the record to them. */
  private boolean up(ObjectRef v, ObjectRecord rec) throws IOException {
    long length = storedLength(rec);
    try (StoredRead src = p.opener().open(v.bucket(), v.key(), idOf(rec));
        InputStream in = src.stored(0, length - 1);
        StagedData d = p.storage().write(in, length, null, p.inlineLimit(), true)) {
      if (d.size() != length)
        throw new IOException(
            "the tier copy of "
                + v.bucket()
                + "/"
                + v.key()
                + " has "
                + d.size()
                + " bytes, not "
                + length);
      d.publish();
      ChunkId inlineId = d.inline() != null ? p.inlineIds().next() : null;
      List<ChunkRef> chunks =
          d.chunk() == null ? List.of() : List.of(new ChunkRef(d.chunk(), d.size()));
      Map<String, String> attrs = withoutTier(rec);
      // back in FREQUENT because of a read or a restore: its idle time starts again now
      attrs.put(ObjectAttributes.LAST_ACCESS, Long.toString(p.catalog().clock().millis()));
      ObjectRecord local =
          new ObjectRecord(
              rec.size(),
              rec.etag(),
              rec.lastModifiedMillis(),
              rec.metadata().withAttributes(attrs),
              rec.checksum(),
              rec.partSizes(),
              inlineId,
              chunks,
              rec.version(),
              rec.versionId(),
              false);
      boolean committed =
          commit(v, rec, local, d, false, b -> publishLocal(b, v, rec, d, inlineId, chunks));
      if (committed) {
        log.debug("intelligent-tiering: moved {}/{} back to local disk", v.bucket(), v.key());
      }
      return committed;
    }
  }

  /** Adds the version's new local data (inline bytes or chunk owners) to a move's batch. */
  private static void publishLocal(
      Batch b,
      ObjectRef v,
      ObjectRecord rec,
      StagedData d,
      @Nullable ChunkId inlineId,
      List<ChunkRef> chunks)
      throws IOException {
    byte[] inline = d.inline(); // set exactly when the caller drew an inlineId
    if (inlineId != null && inline != null) {
      b.put(
          Cf.INLINE,
          inlineId.bytes(),
          RecordCodec.encode(inlineId, new InlineData(d.inlineCrc(), inline)));
    }
    byte[] owner =
        RecordCodec.chunkOwner(
            RecordCodec.OWNER_OBJECT, KeyCodec.version(v.bucket(), v.key(), rec.requireVersion()));
    for (ChunkRef c : chunks) b.put(Cf.CHUNK_REFS, c.id().bytes(), owner);
  }

  /** Extra writes of a move's commit batch. */
  @FunctionalInterface
  private interface Extra {
    void apply(Batch b) throws IOException;
  }

  /**
   * Under the key's lock: if the version is as {@code rec} (apart from its recorded last access:
   * {@code moved} keeps the later of its own and the version's), writes {@code moved} with {@code
   * extra}, and the tier copy {@code rec} had, if any, goes to the free queue; then frees {@code
   * rec}'s local data. {@code staged}: the new local data, marked committed with the batch. {@code
   * sameCopy}: {@code moved} still uses {@code rec}'s tier copy, which then stays.
   */
  private boolean commit(
      ObjectRef v,
      ObjectRecord rec,
      ObjectRecord moved,
      @Nullable StagedData staged,
      boolean sameCopy,
      Extra extra)
      throws IOException {
    List<ChunkId> freed = rec.chunks().stream().map(ChunkRef::id).toList();
    try (KeyLocks.Held l = p.locks().key(v.bucket(), v.key())) {
      ObjectRecord now = lookup(v);
      if (now == null
          || !Arrays.equals(
              RecordCodec.encode(withoutAccess(now)), RecordCodec.encode(withoutAccess(rec)))) {
        return false;
      }
      moved = withAccessOf(moved, now);
      try (Batch b = p.db().batch()) {
        byte[] encoded = RecordCodec.encode(moved);
        VersionKey placed = rec.requireVersion(); // move() takes only placed versions
        b.put(Cf.VERSIONS, KeyCodec.version(v.bucket(), v.key(), placed), encoded);
        ObjectRecord current = p.catalog().object(v.bucket(), v.key());
        if (current != null && placed.equals(current.version())) {
          b.put(Cf.OBJECTS, KeyCodec.object(v.bucket(), v.key()), encoded);
        }
        if (rec.inlineId() != null) b.delete(Cf.INLINE, rec.inlineId().bytes());
        for (ChunkId c : freed) b.delete(Cf.CHUNK_REFS, c.bytes());
        String oldTier = sameCopy ? null : rec.metadata().attribute(ObjectAttributes.TIER);
        String oldKey = rec.metadata().attribute(ObjectAttributes.TIER_KEY);
        if (oldTier != null && oldKey != null) {
          TierLedger.free(b, oldTier, oldKey, p.catalog().clock());
        }
        extra.apply(b);
        p.db().commit(b);
      }
      if (staged != null) staged.markCommitted();
    }
    p.pins().freeAll(freed);
    return true;
  }

  private static Map<String, String> withoutTier(ObjectRecord rec) {
    Map<String, String> attrs = new TreeMap<>(rec.metadata().attributes());
    attrs.keySet().removeAll(TIER_ATTRIBUTES);
    return attrs;
  }

  private static ObjectRecord withoutAccess(ObjectRecord rec) {
    if (rec.metadata().attribute(ObjectAttributes.LAST_ACCESS) == null) return rec;
    Map<String, String> attrs = new TreeMap<>(rec.metadata().attributes());
    attrs.remove(ObjectAttributes.LAST_ACCESS);
    return rec.withMetadata(rec.metadata().withAttributes(attrs));
  }

  private static ObjectRecord withAccessOf(ObjectRecord moved, ObjectRecord now) {
    Map<String, String> attrs = new TreeMap<>(moved.metadata().attributes());
    String mine = attrs.get(ObjectAttributes.LAST_ACCESS);
    String last = now.metadata().attribute(ObjectAttributes.LAST_ACCESS);
    if (last != null && (mine == null || Long.parseLong(last) > Long.parseLong(mine))) {
      attrs.put(ObjectAttributes.LAST_ACCESS, last);
    }
    return moved.withMetadata(moved.metadata().withAttributes(attrs));
  }

  private static String idOf(ObjectRecord rec) {
    return rec.versionId() == null ? VersionIds.NULL : rec.versionId();
  }

  /** How many bytes the version stores (ciphertext when encrypted), wherever they are. */
  private long storedLength(ObjectRecord rec) throws IOException {
    String tiered = rec.metadata().attribute(ObjectAttributes.TIER_STORED_SIZE);
    if (tiered != null && rec.metadata().attribute(ObjectAttributes.TIER) != null) {
      return Long.parseLong(tiered);
    }
    if (rec.inlineId() != null) {
      InlineData d = p.catalog().inline(rec.inlineId());
      if (d == null) throw new IOException("inline data vanished");
      return d.data().length;
    }
    return rec.chunks().stream().mapToLong(ChunkRef::length).sum();
  }
}
