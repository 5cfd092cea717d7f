package dev.dfs.identity;

import dev.dfs.util.SystemTable;
import dev.dfs.util.SystemTableListeners;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

/**
 * The identity database of a single node: a {@link SystemTable} on a small RocksDB of its own
 * ({@code <data-dir>/identity}, default column family, keys stored as they are). Writers are
 * serialised by one lock; a write is synced, then its listeners hear of it, so a change a caller
 * saw succeed survives a crash. Closing it closes the database. Thread-safe.
 */
final class RocksTable implements SystemTable, AutoCloseable {
  static {
    RocksDB.loadLibrary();
  }

  private final Path dir;
  private final Options options;
  private final WriteOptions syncWrite;
  private final RocksDB db;

  /**
   * Serialises writers. A lock rather than {@code synchronized}: a virtual thread blocked in
   * RocksDB I/O under a monitor would pin its carrier on JDK 21.
   */
  private final ReentrantLock writeLock = new ReentrantLock();

  private final SystemTableListeners listeners = new SystemTableListeners("identity");
  private boolean closed;

  private RocksTable(Path dir, Options options, RocksDB db) {
    this.dir = dir;
    this.options = options;
    this.syncWrite = new WriteOptions().setSync(true);
    this.db = db;
  }

  /**
   * Opens (creating when missing) the database in {@code dir}.
   *
   * @throws IdentityStoreLockedException when another process (a running server) holds it
   */
  static RocksTable open(Path dir) throws IOException {
    Files.createDirectories(dir);
    clearBackupLeftovers(dir);
    Options options =
        new Options().setCreateIfMissing(true).setKeepLogFileNum(3).setMaxBackgroundJobs(1);
    try {
      return new RocksTable(dir, options, RocksDB.open(options, dir.toString()));
    } catch (RocksDBException e) {
      options.close();
      String why = String.valueOf(e.getMessage());
      // RocksDB reports a held LOCK file only as an IOError whose text names the lock
      // ("While lock file: …/LOCK: Resource temporarily unavailable", or "lock hold by current
      // process" within one JVM); there is no more specific status code to test.
      if (why.toLowerCase(Locale.ROOT).contains("lock")) {
        throw new IdentityStoreLockedException(
            "the identity database "
                + dir
                + " is in use by another process (a running dfs server): "
                + why,
            e);
      }
      throw new IOException("cannot open the identity database " + dir + ": " + why, e);
    }
  }

  private static byte[] bytes(String key) {
    return key.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public Optional<byte[]> get(String key) throws IOException {
    try {
      return Optional.ofNullable(db.get(bytes(key)));
    } catch (RocksDBException e) {
      throw new IOException("cannot read the identity database " + dir + ": " + e.getMessage(), e);
    }
  }

  @Override
  public List<Entry> scan(String prefix) throws IOException {
    List<Entry> out = new ArrayList<>();
    try (RocksIterator it = db.newIterator()) {
      for (it.seek(bytes(prefix)); it.isValid(); it.next()) {
        String k = new String(it.key(), StandardCharsets.UTF_8);
        if (!k.startsWith(prefix)) break;
        out.add(new Entry(k, it.value()));
      }
      it.status();
    } catch (RocksDBException e) {
      throw new IOException("cannot read the identity database " + dir + ": " + e.getMessage(), e);
    }
    return out;
  }

  @Override
  public <T> T write(Writer<T> work) throws IOException {
    writeLock.lock();
    try {
      if (closed) throw new IllegalStateException("the identity store is closed");
      Changes changes = new Changes();
      T result = work.write(changes);
      if (changes.isEmpty()) return result;
      try (WriteBatch batch = new WriteBatch()) {
        for (Entry e : changes.entries()) {
          if (e.deleted()) batch.delete(bytes(e.key()));
          else batch.put(bytes(e.key()), e.value());
        }
        db.write(syncWrite, batch);
      } catch (RocksDBException e) {
        throw new IOException(
            "cannot write the identity database " + dir + ": " + e.getMessage(), e);
      }
      listeners.applied(changes.entries());
      return result;
    } finally {
      writeLock.unlock();
    }
  }

  @Override
  public Subscription listen(Listener listener) {
    return listeners.add(listener);
  }

  /**
   * Writes a RocksDB checkpoint of the database to {@code sink}, each file named {@code prefix} +
   * its name: every write that returned before the call is in it. The checkpoint is made (hard
   * links) in a work directory beside the database and removed afterwards; one a crash left behind
   * is removed at the next open.
   */
  void backup(dev.dfs.util.SnapshotSink sink, String prefix) throws IOException {
    Path work =
        dir.resolveSibling(dir.getFileName() + BACKUP_WORK + Long.toHexString(System.nanoTime()));
    writeLock.lock();
    try (org.rocksdb.Checkpoint cp = org.rocksdb.Checkpoint.create(db)) {
      if (closed) throw new IllegalStateException("the identity store is closed");
      cp.createCheckpoint(work.toString());
    } catch (RocksDBException e) {
      throw new IOException(
          "cannot checkpoint the identity database " + dir + ": " + e.getMessage(), e);
    } finally {
      writeLock.unlock();
    }
    try (java.util.stream.Stream<Path> s = Files.list(work)) {
      for (Path f : s.filter(Files::isRegularFile).sorted().toList()) {
        try (java.io.InputStream in = Files.newInputStream(f)) {
          sink.add(prefix + f.getFileName(), Files.size(f), in);
        }
      }
    } finally {
      deleteTree(work);
    }
  }

  private static final String BACKUP_WORK = ".backup-tmp-";

  private static void clearBackupLeftovers(Path dir) throws IOException {
    try (java.nio.file.DirectoryStream<Path> ds =
        Files.newDirectoryStream(dir.getParent(), dir.getFileName() + BACKUP_WORK + "*")) {
      for (Path p : ds) deleteTree(p);
    }
  }

  /** Removes a checkpoint directory (one level of files, as RocksDB writes it). */
  private static void deleteTree(Path work) throws IOException {
    if (!Files.isDirectory(work)) return;
    try (java.util.stream.Stream<Path> s = Files.list(work)) {
      for (Path f : s.toList()) Files.deleteIfExists(f);
    }
    Files.deleteIfExists(work);
  }

  @Override
  public void close() {
    writeLock.lock();
    try {
      if (closed) return;
      closed = true;
      db.close();
      syncWrite.close();
      options.close();
    } finally {
      writeLock.unlock();
    }
  }
}
