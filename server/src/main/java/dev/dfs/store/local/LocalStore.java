package dev.dfs.store.local;

import dev.dfs.store.BucketConfig;
import dev.dfs.store.BucketInfo;
import dev.dfs.store.Checksum;
import dev.dfs.store.CompletedPart;
import dev.dfs.store.CopyRequest;
import dev.dfs.store.DeleteResult;
import dev.dfs.store.ListPage;
import dev.dfs.store.ListQuery;
import dev.dfs.store.MetadataUpdates;
import dev.dfs.store.ObjectInfo;
import dev.dfs.store.ObjectMetadata;
import dev.dfs.store.ObjectRead;
import dev.dfs.store.ObjectRef;
import dev.dfs.store.ObjectStore;
import dev.dfs.store.PartCopyRequest;
import dev.dfs.store.PartInfo;
import dev.dfs.store.PartUploadRequest;
import dev.dfs.store.PartsPage;
import dev.dfs.store.PutObjectRequest;
import dev.dfs.store.ReadRequest;
import dev.dfs.store.StoreError;
import dev.dfs.store.StoreException;
import dev.dfs.store.UploadInfo;
import dev.dfs.store.UploadsPage;
import dev.dfs.store.UploadsQuery;
import dev.dfs.store.Versioning;
import dev.dfs.store.VersioningState;
import dev.dfs.store.VersionsPage;
import dev.dfs.store.VersionsQuery;
import dev.dfs.store.WriteCondition;
import dev.dfs.store.local.MetaDb.Batch;
import dev.dfs.store.local.MetaDb.Cf;
import dev.dfs.store.local.Records.BucketRecord;
import dev.dfs.store.local.Records.ChunkRef;
import dev.dfs.store.local.Records.InlineData;
import dev.dfs.store.local.Records.ObjectRecord;
import dev.dfs.util.ChecksumAlgorithm;
import dev.dfs.util.Hex;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded single-node engine: metadata in RocksDB ({@link MetaDb}), object bytes inline in
 * RocksDB when small, else in checksummed chunk files ({@link ChunkWriter}, {@link ChunkReader})
 * named by random ids. Writes stream to a temp file, fsync, rename into place, fsync the directory
 * and only then commit metadata with a synced write; deletes and overwrites commit first and free
 * files afterwards, so a crash leaves at most orphan chunk files, which {@link Sweeper} removes.
 * Every write is a version placed by {@link Catalog} according to the bucket's versioning state
 * (see {@link VersionKey} for the id format); old versions keep their chunks until they are deleted
 * by id. Thread-safe; see {@link ObjectStore} for the contract.
 */
public final class LocalStore implements ObjectStore {
  private static final Logger log = LoggerFactory.getLogger(LocalStore.class);
  private static final byte[] FORMAT_KEY =
      "format".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
  private static final int MAX_OPEN_RETRIES = 100;

  private final LocalStoreOptions options;
  private final MetaDb db;
  private final Catalog catalog;

  /** Each bucket's configuration documents by name, read together (one prefix scan). */
  private final BucketConfigCache<Map<String, String>> configs = new BucketConfigCache<>();

  private final InlineIds inlineIds = new InlineIds();
  private final ChunkPins pins;

  /** Where object bytes go: this node's chunk files, or the cluster's replicas. */
  private final ChunkStorage storage;

  private final KeyLocks locks = new KeyLocks();
  private final Versioning versions = new LocalVersioning();
  private final SystemTables systemTables;

  /** The orphan sweep of this node's chunk files; null when chunks live in a backend. */
  private final @Nullable Sweeper sweeper;

  /** Online backups of this node's data directory; null when chunks live in a backend. */
  private final @Nullable LocalBackup backup;

  private final Multipart multipart;
  private final LocalUsage usage;
  private final LocalTiering tiering;
  private volatile boolean closed;

