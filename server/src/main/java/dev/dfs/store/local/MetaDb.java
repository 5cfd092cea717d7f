package dev.dfs.store.local;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.jspecify.annotations.Nullable;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.BloomFilter;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.CompressionType;
import org.rocksdb.DBOptions;
import org.rocksdb.Env;
import org.rocksdb.FlushOptions;
import org.rocksdb.LRUCache;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.Slice;
import org.rocksdb.SstFileManager;
import org.rocksdb.UInt64AddOperator;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteBufferManager;
import org.rocksdb.WriteOptions;

/**
 * The RocksDB instance holding all metadata, one column family per {@link Cf}. Every write is a
 * {@link Batch} committed atomically with a synced WAL write ({@link GroupCommitter} gives
 * concurrent commits one sync). Thread-safe; after {@link #close()} every call throws {@link
 * IOException}. Native handles are released in reverse order of creation.
 */
final class MetaDb implements AutoCloseable {

  /** Column families. Names are part of the on-disk format. */
  enum Cf {
    META("default"),
    BUCKETS("buckets"),
    OBJECTS("objects"),
    INLINE("inline"),
    UPLOADS("uploads"),
    PARTS("parts"),
    CHUNK_REFS("chunk_refs"),
    /** Bucket configuration documents (CORS, …): {@code bucket 0x00 name} → UTF-8 document. */
    BUCKET_CONFIG("bucket_config"),
    /**
     * Per-bucket usage counters ({@code bucket 0x00 'o'|'b'} → 64-bit little-endian), changed only
     * by merge (uint64 add, two's complement for decrements) in the same batch as the object change
     * they count.
     */
    USAGE("usage"),
    /**
     * Every version of every object, delete markers included: {@code bucket 0x00 key 0x00
     * versionKey(16 bytes)} → object record, newest first per key. {@link #OBJECTS} is the index of
     * the current versions that are not delete markers.
     */
    VERSIONS("versions"),
    /** Where each key's null version is: {@code bucket 0x00 key} → its 16-byte version key. */
    NULL_VERSIONS("null_versions");

    final String cfName;

    Cf(String cfName) {
      this.cfName = cfName;
    }
  }

  private final ReentrantReadWriteLock lifecycle = new ReentrantReadWriteLock();
  private final List<AutoCloseable> natives = new ArrayList<>();
  private final Map<Cf, ColumnFamilyHandle> handles = new EnumMap<>(Cf.class);
  private final Path dir;
  // Replaced together by reopen() (under the write lock), read under the read lock.
  private @Nullable RocksDB db;
  private WriteOptions syncWrite;
  private @Nullable GroupCommitter committer;

  /** The log commits go through: {@link #committer}, or a replicated log once attached. */
  private volatile @Nullable MetaLog log;

  /** Set once by {@link #attach}: the local group commit is stopped for good. */
  private volatile boolean replicated;

  private boolean closed;

  /**
   * Set when a write failed for lack of space: RocksDB then refuses every write until resumed (its
   * "background error"), and its Java API offers no resume; the next call reopens the database once
   * the volume has room again ({@link #recoverIfStalled()}).
   */
  private volatile boolean stalled;

  static {
    RocksDB.loadLibrary();
  }

  private MetaDb(Path dir) throws IOException {
    this.dir = dir;
    openDb();
  }

  /** Opens RocksDB and sets {@link #db}, {@link #handles}, {@link #committer}. */
  @SuppressWarnings(
      "EnumOrdinal") // RocksDB returns the handles in the order of the descriptors, which follow
  // Cf's declaration order
  private void openDb() throws IOException {
    try {
      // One memory budget for blocks and memtables: memtables are charged to the block cache
      // and flushed once they hold 48 MiB together (default: 64 MiB per column family, eleven
      // of them), so RocksDB's memory stays near 96 MiB under any write load.
      LRUCache cache = keep(new LRUCache(96L << 20));
      WriteBufferManager writeBuffers = keep(new WriteBufferManager(48L << 20, cache));
      List<ColumnFamilyDescriptor> descriptors = descriptors(cache);
      List<ColumnFamilyHandle> opened = new ArrayList<>();
      db = RocksDB.open(dbOptions(writeBuffers), dir.toString(), descriptors, opened);
      for (Cf cf : Cf.values()) handles.put(cf, opened.get(cf.ordinal()));
      syncWrite = keep(new WriteOptions().setSync(true));
      if (!replicated) {
        committer = new GroupCommitter(db, syncWrite);
        log = committer;
      }
    } catch (RocksDBException e) {
      closeNatives();
      throw new IOException("cannot open metadata database in " + dir + ": " + e.getMessage(), e);
    }
  }

