package dev.dfs.store.local;

import dev.dfs.crypto.MasterKey;
import dev.dfs.store.ObjectAttributes;
import dev.dfs.store.ObjectInfo;
import dev.dfs.store.ObjectMetadata;
import dev.dfs.store.ObjectRef;
import dev.dfs.store.StoreException;
import dev.dfs.store.Tiering;
import dev.dfs.store.VersionIds;
import dev.dfs.store.local.MetaDb.Batch;
import dev.dfs.store.local.MetaDb.Cf;
import dev.dfs.store.local.Records.ChunkRef;
import dev.dfs.store.local.Records.ObjectRecord;
import dev.dfs.store.tier.Tier;
import dev.dfs.store.tier.TierDefinition;
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
import java.util.Optional;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local engine's {@link Tiering}: tier definitions in the system table {@value #TABLE} of its
 * metadata, transitions of versions to tiers, reads through to them, and the freeing of copies no
 * version owns any more ({@link TierFreeQueue}).
 *
 * <p>A tiered version is its usual record with no local data (no chunks, no inline bytes) and the
 * attributes {@link ObjectAttributes#TIER}, {@link ObjectAttributes#TIER_KEY} and {@link
 * ObjectAttributes#TIER_STORED_SIZE}; its storage class is the target class.
 *
 * <p><b>Transition, crash-safe:</b> (1) commit an intent naming the new copy ({@link TierLedger});
 * (2) stream the version's stored bytes (ciphertext when encrypted) to the tier and check what the
 * tier reports (size, and the MD5 of what it received); (3) under the key's lock, if the version is
 * unchanged and the intent still recorded, switch its record to the tier copy, drop its chunk
 * references and inline bytes and delete the intent, all in one synced batch; (4) free the local
 * chunks through {@link ChunkPins#freeAll} (the normal, read-safe deletion). A crash before (3)
 * leaves an intent that no transition works on, which {@link TierFreeQueue} reclaims (its copy is
 * deleted); after (3) the committed copy is complete (it was checked in (2)).
 *
 * <p><b>On a cluster</b> (the metadata is replicated, {@link MetaDb#replicated}) every step is the
 * same, and each commit is a Raft entry computed on the admitted leader under the key's lock, which
 * the replicated log makes as good as a check at apply (an entry computed from state it did not see
 * is never applied): the intent, the switch in (3), the {@code free/} records and restores.
 * Transitions run on the leader (the callers: the lifecycle worker, a write's own placement, and
 * {@link PendingPlacements} only while {@link MetaDb#writable}); the free queue runs there too and
 * reclaims the intents of a deposed leader's transitions, whose switch then finds its intent gone
 * (or this node deposed) and discards its copy instead. The local chunks (3) frees are the
 * replicated ones, removed from every replica. Freed tier copies wait {@link
 * #CLUSTER_FREE_GRACE_MILLIS} for reads on other nodes. Directory tiers are refused (a path is one
 * node's); tier definitions live in the replicated table, so every node reads through. Thread-safe.
 */
final class LocalTiering implements Tiering, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(LocalTiering.class);

  /** The system table holding tier definitions and the {@link TierLedger}. */
  static final String TABLE = "tiers";

  /**
   * On a cluster, how long a freed tier copy is kept: a follower serving a GET reads the version's
   * record and then opens its copy, unseen by the leader's free queue.
   */
  static final long CLUSTER_FREE_GRACE_MILLIS = 5_000;

  /** Opens one version's stored bytes: the local store's {@code openStored}. */
  @FunctionalInterface
  interface Opener {
    StoredRead open(String bucket, String key, String versionId) throws IOException;
  }

  private final SystemTable table;
  private final MetaDb db;
  private final Catalog catalog;
  private final KeyLocks locks;
  private final ChunkPins pins;
  private final Opener opener;
  private final dev.dfs.store.tier.TierStats stats = new dev.dfs.store.tier.TierStats();
  private final TierRestores restores;
  private final TierUsageScan usageScan;
  private final ColdDataScan coldScan;
  private volatile @Nullable TierRegistry registry;
  private volatile @Nullable TierFreeQueue freeQueue;
  private volatile @Nullable PendingPlacements pending;
  private final LocalAccessTiering access;
  private final java.util.Set<String> working = java.util.concurrent.ConcurrentHashMap.newKeySet();

  LocalTiering(
      SystemTable table,
      MetaDb db,
      Catalog catalog,
      KeyLocks locks,
      ChunkPins pins,
      Opener opener,
      ChunkStorage storage,
      InlineIds inlineIds,
      int inlineLimit,
      @Nullable AccessRelay relay) {
    this.table = table;
    this.db = db;
    this.catalog = catalog;
    this.locks = locks;
    this.pins = pins;
    this.opener = opener;
    this.restores = new TierRestores(catalog, locks, stats);
    this.usageScan = new TierUsageScan(db, catalog.clock());
    this.coldScan = new ColdDataScan(db, catalog.clock());
    this.access =
        new LocalAccessTiering(
            new AccessLog(catalog, locks, db::writable, relay),
            new AccessTierMoves(
                new AccessTierMoves.Parts(
                    table, db, catalog, locks, pins, storage, inlineIds, inlineLimit, opener),
                this));
  }

  @Override
  public synchronized TierRegistry connect(@Nullable MasterKey key) {
    if (registry == null) {
      boolean cluster = db.replicated();
      registry = new TierRegistry(table, key, !cluster);
      freeQueue =
          new TierFreeQueue(
              table,
              registry,
              stats,
              db::writable,
              cluster ? CLUSTER_FREE_GRACE_MILLIS : 0,
              working::contains,
              catalog.clock());
      freeQueue.start();
      PendingPlacements placements =
          new PendingPlacements(db, registry, this::transition, db::writable);
      pending = placements;
      placements.start();
      // versions written with a class before a tier served it move once one does
      registry.onChange(placements::retryLater);
      access.start();
    }
    return registry;
  }

  @Override
  public TierRegistry tiers() {
    TierRegistry r = registry;
    if (r == null) throw new IllegalStateException("tiering is not connected to its key yet");
    return r;
  }

  @Override
  public Optional<dev.dfs.store.AccessTiering> accessTiering() {
    return Optional.of(access);
  }

  /**
   * On the leader of a replicated engine: takes in a batch of reads a follower's access log sent
   * ({@link AccessRelay}). UNAVAILABLE when this node may not commit now (the sender keeps them);
   * IllegalArgumentException when the batch is malformed. Returns how many reads were taken.
   */
  int acceptAccesses(byte[] batch) {
    if (!db.writable()) {
      throw new StoreException(
          dev.dfs.store.StoreError.UNAVAILABLE, "this node does not lead the cluster now");
    }
    return access.accept(batch);
  }

  /** The durable queue of tier copies to delete; IllegalStateException before {@link #connect}. */
  TierFreeQueue freeQueue() {
    TierFreeQueue q = freeQueue;
    if (q == null) throw new IllegalStateException("tiering is not connected to its key yet");
    return q;
  }

  /**
   * A tier attribute of a tiered version ({@link #tiered}), which carries all three; CORRUPT_DATA
   * when it lacks {@code name}.
   */
  static String tierAttribute(ObjectMetadata md, String name) {
    String value = md.attribute(name);
    if (value == null) {
      throw new dev.dfs.store.StoreException(
          dev.dfs.store.StoreError.CORRUPT_DATA, "a tiered version lacks its " + name);
    }
    return value;
  }

  @Override
  public dev.dfs.store.tier.TierStats stats() {
    return stats;
  }

  /**
   * Whether a version written with {@code storageClass} goes to the tier serving it at once: every
   * class but STANDARD (none) and INTELLIGENT_TIERING, whose objects start where the automatic
   * tiering puts them.
   */
  static boolean placedOnWrite(@Nullable String storageClass) {
    return storageClass != null
        && !storageClass.equals("STANDARD")
        && !storageClass.equals("INTELLIGENT_TIERING");
  }

  /** Whether {@code rec}'s bytes live in a tier. */
  static boolean tiered(ObjectRecord rec) {
    return rec.metadata().attribute(ObjectAttributes.TIER) != null;
  }

  /** {@code rec} without tier attributes unless it really is a tier copy (no local data). */
  static ObjectRecord unmarkedUnlessTiered(ObjectRecord rec) {
    if (!tiered(rec) || rec.inlineId() == null && rec.chunks().isEmpty() && rec.size() > 0) {
      return rec;
    }
    Map<String, String> attrs = new TreeMap<>(rec.metadata().attributes());
    attrs
        .keySet()
        .removeAll(
            List.of(
                ObjectAttributes.TIER,
                ObjectAttributes.TIER_KEY,
                ObjectAttributes.TIER_STORED_SIZE,
                ObjectAttributes.TIER_RESTORE));
    return rec.withMetadata(rec.metadata().withAttributes(attrs));
  }

  /**
   * Opens a tiered version for reading. The copy is pinned until the read closes, so the free queue
   * keeps it even if the version is deleted meanwhile; the caller re-checks the record after this
   * returns, as it does for pinned chunks.
   */
  StoredRead open(ObjectInfo info) throws IOException {
    ObjectMetadata md = info.metadata();
    String tier = tierAttribute(md, ObjectAttributes.TIER);
    String tierKey = tierAttribute(md, ObjectAttributes.TIER_KEY);
    long stored = Long.parseLong(tierAttribute(md, ObjectAttributes.TIER_STORED_SIZE));
    Tier t = tiers().tier(tier);
    TierFreeQueue q = freeQueue();
    String pin = q.pin(tier, tierKey);
    return new TieredObjectRead(info, t, tierKey, stored, () -> q.unpin(pin));
  }

  @Override
  public boolean transition(ObjectRef version, String etag, String storageClass)
      throws IOException {
    ObjectRecord rec = lookup(version);
    if (rec == null
        || rec.deleteMarker()
        || rec.version() == null
        || rec.size() == 0
        || !rec.etag().equals(etag)
        || tiered(rec) && storageClass.equals(rec.metadata().effectiveStorageClass())) {
      return false;
    }
    Optional<TierDefinition> def = tiers().forClass(storageClass);
    if (def.isEmpty()) return false;
    if (tiered(rec) && def.get().name().equals(rec.metadata().attribute(ObjectAttributes.TIER))) {
      return reclassify(version, rec, storageClass);
    }
    Tier tier = tiers().tier(def.get().name());
    String tierKey = TierKeys.next();
    String intent = TierLedger.entry(TierLedger.INTENT, tier.name(), tierKey);
    working(intent, true);
    try {
      table.write(
          c ->
              c.put(
                  intent,
                  (version.bucket() + "/" + version.key()).getBytes(StandardCharsets.UTF_8)));
      return copyAndCommit(version, rec, storageClass, tier, tierKey, intent);
    } finally {
      working(intent, false);
    }
  }

  /**
   * Steps (2) to (4) of a transition whose intent is committed: copies to {@code tierKey} and
   * commits. A copy that is not committed is discarded: deleted at once when the commit was never
   * sent, else left to the free queue (see {@link TierFreeQueue#discard}).
   */
  private boolean copyAndCommit(
      ObjectRef version,
      ObjectRecord rec,
      String storageClass,
      Tier tier,
      String tierKey,
      String intent)
      throws IOException {
    TierFreeQueue q = requireQueue();
    long stored;
    try {
      stored = copy(version.bucket(), version.key(), rec, tier, tierKey);
    } catch (IOException | RuntimeException e) {
      stats.failed();
      q.discard(tier, tierKey, intent, true);
      throw e;
    }
    boolean committed;
    try {
      committed =
          commit(version, rec, storageClass, new Copy(tier.name(), tierKey, stored), intent);
    } catch (IOException | RuntimeException e) {
      stats.failed();
      q.discard(tier, tierKey, intent, false); // its outcome may be unknown: no delete now
      throw e;
    }
    if (committed) stats.moved(stored);
    else q.discard(tier, tierKey, intent, true);
    return committed;
  }

  /**
   * Marks the {@code intent/} record {@code intent} as one a move of this process works on ({@code
   * on}) or no longer: the free queue never reclaims a marked intent. Marked before the intent is
   * written, unmarked once its move committed or discarded its copy.
   */
  void working(String intent, boolean on) {
    if (on) working.add(intent);
    else working.remove(intent);
  }

  private TierFreeQueue requireQueue() {
    TierFreeQueue q = freeQueue;
    if (q == null) throw new IllegalStateException("tiering is not connected to its key yet");
    return q;
  }

  /**
   * A tiered version whose new class the same tier serves: only the class changes, the copy stays
   * (no bytes move).
   */
  private boolean reclassify(ObjectRef version, ObjectRecord rec, String storageClass)
      throws IOException {
    ObjectMetadata md = rec.metadata();
    Copy same =
        new Copy(
            tierAttribute(md, ObjectAttributes.TIER),
            tierAttribute(md, ObjectAttributes.TIER_KEY),
            Long.parseLong(tierAttribute(md, ObjectAttributes.TIER_STORED_SIZE)));
    boolean done = commit(version, rec, storageClass, same, null);
    if (done) stats.moved(0);
    return done;
  }

  /**
   * After a write of a version whose storage class a tier serves (PutObject, CopyObject,
   * CompleteMultipartUpload, POST): moves it there at once through {@link #transition}, the same
   * crash-safe path, before the write is answered. The version is served from its local copy until
   * the move commits, so no GET fails meanwhile. Never throws: when the move fails (or the process
   * dies first) the version stays local, counted as pending, and {@link PendingPlacements} moves it
   * later. A no-op for STANDARD, a class no tier serves, {@code INTELLIGENT_TIERING} (its automatic
   * moves place those), or before {@link #connect}.
   */
  void placeWritten(ObjectInfo written) {
    String storageClass = written.metadata().storageClass();
    if (storageClass == null
        || !placedOnWrite(storageClass)
        || registry == null
        || written.deleteMarker()) return;
    try {
      transition(
          new ObjectRef(written.bucket(), written.key(), written.versionId()),
          written.etag(),
          storageClass);
    } catch (IOException | RuntimeException e) {
      log.warn(
          "moving {}/{} to the tier of {} failed; it stays on local disk and is moved"
              + " later: {}",
          written.bucket(),
          written.key(),
          storageClass,
          e.toString());
      PendingPlacements p = pending;
      if (p != null) p.retryLater();
    }
  }

  @Override
  public dev.dfs.store.tier.TierUsage usage() throws IOException {
    return usageScan.usage(tiers());
  }

  @Override
  public Map<String, dev.dfs.store.tier.TierUsage.Amount> coldLocal(java.time.Instant before)
      throws IOException {
    return coldScan.cold(before);
  }

  @Override
  public RestoreOutcome restore(ObjectRef version, java.time.Instant expiry) throws IOException {
    return restores.restore(version, expiry, tiers());
  }

  /** The addressed version's record (null id: the null version), or null. */
  private @Nullable ObjectRecord lookup(ObjectRef v) throws IOException {
    return catalog.version(
        v.bucket(), v.key(), v.versionId() == null ? VersionIds.NULL : v.versionId());
  }

  /** Streams {@code rec}'s stored bytes to the tier and checks the copy; returns its size. */
  private long copy(String bucket, String key, ObjectRecord rec, Tier tier, String tierKey)
      throws IOException {
    String id = rec.versionId() == null ? VersionIds.NULL : rec.versionId();
    try (StoredRead src = opener.open(bucket, key, id)) {
      if (!src.info().etag().equals(rec.etag()))
        throw new StoreException(
            dev.dfs.store.StoreError.PRECONDITION_FAILED, "the version changed");
      long length = storedLength(rec);
      MessageDigest md5 = MessageDigest.getInstance("MD5");
      try (InputStream in = new DigestInputStream(src.stored(0, length - 1), md5)) {
        Tier.Written w = tier.write(tierKey, in, length);
        String sent = HexFormat.of().formatHex(md5.digest());
        if (!w.md5Hex().equals(sent) || tier.size(tierKey) != length) {
          throw new IOException(
              "tier "
                  + tier.name()
                  + " holds other bytes than were sent for "
                  + bucket
                  + "/"
                  + key);
        }
      }
      return length;
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private long storedLength(ObjectRecord rec) throws IOException {
    if (tiered(rec)) {
      return Long.parseLong(rec.metadata().attribute(ObjectAttributes.TIER_STORED_SIZE));
    }
    if (rec.inlineId() != null) {
      Records.InlineData d = catalog.inline(rec.inlineId());
      if (d == null) throw new IOException("inline data vanished");
      return d.data().length;
    }
    return rec.chunks().stream().mapToLong(ChunkRef::length).sum();
  }

  /** A copy of a version's stored bytes in a tier. */
  private record Copy(String tier, String tierKey, long stored) {}

  /**
   * Switches the unchanged version to its tier copy {@code to} and deletes {@code intent} (null:
   * none), in one synced batch; a copy in another tier that the version leaves is queued for
   * freeing in the same batch. False when the version changed meanwhile.
   */
  private boolean commit(
      ObjectRef v, ObjectRecord rec, String storageClass, Copy to, @Nullable String intent)
      throws IOException {
    List<ChunkId> freed = rec.chunks().stream().map(ChunkRef::id).toList();
    try (KeyLocks.Held l = locks.key(v.bucket(), v.key())) {
      ObjectRecord now = lookup(v);
      if (now == null || !Arrays.equals(RecordCodec.encode(now), RecordCodec.encode(rec))) {
        return false;
      }
      if (intent != null && (!db.writable() || table.get(intent).isEmpty())) {
        return false; // deposed, or a leader since reclaimed the intent and frees the copy
      }
      ObjectRecord moved = movedRecord(rec, storageClass, to);
      try (Batch b = db.batch()) {
        byte[] encoded = RecordCodec.encode(moved);
        VersionKey placed = rec.requireVersion(); // lookup(v) read it from the versions index
        b.put(Cf.VERSIONS, KeyCodec.version(v.bucket(), v.key(), placed), encoded);
        ObjectRecord current = catalog.object(v.bucket(), v.key());
        if (current != null && placed.equals(current.version())) {
          b.put(Cf.OBJECTS, KeyCodec.object(v.bucket(), v.key()), encoded);
        }
        if (rec.inlineId() != null) b.delete(Cf.INLINE, rec.inlineId().bytes());
        for (ChunkId c : freed) b.delete(Cf.CHUNK_REFS, c.bytes());
        String oldTier = rec.metadata().attribute(ObjectAttributes.TIER);
        String oldKey = rec.metadata().attribute(ObjectAttributes.TIER_KEY);
        if (oldTier != null && oldKey != null && !to.tierKey().equals(oldKey)) {
          TierLedger.free(b, oldTier, oldKey, catalog.clock());
        }
        if (intent != null) b.delete(Cf.META, TierLedger.metaKey(intent));
        db.commit(b);
      }
    }
    pins.freeAll(freed);
    log.debug("moved {}/{} ({} bytes) to tier {}", v.bucket(), v.key(), to.stored(), to.tier());
    return true;
  }

  /**
   * {@code rec} living in {@code to} with class {@code storageClass}: no local data, and no restore
   * (a restore was of the copy it leaves; the new class needs its own).
   */
  private static ObjectRecord movedRecord(ObjectRecord rec, String storageClass, Copy to) {
    Map<String, String> attrs = new TreeMap<>(rec.metadata().attributes());
    attrs.remove(ObjectAttributes.TIER_RESTORE);
    attrs.put(ObjectAttributes.TIER, to.tier());
    attrs.put(ObjectAttributes.TIER_KEY, to.tierKey());
    attrs.put(ObjectAttributes.TIER_STORED_SIZE, Long.toString(to.stored()));
    return new ObjectRecord(
        rec.size(),
        rec.etag(),
        rec.lastModifiedMillis(),
        withClass(rec.metadata(), storageClass).withAttributes(attrs),
        rec.checksum(),
        rec.partSizes(),
        null,
        List.of(),
        rec.version(),
        rec.versionId(),
        false);
  }

  /** {@code md} with storage class {@code storageClass}. */
  static ObjectMetadata withClass(ObjectMetadata md, String storageClass) {
    return new ObjectMetadata(
        md.contentType(),
        md.contentEncoding(),
        md.contentDisposition(),
        md.contentLanguage(),
        md.cacheControl(),
        md.expires(),
        md.userMetadata(),
        storageClass,
        md.tags(),
        md.attributes());
  }

  @Override
  public void close() throws IOException {
    PendingPlacements p = pending;
    if (p != null) p.close();
    access.close(); // flushes the reads recorded since the last flush
    TierFreeQueue q = freeQueue;
    if (q != null) q.close();
    TierRegistry r = registry;
    if (r != null) r.close();
  }
}