  /**
   * @param files this node's chunk files, or null when {@code backend} keeps the chunks
   * @param backend where the chunks are kept, or null when {@code files} keeps them
   */
  private LocalStore(
      LocalStoreOptions options,
      MetaDb db,
      Path dataDir,
      @Nullable ChunkFiles files,
      @Nullable ChunkBackend backend)
      throws IOException {
    this.options = options;
    this.db = db;
    this.catalog = new Catalog(db, options.clock());
    this.systemTables = new SystemTables(db, locks);
    if (files != null) {
      this.pins = new ChunkPins(files);
      DiskSpace space = new DiskSpace(dataDir, options.diskReserveBytes());
      this.storage =
          new DiskChunks(
              files,
              new ChunkWriter(files, pins, options.blockSize(), options.maxObjectSize(), space));
      this.sweeper = new Sweeper(files, db, pins);
      this.backup = new LocalBackup(dataDir, db, files, pins);
    } else if (backend != null) {
      ReplicatedChunks replicated = new ReplicatedChunks(backend, options.maxObjectSize());
      this.pins = replicated.pins();
      this.storage = replicated;
      this.sweeper = null;
      this.backup = null;
    } else {
      throw new IllegalArgumentException("a store keeps its chunks in files or a backend");
    }
    this.multipart =
        new Multipart(this, catalog, storage, pins, locks, options.minPartSize(), options.clock());
    long indexed = VersionIndex.initialize(db);
    if (indexed > 0) log.info("indexed {} object(s) as their null versions", indexed);
    catalog.usage.initialize();
    this.usage = new LocalUsage(db, catalog.usage, dataDir);
    this.tiering =
        new LocalTiering(
            systemTables.table(LocalTiering.TABLE),
            db,
            catalog,
            locks,
            pins,
            this::openStored,
            storage,
            inlineIds,
            options.inlineThreshold(),
            options.accessRelay());
  }

  /** Opens (creating if needed) a store in {@code dataDir} with default options. */
  public static LocalStore open(Path dataDir) throws IOException {
    return open(dataDir, LocalStoreOptions.defaults());
  }

  /**
   * Opens (creating if needed) a store in {@code dataDir}. Fails if another process has it open.
   */
  public static LocalStore open(Path dataDir, LocalStoreOptions options) throws IOException {
    return open(dataDir, options, null);
  }

  /** Opens the store with its chunks in {@code backend}, or in {@code dataDir} when null. */
  private static LocalStore open(
      Path dataDir, LocalStoreOptions options, @Nullable ChunkBackend backend) throws IOException {
    Files.createDirectories(dataDir);
    DataDirFormat.checkOrCreate(dataDir);
    long openedAt = System.currentTimeMillis();
    MetaDb db = MetaDb.open(dataDir.resolve("meta"));
    try {
      checkMetaFormat(db);
      ChunkFiles files = null;
      if (backend == null) {
        files = new ChunkFiles(dataDir);
        int stale = files.clearTmp(); // safe: RocksDB's lock proves no other process uses this dir
        if (stale > 0) log.info("removed {} stale temp file(s) from {}", stale, dataDir);
        LocalBackup.clearLeftovers(dataDir);
      }
      LocalStore store = new LocalStore(options, db, dataDir, files, backend);
      if (options.backgroundSweep() && store.sweeper != null)
        store.sweeper.startBackground(openedAt);
      return store;
    } catch (IOException | RuntimeException e) {
      db.close();
      throw e;
    }
  }

  /**
   * Opens a store whose metadata commits go through the replicated log that {@code binder} opens
   * over it (the cluster engine's entry point): the store's own start-up writes run first, locally
   * (they are the same on every replica), then every commit goes through the log, and every batch
   * the log applies (on this node or replicated from another) invalidates the store's caches. Chunk
   * files stay on this node's disk. Closing the store closes the log.
   */
  public static LocalStore openReplicated(
      Path dataDir, LocalStoreOptions options, MetaLog.Binder binder) throws IOException {
    return openReplicated(dataDir, options, null, binder);
  }

  /**
   * {@link #openReplicated(Path, LocalStoreOptions, MetaLog.Binder)} with object bytes in {@code
   * chunks} (the cluster's replicas; null: this node's chunk files) instead of this node's chunk
   * files. The store then neither creates nor sweeps chunk files in {@code dataDir}: a replica
   * volume may share it.
   */
  public static LocalStore openReplicated(
      Path dataDir, LocalStoreOptions options, @Nullable ChunkBackend chunks, MetaLog.Binder binder)
      throws IOException {
    LocalStore store = open(dataDir, options, chunks);
    try {
      MetaReplica replica =
          new MetaReplica(store.db, store.locks, store::metadataReplaced, store.systemTables);
      store.db.attach(binder.bind(replica));
      return store;
    } catch (IOException | RuntimeException e) {
      store.close();
      throw e;
    }
  }