  /** One descriptor per column family, in {@link Cf} order, sharing {@code cache}. */
  private List<ColumnFamilyDescriptor> descriptors(LRUCache cache) {
    BloomFilter bloom = keep(new BloomFilter(10, false));
    BlockBasedTableConfig table =
        new BlockBasedTableConfig().setBlockCache(cache).setFilterPolicy(bloom);
    // No block compression and mmap'd reads: a block that is not in the block cache is then
    // read in place from the page cache (no pread copy, no decompression), ~4 us instead of
    // ~12 us per miss. A delimiter listing seeks once per common prefix, nearly always to a
    // block it has not read recently, so that miss cost was the cost of the listing
    // (measured: 1,000 prefixes over a million keys, 30 ms -> 5 ms inside the engine). It
    // also keeps listings from depending on the block cache holding the whole bucket.
    // Metadata grows ~2x on disk (key prefixes still share bytes within a block).
    ColumnFamilyOptions cfOptions =
        keep(
            new ColumnFamilyOptions()
                .setTableFormatConfig(table)
                .setCompressionType(CompressionType.NO_COMPRESSION));
    // Object bodies stored inline go to blob files (RocksDB's integrated BlobDB): the inline
    // column family's tables then hold only keys and blob references, so compactions move a
    // few bytes per object instead of rewriting the bodies, and their memory-mapped reads stay
    // small (a compaction over tables full of bodies mapped hundreds of MiB, which showed
    // as server RSS). Blob files whose bodies were deleted are rewritten by garbage
    // collection during compaction and then removed.
    ColumnFamilyOptions inlineOptions =
        keep(
            new ColumnFamilyOptions()
                .setTableFormatConfig(table)
                .setCompressionType(CompressionType.NO_COMPRESSION)
                .setEnableBlobFiles(true)
                .setMinBlobSize(0)
                .setBlobFileSize(64L << 20)
                .setEnableBlobGarbageCollection(true));
    ColumnFamilyOptions counterOptions =
        keep(
            new ColumnFamilyOptions()
                .setTableFormatConfig(table)
                .setMergeOperator(keep(new UInt64AddOperator())));
    List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
    for (Cf cf : Cf.values()) {
      descriptors.add(
          new ColumnFamilyDescriptor(
              cf.cfName.getBytes(java.nio.charset.StandardCharsets.US_ASCII),
              switch (cf) {
                case USAGE -> counterOptions;
                case INLINE -> inlineOptions;
                default -> cfOptions;
              }));
    }
    return descriptors;
  }

  private DBOptions dbOptions(WriteBufferManager writeBuffers) throws RocksDBException {
    // An SstFileManager lets RocksDB recover by itself from a no-space error (which stops
    // all writes, the DB read-only): it polls the volume and resumes once space is freed.
    // Without one, only a reopen would make the metadata writable again.
    // (RocksDB waits for a free write buffer's worth, 64 MiB, before it resumes; the reopen
    // in recoverIfStalled() covers smaller volumes and a resume that does not happen.)
    SstFileManager sstFiles = keep(new SstFileManager(Env.getDefault()));
    return keep(
        new DBOptions()
            .setSstFileManager(sstFiles)
            .setAllowMmapReads(true)
            .setWriteBufferManager(writeBuffers)
            .setCreateIfMissing(true)
            .setCreateMissingColumnFamilies(true)
            .setMaxBackgroundJobs(2)
            .setKeepLogFileNum(5));
  }

  static MetaDb open(Path dir) throws IOException {
    return new MetaDb(dir);
  }

  private <T extends AutoCloseable> T keep(T t) {
    natives.add(t);
    return t;
  }

  /**
   * Takes the read lock and returns the open database, which cannot close or be replaced until
   * {@link #exit()}.
   */
  private RocksDB enter() throws IOException {
    // (a thread inside a scan holds the read lock and cannot take the write lock to reopen)
    if (stalled && lifecycle.getReadHoldCount() == 0) recoverIfStalled();
    lifecycle.readLock().lock();
    if (closed) {
      lifecycle.readLock().unlock();
      throw new IOException("store is closed");
    }
    RocksDB open = db;
    if (open == null) {
      lifecycle.readLock().unlock();
      throw full("the metadata database is waiting for free space to reopen");
    }
    return open;
  }

  private void exit() {
    lifecycle.readLock().unlock();
  }