  /**
   * Writes an online, consistent backup of this store's data directory to {@code sink} (see {@link
   * LocalBackup}): the metadata as of the moment the call starts and every chunk file it refers to.
   * Chunk files are not deleted until it returns, so a slow sink delays freeing space. A store
   * whose metadata is replicated, or whose chunks live elsewhere (a cluster node), cannot be backed
   * up this way: NOT_IMPLEMENTED.
   */
  public void backup(dev.dfs.util.SnapshotSink sink) throws IOException {
    if (backup == null || db.replicated()) {
      throw new StoreException(
          StoreError.NOT_IMPLEMENTED,
          "a cluster node's data directory"
              + " cannot be backed up on its own: its metadata and chunks are the cluster's");
    }
    backup.writeTo(sink);
  }

  /** The orphan sweep's pass started at open, when it runs here. */
  @Override
  public List<dev.dfs.util.Heartbeat> workers() {
    return sweeper != null && options.backgroundSweep() ? List.of(sweeper.heartbeat()) : List.of();
  }

  /** A replicated log changed the metadata under the store: nothing cached from it holds. */
  private void metadataReplaced() {
    catalog.bucketsChanged();
    configs.invalidate();
  }

  /**
   * The system table {@code name} (lower-case letters, digits, dashes): records a layer above keeps
   * in this store's metadata, committed through the same log as the rest of it, so on a replicated
   * store they are replicated, checkpointed and digested with it (the cluster's users and keys, for
   * one). Writes follow the metadata's rules: on a replicated store only the admitted leader
   * commits, other nodes fail with {@link StoreError#UNAVAILABLE}. Reads are this node's copy. The
   * same instance for every call with the same name. Thread-safe.
   *
   * @throws IllegalArgumentException for a name outside {@code [a-z][a-z0-9-]{0,30}}
   */
  public dev.dfs.util.SystemTable systemTable(String name) {
    return systemTables.table(name);
  }

  /**
   * Up to {@code limit} chunks this store's metadata references, with ids above {@code after}
   * (null: from the first), in id order, each with the length the metadata gives it: what the
   * cluster's repair compares replicas with. This node's metadata as it is.
   */
  public List<ChunkVolume.StoredChunk> referencedChunks(@Nullable ChunkId after, int limit)
      throws IOException {
    return new ChunkIndex(db).after(after, limit);
  }

  /**
   * Whether a writer of this store is producing chunk {@code id} (its metadata not committed yet)
   * or a reader has it open: such a chunk is never an orphan, whatever the metadata says.
   */
  public boolean chunkInUse(ChunkId id) {
    return pins.pinned(id);
  }

  /** The length the metadata gives chunk {@code id}, or empty when nothing references it. */
  public java.util.OptionalLong referencedLength(ChunkId id) throws IOException {
    return new ChunkIndex(db).length(id);
  }

  private static void checkMetaFormat(MetaDb db) throws IOException {
    byte[] v = db.get(Cf.META, FORMAT_KEY);
    if (v == null || (v.length == 1 && (v[0] & 0xFF) < DataDirFormat.CURRENT)) {
      // new, or older and readable as is: mark it current so older builds refuse it
      try (Batch b = db.batch()) {
        db.commit(b.put(Cf.META, FORMAT_KEY, new byte[] {(byte) DataDirFormat.CURRENT}));
      }
    } else if (v.length != 1 || (v[0] & 0xFF) > DataDirFormat.CURRENT) {
      throw new IOException(
          "metadata format version "
              + (v.length == 1 ? v[0] & 0xFF : -1)
              + " is newer than this build supports ("
              + DataDirFormat.CURRENT
              + ")");
    }
  }

  @Override
  public String engineName() {
    return "local";
  }

  @Override
  public void probe() throws IOException {
    usage.probe();
  }

  @Override
  public Optional<dev.dfs.store.StoreUsage> usage() throws IOException {
    return Optional.of(usage.usage());
  }

  /**
   * Runs a full orphan sweep now (no age cutoff; pinned chunks are kept). Returns files removed.
   */
  public int sweepNow() throws IOException {
    if (sweeper == null)
      throw new IllegalStateException("chunks live in a backend; no local sweep");
    return sweeper.sweep(Long.MAX_VALUE);
  }

  LocalStoreOptions options() {
    return options;
  }

  /** The metadata database, for tests of the index invariants in this package. */
  MetaDb metaDb() {
    return db;
  }

  /** Where chunk files live (null with a chunk backend), for tests in this package. */
  @Nullable ChunkFiles chunkFiles() {
    return storage.files();
  }

  // ---- buckets ----

  @Override
  public BucketInfo createBucket(String name, String region) throws IOException {
    byte[] k = KeyCodec.bucket(name);
    if (k.length == 0 || containsZero(k)) {
      throw new StoreException(StoreError.INVALID_ARGUMENT, "invalid bucket name");
    }
    try (KeyLocks.Held l = locks.bucketsExclusive()) {
      if (db.get(Cf.BUCKETS, k) != null) {
        throw new StoreException(StoreError.BUCKET_ALREADY_OWNED_BY_YOU, "bucket exists: " + name);
      }
      BucketRecord r = new BucketRecord(options.clock().millis(), region);
      try (Batch b = db.batch()) {
        db.commit(b.put(Cf.BUCKETS, k, RecordCodec.encode(r)));
      } finally {
        catalog.bucketsChanged();
      }
      return new BucketInfo(name, Instant.ofEpochMilli(r.createdMillis()), region);
    }
  }

  private static boolean containsZero(byte[] b) {
    for (byte x : b) if (x == 0) return true;
    return false;
  }

  @Override
  public Optional<BucketInfo> bucket(String name) throws IOException {
    BucketRecord r = catalog.bucket(name);
    return r == null
        ? Optional.empty()
        : Optional.of(
            new BucketInfo(name, Instant.ofEpochMilli(r.createdMillis()), r.regionOrEmpty()));
  }

  @Override
  public List<BucketInfo> listBuckets() throws IOException {
    List<BucketInfo> out = new ArrayList<>();
    try (MetaDb.Scan s = db.scan(Cf.BUCKETS, null, null)) {
      s.seek(new byte[0]);
      for (; s.valid(); s.next()) {
        BucketRecord r = RecordCodec.decodeBucket(s.value());
        byte[] k = s.key();
        out.add(
            new BucketInfo(
                KeyCodec.string(k, 0, k.length),
                Instant.ofEpochMilli(r.createdMillis()),
                r.regionOrEmpty()));
      }
    }
    return out;
  }

  @Override
  public void deleteBucket(String name) throws IOException {
    try (KeyLocks.Held l = locks.bucketsExclusive()) {
      catalog.requireBucket(name);
      byte[] prefix = KeyCodec.bucketPrefix(name);
      if (db.anyWithPrefix(Cf.OBJECTS, prefix) || db.anyWithPrefix(Cf.VERSIONS, prefix)) {
        throw new StoreException(
            StoreError.BUCKET_NOT_EMPTY,
            "bucket holds objects, versions or delete markers: " + name);
      }
      List<ChunkId> freed;
      try (Batch b = db.batch()) {
        // S3 general-purpose buckets, RGW and MinIO abort incomplete uploads with the bucket
        freed = multipart.dropAllUploads(b, name);
        b.delete(Cf.BUCKETS, KeyCodec.bucket(name));
        db.deletePrefix(b, Cf.BUCKET_CONFIG, prefix);
        db.deletePrefix(b, Cf.NULL_VERSIONS, prefix);
        catalog.usage.dropBucket(b, name);
        db.commit(b);
      } finally {
        catalog.bucketsChanged();
      }
      configs.invalidate();
      pins.freeAll(freed);
    }
  }

  @Override
  public Optional<BucketConfig> bucketConfig(String name) {
    return Optional.of(
        BucketConfig.of(
            bucket -> configFor(bucket, name),
            (bucket, document) -> putConfig(bucket, name, document)));
  }

  /** One cached map per bucket: a request's documents cost one lookup together. */
  @Override
  public Map<String, String> bucketDocuments(String bucket, java.util.Collection<String> names)
      throws IOException {
    Map<String, String> all = configsOf(bucket);
    Map<String, String> found = new java.util.HashMap<>();
    for (String name : names) {
      String document = all.get(name);
      if (document != null) found.put(name, document);
    }
    return found;
  }

  private Optional<String> configFor(String bucket, String name) throws IOException {
    return Optional.ofNullable(configsOf(bucket).get(name));
  }