  /** Free bytes the volume needs before a stalled database is reopened (WAL replay, flush). */
  private static final long RECOVERY_FREE_BYTES = 4L << 20;

  /**
   * Reopens the database after a no-space failure once the volume has {@link #RECOVERY_FREE_BYTES}
   * free: closing and opening replays the synced WAL, so every acknowledged commit is kept (a
   * commit whose WAL append failed was never acknowledged). Holds the write lock, so no call uses
   * the old handles meanwhile. While the volume is still full nothing happens (reads go on; a write
   * gets RocksDB's no-space error again); when the reopen fails the caller gets
   * INSUFFICIENT_STORAGE and a later call retries.
   */
  private void recoverIfStalled() throws IOException {
    lifecycle.writeLock().lock();
    try {
      if (!stalled || closed) return;
      long free = java.nio.file.Files.getFileStore(dir).getUsableSpace();
      if (free < RECOVERY_FREE_BYTES && db != null) return;
      RocksDB open = db;
      if (open != null) closeDb(open);
      db = null;
      try {
        openDb();
      } catch (IOException e) {
        dev.dfs.store.StoreException full = full("the metadata database cannot reopen yet");
        full.initCause(e);
        throw full;
      }
      stalled = false;
      org.slf4j.LoggerFactory.getLogger(MetaDb.class)
          .info(
              "metadata database writable again after running out of space ({} MiB free)",
              free >> 20);
    } finally {
      lifecycle.writeLock().unlock();
    }
  }

  private static dev.dfs.store.StoreException full(String why) {
    return new dev.dfs.store.StoreException(
        dev.dfs.store.StoreError.INSUFFICIENT_STORAGE,
        "The data volume is full: "
            + why
            + ". Free space on the volume; the database"
            + " resumes by itself.");
  }

  private static boolean noSpace(RocksDBException e) {
    org.rocksdb.Status status = e.getStatus();
    return status != null && status.getSubCode() == org.rocksdb.Status.SubCode.NoSpace;
  }

  /**
   * A RocksDB failure as an IOException; one that says the volume is out of space (ENOSPC in the
   * WAL, a flush or a compaction) is thrown as INSUFFICIENT_STORAGE instead, so a full disk is
   * reported as such and not as an internal error.
   */
  private IOException io(RocksDBException e) {
    if (noSpace(e)) {
      stalled = true;
      dev.dfs.store.StoreException full =
          full("the metadata database cannot write (" + e.getMessage() + ")");
      full.initCause(e);
      throw full;
    }
    return new IOException("metadata database: " + e.getMessage(), e);
  }

  /** The value stored under {@code key}, or null. */
  byte @Nullable [] get(Cf cf, byte[] key) throws IOException {
    RocksDB rocks = enter();
    try {
      return rocks.get(handles.get(cf), key);
    } catch (RocksDBException e) {
      throw io(e);
    } finally {
      exit();
    }
  }

  /** A fresh batch of writes; commit it with {@link #commit(Batch)}. */
  Batch batch() {
    return new Batch();
  }

  /**
   * Atomically and durably applies {@code batch} (synced WAL write, group-committed with the
   * batches of concurrent callers), then releases it.
   */
  void commit(Batch batch) throws IOException {
    enter();
    try (WriteBatch wb = batch.wb) {
      commitLog().commit(wb);
    } catch (RocksDBException e) {
      throw io(e);
    } finally {
      exit();
    }
  }

  /**
   * Opens a forward scan over keys in {@code [lower, upper)} ({@code upper} null: to the end of the
   * column family). The store cannot close while the scan is open; close it promptly.
   */
  Scan scan(Cf cf, byte @Nullable [] lower, byte @Nullable [] upper) throws IOException {
    RocksDB rocks = enter();
    try {
      return new Scan(rocks, cf, lower, upper);
    } catch (RuntimeException e) {
      exit();
      throw e;
    }
  }

  /** Scan over every key starting with {@code prefix}, positioned at the first one. */
  Scan scanPrefix(Cf cf, byte[] prefix) throws IOException {
    Scan s = scan(cf, prefix, KeyCodec.upperBound(prefix));
    s.seek(prefix);
    return s;
  }

  /** Whether any key starts with {@code prefix}. */
  boolean anyWithPrefix(Cf cf, byte[] prefix) throws IOException {
    try (Scan s = scanPrefix(cf, prefix)) {
      return s.valid();
    }
  }

  /** Adds to {@code b} a delete of every key of {@code cf} that starts with {@code prefix}. */
  void deletePrefix(Batch b, Cf cf, byte[] prefix) throws IOException {
    try (Scan s = scanPrefix(cf, prefix)) {
      for (; s.valid(); s.next()) b.delete(cf, s.key());
    }
  }