  /** Every configuration document of {@code bucket} by name, as last read. NO_SUCH_BUCKET. */
  private Map<String, String> configsOf(String bucket) throws IOException {
    return configs
        .get(
            bucket,
            "",
            () -> {
              catalog.requireBucket(bucket);
              byte[] prefix = KeyCodec.bucketPrefix(bucket);
              Map<String, String> all = new java.util.HashMap<>();
              try (MetaDb.Scan s = db.scanPrefix(Cf.BUCKET_CONFIG, prefix)) {
                for (; s.valid(); s.next()) {
                  byte[] key = s.key();
                  all.put(
                      new String(
                          key, prefix.length, key.length - prefix.length, StandardCharsets.UTF_8),
                      new String(s.value(), StandardCharsets.UTF_8));
                }
              }
              return Optional.of(Map.copyOf(all));
            })
        .orElseThrow();
  }

  private void putConfig(String bucket, String name, @Nullable String document) throws IOException {
    byte[] key = KeyCodec.concat(KeyCodec.bucketPrefix(bucket), KeyCodec.utf8(name));
    try (KeyLocks.Held l = locks.bucketsExclusive();
        Batch b = db.batch()) {
      catalog.requireBucket(bucket);
      if (document == null) {
        b.delete(Cf.BUCKET_CONFIG, key);
      } else {
        b.put(Cf.BUCKET_CONFIG, key, document.getBytes(StandardCharsets.UTF_8));
      }
      db.commit(b);
    } finally {
      configs.invalidate(); // also after a failed commit: the document's state is unknown
    }
  }

  @Override
  public Optional<Versioning> versioning() {
    return Optional.of(versions);
  }

  /**
   * On the leader of a replicated engine: takes in a batch of reads a follower's access log sent
   * through its {@link AccessRelay}; they are written with this node's own reads at its access
   * log's next flush. UNAVAILABLE when this node may not commit now (the sender keeps the reads);
   * IllegalArgumentException when the batch is malformed. Returns how many reads were taken.
   */
  public int acceptAccesses(byte[] batch) {
    return tiering.acceptAccesses(batch);
  }

  @Override
  public Optional<dev.dfs.store.Tiering> tiering() {
    return Optional.of(tiering);
  }

  /** The versioning capability: state in the bucket record, versions in their own index. */
  private final class LocalVersioning implements Versioning {
    @Override
    public VersioningState state(String bucket) throws IOException {
      return catalog.requireBucket(bucket).versioning();
    }

    @Override
    public void setState(String bucket, VersioningState state) throws IOException {
      if (state == null || state == VersioningState.UNVERSIONED) {
        throw new StoreException(
            StoreError.INVALID_ARGUMENT, "versioning can only be enabled or suspended");
      }
      // exclusive: no write of this store runs while the state changes, so each write sees one
      // state
      try (KeyLocks.Held l = locks.bucketsExclusive();
          Batch b = db.batch()) {
        BucketRecord r = catalog.requireBucket(bucket);
        if (r.versioning() == state) return;
        try {
          db.commit(
              b.put(
                  Cf.BUCKETS,
                  KeyCodec.bucket(bucket),
                  RecordCodec.encode(r.withVersioning(state))));
        } finally {
          catalog.bucketsChanged(); // also after a failed commit: the record's state is unknown
        }
      }
    }

    @Override
    public VersionsPage listVersions(String bucket, VersionsQuery query) throws IOException {
      catalog.requireBucket(bucket);
      return VersionLister.list(db, catalog, bucket, query);
    }
  }

  // ---- objects ----

  @Override
  public ObjectInfo putObject(PutObjectRequest req, InputStream body) throws IOException {
    KeyCodec.objectKeyBytes(req.key());
    catalog.requireBucket(req.bucket());
    WriteCondition condition = conditionOf(req.condition());
    if (!condition.isNone()) {
      // Refuse before reading the body when the condition already fails; checked again below,
      // atomically with the commit.
      condition.check(currentEtag(req.bucket(), req.key()), false);
    }
    try (Staged d =
        Staged.write(
            storage,
            body,
            req.size(),
            req.checksumAlgorithm(),
            options.inlineThreshold(),
            req.encryption())) {
      checkDigests(d, req.expectedMd5(), req.checksumAlgorithm(), claimed(req.expectedChecksum()));
      Checksum ck =
          req.checksumAlgorithm() == null
              ? null
              : new Checksum(
                  req.checksumAlgorithm(), b64(d.requireChecksum()), Checksum.Type.FULL_OBJECT);
      return commitStaged(
          req.bucket(), req.key(), Staged.mark(req.metadata(), req.encryption()), d, ck, condition);
    }
  }

  private @Nullable String currentEtag(String bucket, String key) throws IOException {
    ObjectRecord current = catalog.object(bucket, key);
    return current == null ? null : current.etag();
  }

  /**
   * Publishes staged data and commits it as the current version of bucket/key; a version of a class
   * a tier serves then moves there ({@link LocalTiering#placeWritten}).
   */
  private ObjectInfo commitStaged(
      String bucket,
      String key,
      ObjectMetadata md,
      Staged staged,
      @Nullable Checksum ck,
      WriteCondition condition)
      throws IOException {
    StagedData d = staged.data();
    String etag = Hex.encode(staged.etagMd5());
    d.publish();
    ChunkId inlineId = d.inline() != null ? inlineIds.next() : null;
    List<ChunkRef> chunks =
        d.chunk() == null ? List.of() : List.of(new ChunkRef(d.chunk(), d.size()));
    ObjectRecord rec =
        new ObjectRecord(
            staged.size(), etag, options.clock().millis(), md, ck, List.of(), inlineId, chunks);
    InlineData inline = d.inline() == null ? null : new InlineData(d.inlineCrc(), d.inline());
    Catalog.Committed done;
    try (KeyLocks.Held l = locks.key(bucket, key)) {
      if (!condition.isNone()) condition.check(currentEtag(bucket, key), true);
      done = catalog.putVersion(bucket, key, rec, inline, null);
      d.markCommitted();
    }
    pins.freeAll(done.freed());
    ObjectInfo written = Records.info(bucket, key, done.record());
    tiering.placeWritten(written); // a class a tier serves: its bytes go there now
    return written;
  }

  /**
   * A request's write condition: NONE when it names none (the request records fill that in, so a
   * null is not expected here).
   */
  private static WriteCondition conditionOf(@Nullable WriteCondition condition) {
    return condition == null ? WriteCondition.NONE : condition;
  }

  /** The checksum value a request claims for its body, or null when it claims none. */
  static @Nullable String claimed(@Nullable Supplier<String> expectedChecksum) {
    return expectedChecksum == null ? null : expectedChecksum.get();
  }

  /** BAD_DIGEST unless the body matches the Content-MD5 and the claimed checksum. */
  static void checkDigests(
      Staged d,
      byte @Nullable [] expectedMd5,
      @Nullable ChecksumAlgorithm alg,
      @Nullable String claimed) {
    if (expectedMd5 != null && !MessageDigest.isEqual(expectedMd5, d.md5())) {
      throw new StoreException(StoreError.BAD_DIGEST, "Content-MD5 does not match the body");
    }
    if (alg != null && claimed != null && !claimed.equals(b64(d.requireChecksum()))) {
      throw new StoreException(
          StoreError.BAD_DIGEST, alg.headerName() + " does not match the body");
    }
  }

  static String b64(byte[] raw) {
    return Base64.getEncoder().encodeToString(raw);
  }

  @Override
  public Optional<ObjectInfo> head(ObjectRef object) throws IOException {
    String bucket = object.bucket();
    String key = object.key();
    ObjectRecord r =
        object.versionId() == null
            ? catalog.object(bucket, key)
            : catalog.version(bucket, key, object.versionId());
    if (r == null) {
      catalog.requireBucket(bucket);
      if (object.versionId() == null) return Optional.empty();
      throw new StoreException(StoreError.NO_SUCH_VERSION, "The specified version does not exist.");
    }
    return Optional.of(Records.info(bucket, key, r));
  }

  @Override
  public Map<String, String> objectTagging(ObjectRef object) throws IOException {
    if (object.versionId() == null) {
      return head(object)
          .orElseThrow(
              () -> new StoreException(StoreError.NO_SUCH_KEY, "The specified key does not exist."))
          .metadata()
          .tags();
    }
    return catalog.require(object.bucket(), object.key(), object.versionId()).metadata().tags();
  }

  @Override
  public ObjectInfo putObjectTagging(String bucket, String key, Map<String, String> tags)
      throws IOException {
    return updateMetadata(ObjectRef.current(bucket, key), md -> md.withTags(tags));
  }