  /** Writes accumulated for one atomic commit. Not thread-safe. */
  final class Batch implements AutoCloseable {
    private final WriteBatch wb = new WriteBatch();

    Batch put(Cf cf, byte[] key, byte @Nullable [] value) throws IOException {
      enter(); // the handles are replaced when a stalled database is reopened
      try {
        wb.put(handles.get(cf), key, value);
      } catch (RocksDBException e) {
        throw io(e);
      } finally {
        exit();
      }
      return this;
    }

    Batch delete(Cf cf, byte[] key) throws IOException {
      enter(); // the handles are replaced when a stalled database is reopened
      try {
        wb.delete(handles.get(cf), key);
      } catch (RocksDBException e) {
        throw io(e);
      } finally {
        exit();
      }
      return this;
    }

    /** Adds {@code delta} to the 64-bit counter {@code key} of a merge column family. */
    Batch add(Cf cf, byte[] key, long delta) throws IOException {
      byte[] le = new byte[8];
      for (int i = 0; i < 8; i++) le[i] = (byte) (delta >>> (8 * i));
      enter(); // the handles are replaced when a stalled database is reopened
      try {
        wb.merge(handles.get(cf), key, le);
      } catch (RocksDBException e) {
        throw io(e);
      } finally {
        exit();
      }
      return this;
    }

    /** Releases the batch without committing (idempotent). */
    @Override
    public void close() {
      wb.close();
    }
  }

  /**
   * A RocksDB integer property summed over column families (e.g. {@code
   * rocksdb.estimate-num-keys}), or -1.
   */
  long longProperty(String name) throws IOException {
    RocksDB rocks = enter();
    try {
      long sum = 0;
      for (ColumnFamilyHandle h : handles.values()) sum += rocks.getLongProperty(h, name);
      return sum;
    } catch (RocksDBException e) {
      return -1;
    } finally {
      exit();
    }
  }

  /** A forward iterator bounded by {@code [lower, upper)}. Not thread-safe. */
  final class Scan implements AutoCloseable {
    private final ReadOptions options;
    private final @Nullable Slice lowerSlice;
    private final @Nullable Slice upperSlice;
    private final RocksIterator it;
    private boolean open = true;

    private Scan(RocksDB rocks, Cf cf, byte @Nullable [] lower, byte @Nullable [] upper) {
      // scans read many blocks once: keep them from evicting the point lookups' hot blocks
      options = new ReadOptions().setFillCache(false);
      lowerSlice = lower == null ? null : new Slice(lower);
      upperSlice = upper == null ? null : new Slice(upper);
      if (lowerSlice != null) options.setIterateLowerBound(lowerSlice);
      if (upperSlice != null) options.setIterateUpperBound(upperSlice);
      it = rocks.newIterator(handles.get(cf), options);
    }

    void seek(byte[] key) {
      it.seek(key);
    }

    boolean valid() throws IOException {
      if (it.isValid()) return true;
      try {
        it.status();
      } catch (RocksDBException e) {
        throw io(e);
      }
      return false;
    }

    byte[] key() {
      return it.key();
    }

    byte[] value() {
      return it.value();
    }

    void next() {
      it.next();
    }

    @Override
    public void close() {
      if (!open) return;
      open = false;
      it.close();
      options.close();
      if (upperSlice != null) upperSlice.close();
      if (lowerSlice != null) lowerSlice.close();
      exit();
    }
  }

  /** Flushes memtables and closes the database; waits for running calls to finish. */
  @Override
  public void close() throws IOException {
    // a replicated log stops first, outside the lock: its apply thread takes the read lock
    if (replicated) commitLog().close();
    lifecycle.writeLock().lock();
    try {
      if (closed) return;
      closed = true;
      RocksDB open = db;
      if (open != null) closeDb(open);
    } finally {
      lifecycle.writeLock().unlock();
    }
  }