  @Override
  public Optional<MetadataUpdates> metadataUpdates() {
    return Optional.of(this::updateMetadata);
  }

  private ObjectInfo updateMetadata(
      ObjectRef object, java.util.function.UnaryOperator<ObjectMetadata> change)
      throws IOException {
    String bucket = object.bucket();
    String key = object.key();
    try (KeyLocks.Held l = locks.key(bucket, key)) {
      ObjectRecord current = catalog.require(bucket, key, object.versionId());
      ObjectMetadata md = change.apply(current.metadata());
      return Records.info(
          bucket, key, catalog.rewriteMetadata(bucket, key, object.versionId(), md));
    }
  }

  @Override
  public boolean supportsEncryption() {
    return true;
  }

  @Override
  public ObjectRead open(ReadRequest request) throws IOException {
    String bucket = request.bucket();
    String key = request.key();
    String versionId = request.versionId();
    dev.dfs.store.KeyResolver keys = request.keys();
    StoredRead read = openStored(bucket, key, versionId);
    try {
      dev.dfs.crypto.DataKey dataKey = keys.keyFor(read.info());
      if (!Staged.encrypted(read.info().metadata())) return read;
      if (dataKey == null) {
        throw new StoreException(
            StoreError.INVALID_ARGUMENT,
            "object " + bucket + "/" + key + " is encrypted; its key is needed to read it");
      }
      return new DecryptingObjectRead(read, dataKey);
    } catch (IOException | RuntimeException e) {
      read.close();
      throw e;
    }
  }

  /** Reads the encoded record of the addressed version (null: the current one), or null. */
  private byte @Nullable [] lookup(String bucket, String key, @Nullable String versionId)
      throws IOException {
    return versionId == null
        ? catalog.objectBytes(bucket, key)
        : catalog.versionBytes(bucket, key, versionId);
  }

  /** Opens the stored bytes of a version (null: the current one) as they lie on disk. */
  private StoredRead openStored(String bucket, String key, @Nullable String versionId)
      throws IOException {
    for (int attempt = 0; attempt < MAX_OPEN_RETRIES; attempt++) {
      byte[] raw = lookup(bucket, key, versionId);
      if (raw == null) {
        catalog.require(bucket, key, versionId); // throws the precise error
        continue; // appeared meanwhile
      }
      ObjectRecord rec = RecordCodec.decodeObject(raw, bucket + "/" + key);
      if (rec.deleteMarker()) catalog.require(bucket, key, versionId); // DELETE_MARKER
      ObjectInfo info = Records.info(bucket, key, rec);
      if (LocalTiering.tiered(rec)) {
        StoredRead tiered = tiering.open(info); // pinned: its copy stays until it closes
        if (Arrays.equals(raw, lookup(bucket, key, versionId))) return tiered;
        tiered.close();
        continue; // changed: retry
      }
      if (rec.inlineId() != null) {
        InlineData data = catalog.inline(rec.inlineId());
        if (data == null) continue; // replaced between the two lookups
        return new LocalObjectRead(info, data, List.of(), List.of(), storage, pins);
      }
      List<ChunkId> ids = rec.chunks().stream().map(ChunkRef::id).toList();
      pins.pinAll(ids);
      boolean handedOver = false;
      try {
        if (!Arrays.equals(raw, lookup(bucket, key, versionId))) continue; // changed: retry
        handedOver = true;
        return new LocalObjectRead(info, null, rec.chunks(), ids, storage, pins);
      } finally {
        if (!handedOver) pins.unpinAll(ids);
      }
    }
    throw new IOException("object " + bucket + "/" + key + " keeps changing; gave up opening it");
  }

  @Override
  public DeleteResult delete(
      ObjectRef object, java.util.function.@Nullable Consumer<ObjectInfo> guard)
      throws IOException {
    KeyCodec.objectKeyBytes(object.key());
    Catalog.Deleted done;
    try (KeyLocks.Held l = locks.key(object.bucket(), object.key())) {
      done = catalog.delete(object.bucket(), object.key(), object.versionId(), guard);
    }
    pins.freeAll(done.freed());
    return done.result();
  }

  /**
   * Checks ETag and Last-Modified under the key's lock, so no concurrent write is lost, then
   * deletes as {@link #delete} does without a version id (a versioned bucket gets a delete marker
   * and keeps the version as noncurrent, as S3's lifecycle expiration does).
   */
  @Override
  public boolean deleteObjectIfUnchanged(
      String bucket, String key, String etag, java.time.Instant lastModified) throws IOException {
    KeyCodec.objectKeyBytes(key);
    Catalog.Deleted done;
    try (KeyLocks.Held l = locks.key(bucket, key)) {
      ObjectRecord current = catalog.object(bucket, key);
      if (current == null) {
        catalog.requireBucket(bucket);
        return false;
      }
      if (!current.etag().equals(etag)
          || current.lastModifiedMillis() != lastModified.toEpochMilli()) {
        return false;
      }
      done = catalog.delete(bucket, key, null, null);
    }
    pins.freeAll(done.freed());
    return true;
  }

  @Override
  public ObjectInfo copyObject(CopyRequest request) throws IOException {
    PutObjectRequest target = request.target();
    KeyCodec.objectKeyBytes(target.key());
    catalog.requireBucket(target.bucket());
    try (ObjectRead src = open(request.source());
        InputStream in = src.stream(null)) {
      ObjectInfo s = src.info();
      ChecksumAlgorithm alg =
          target.checksumAlgorithm() != null
              ? target.checksumAlgorithm()
              : s.checksum() == null ? null : s.checksum().algorithm();
      try (Staged d =
          Staged.write(
              storage, in, s.size(), alg, options.inlineThreshold(), target.encryption())) {
        Checksum ck =
            alg == null
                ? null
                : new Checksum(alg, b64(d.requireChecksum()), Checksum.Type.FULL_OBJECT);
        return commitStaged(
            target.bucket(),
            target.key(),
            Staged.mark(target.metadata(), target.encryption()),
            d,
            ck,
            conditionOf(target.condition()));
      }
    }
  }

  @Override
  public ListPage list(String bucket, ListQuery query) throws IOException {
    catalog.requireBucket(bucket);
    return Lister.list(db, bucket, query);
  }

  // ---- multipart ----

  @Override
  public UploadInfo createUpload(
      String bucket,
      String key,
      ObjectMetadata metadata,
      @Nullable ChecksumAlgorithm checksumAlgorithm,
      Checksum.@Nullable Type checksumType)
      throws IOException {
    return multipart.create(bucket, key, metadata, checksumAlgorithm, checksumType);
  }

  @Override
  public PartInfo uploadPart(PartUploadRequest request, InputStream body) throws IOException {
    return multipart.uploadPart(request, body);
  }

  @Override
  public PartInfo uploadPartCopy(PartCopyRequest request) throws IOException {
    ReadRequest src = request.source();
    return multipart.uploadPartCopy(
        request.part(), src.bucket(), src.key(), src.versionId(), request.range(), src.keys());
  }

  @Override
  public ObjectInfo completeUpload(
      String bucket,
      String key,
      String uploadId,
      List<CompletedPart> parts,
      WriteCondition condition)
      throws IOException {
    ObjectInfo written = multipart.complete(bucket, key, uploadId, parts, condition);
    tiering.placeWritten(written); // a class a tier serves: its bytes go there now
    return written;
  }

  @Override
  public void abortUpload(String bucket, String key, String uploadId) throws IOException {
    multipart.abort(bucket, key, uploadId);
  }

  @Override
  public Optional<ObjectInfo> completedUpload(String bucket, String key, String uploadId)
      throws IOException {
    return multipart.completed(bucket, key, uploadId);
  }

  @Override
  public Optional<UploadInfo> upload(String bucket, String key, String uploadId)
      throws IOException {
    return multipart.upload(bucket, key, uploadId);
  }

  @Override
  public PartsPage listParts(
      String bucket, String key, String uploadId, int partNumberMarker, int maxParts)
      throws IOException {
    return multipart.listParts(bucket, key, uploadId, partNumberMarker, maxParts);
  }

  @Override
  public UploadsPage listUploads(String bucket, UploadsQuery query) throws IOException {
    catalog.requireBucket(bucket);
    return UploadLister.list(db, bucket, query);
  }

  // ---- lifecycle ----

  @Override
  public void close() throws IOException {
    if (closed) return;
    closed = true;
    if (sweeper != null) sweeper.close();
    tiering.close();
    db.close();
  }
}