  /**
   * Closes RocksDB ({@code open}, the current {@link #db}) and its natives; under the write lock.
   */
  private void closeDb(RocksDB open) throws IOException {
    // idle: every commit holds the read lock until its write is done
    GroupCommitter c = committer; // set by the first open, closed by attach once replicated
    if (!replicated && c != null) c.close();
    try (FlushOptions flush = new FlushOptions().setWaitForFlush(true)) {
      open.flush(flush, new ArrayList<>(handles.values()));
    } catch (RocksDBException e) {
      // the synced WAL already holds every commit; a failed flush only slows the next open
      org.slf4j.LoggerFactory.getLogger(MetaDb.class)
          .warn("flush at close failed: {}", e.getMessage());
    }
    for (ColumnFamilyHandle h : handles.values()) h.close();
    handles.clear();
    try {
      open.closeE();
    } catch (RocksDBException e) {
      // after a no-space error RocksDB reports it again at close; the WAL is what counts
      if (!stalled) throw new IOException("metadata database: " + e.getMessage(), e);
    } finally {
      closeNatives();
    }
  }

  // ---- replication support (used by MetaReplica only) ----

  /** Whether commits go through a replicated log ({@link #attach} was called). */
  boolean replicated() {
    return replicated;
  }

  /**
   * The log commits go through: the local group commit opened with the database, or the replicated
   * log {@link #attach} set; never null once the constructor returned.
   */
  private MetaLog commitLog() {
    MetaLog l = log;
    if (l == null) throw new IllegalStateException("the metadata database has no commit log");
    return l;
  }

  /** The open handle of {@code cf}, for {@link #onRocks} work (there is one per column family). */
  ColumnFamilyHandle handle(Cf cf) {
    ColumnFamilyHandle h = handles.get(cf);
    if (h == null) throw new IllegalStateException("no handle of column family " + cf);
    return h;
  }

  /** Whether a commit here may succeed now ({@link MetaLog#writable}): on a cluster, the leader. */
  boolean writable() {
    MetaLog l = log;
    return l != null && l.writable();
  }

  /** Work on the open RocksDB and its column family handles. */
  @FunctionalInterface
  interface RocksWork<T> {
    T run(RocksDB rocks, Map<Cf, ColumnFamilyHandle> cfs) throws RocksDBException, IOException;
  }

  /** Runs {@code work} on the open database; the database cannot close or be replaced meanwhile. */
  <T> T onRocks(RocksWork<T> work) throws IOException {
    RocksDB rocks = enter();
    try {
      return work.run(rocks, handles);
    } catch (RocksDBException e) {
      throw io(e);
    } finally {
      exit();
    }
  }

  /**
   * Flushes memtables and writes a RocksDB checkpoint (hard links where possible) to the new
   * directory {@code target}: every commit acknowledged before the call is in it, a commit running
   * meanwhile is either wholly in it or not at all.
   */
  void checkpoint(Path target) throws IOException {
    onRocks(
        (rocks, cfs) -> {
          try (FlushOptions flush = new FlushOptions().setWaitForFlush(true);
              org.rocksdb.Checkpoint cp = org.rocksdb.Checkpoint.create(rocks)) {
            rocks.flush(flush, new ArrayList<>(cfs.values()));
            cp.createCheckpoint(target.toString());
          }
          return Boolean.TRUE;
        });
  }

  /**
   * From now on commits go through {@code replicated} instead of the local group commit (which
   * stops). Called once, before the store serves any request; {@link #close()} closes it.
   */
  void attach(MetaLog replicated) throws IOException {
    lifecycle.writeLock().lock();
    try {
      if (closed) throw new IOException("store is closed");
      GroupCommitter c = committer; // set by openDb while not replicated
      if (c != null) c.close();
      this.replicated = true;
      log = replicated;
    } finally {
      lifecycle.writeLock().unlock();
    }
  }

  /**
   * Replaces the whole database by the RocksDB checkpoint in {@code checkpoint} (its files are
   * copied; the checkpoint stays as it is). Waits for running reads and writes; none runs
   * meanwhile. The previous database is removed once the copy opened.
   */
  void replaceWith(Path checkpoint) throws IOException {
    lifecycle.writeLock().lock();
    try {
      if (closed) throw new IOException("store is closed");
      RocksDB open = db;
      if (open != null) closeDb(open);
      Path fresh = dir.resolveSibling(dir.getFileName() + ".installing");
      Path old = dir.resolveSibling(dir.getFileName() + ".replaced");
      FileTrees.delete(fresh);
      FileTrees.delete(old);
      FileTrees.copy(checkpoint, fresh);
      java.nio.file.Files.move(dir, old, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
      java.nio.file.Files.move(fresh, dir, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
      openDb();
      FileTrees.delete(old);
    } finally {
      lifecycle.writeLock().unlock();
    }
  }

  private void closeNatives() {
    for (int i = natives.size() - 1; i >= 0; i--) {
      try {
        natives.get(i).close();
      } catch (Exception ignored) {
        // native handles do not fail to close
      }
    }
    natives.clear();
  }
}
