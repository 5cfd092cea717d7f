package dev.dfs.store.local;

import dev.dfs.store.local.MetaDb.Cf;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.jspecify.annotations.Nullable;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.Snapshot;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

/**
 * One replica's metadata as a replicated log's state machine sees it: apply a committed batch,
 * remember how far the log was applied, checkpoint, install a checkpoint, compare replicas. The
 * cluster engine's only way into the local engine's database (besides {@link MetaLog}).
 *
 * <p>Applied batches are serialized RocksDB {@link WriteBatch}es ({@link WriteBatch#data()}), which
 * name column families by id: they replay identically only on a database whose column families have
 * the same ids, which {@link #layout()} fingerprints (callers refuse entries made on a different
 * layout). Thread-safe; the database cannot close or be replaced during a call.
 */
public final class MetaReplica {
  /** META key of the last applied log position: term then index, 8 bytes each, big-endian. */
  private static final byte[] APPLIED_KEY = "replica-applied".getBytes(StandardCharsets.US_ASCII);

  /** A position in the replicated log. */
  public record Position(long term, long index) {}

  private final MetaDb db;
  private final KeyLocks locks;
  private final Runnable changed;
  private final SystemTables tables;
  private final WriteOptions unsynced = new WriteOptions().setSync(false);

  MetaReplica(MetaDb db, KeyLocks locks, Runnable changed, SystemTables tables) {
    this.db = db;
    this.locks = locks;
    this.changed = changed;
    this.tables = tables;
  }

  /**
   * Applies {@code batch} (a {@link WriteBatch#data()} representation; null: nothing) and records
   * {@code at} as the last applied position, in one atomic RocksDB write. The write is not synced:
   * the log is the durable record, and after a crash the position read back is one whose batch is
   * applied, from which the log replays. Then, before this returns (so a read after a read barrier
   * sees their state too): if the batch wrote a bucket record or a bucket configuration document,
   * the store's caches of them are invalidated; the listeners of the system tables the batch
   * changed hear of it. A batch that writes neither (an object PUT, the usual entry) leaves the
   * caches alone: what they hold is still what the database holds.
   */
  public void apply(byte @Nullable [] batch, Position at) throws IOException {
    int[] ids = new int[3];
    boolean cached =
        db.onRocks(
            (rocks, cfs) -> {
              ids[0] = db.handle(Cf.META).getID();
              ids[1] = db.handle(Cf.BUCKETS).getID();
              ids[2] = db.handle(Cf.BUCKET_CONFIG).getID();
              try (WriteBatch wb = batch == null ? new WriteBatch() : new WriteBatch(batch)) {
                // before the position's put, which is in META
                boolean touched = batch != null && touches(batch, wb, ids[1], ids[2]);
                wb.put(db.handle(Cf.META), APPLIED_KEY, encode(at));
                rocks.write(unsynced, wb);
                return touched;
              }
            });
    if (cached) changed.run();
    if (batch == null) return;
    try {
      tables.applied(batch, ids[0]);
    } catch (RocksDBException e) {
      throw new IOException(
          "cannot read the system table changes of entry " + at + ": " + e.getMessage(), e);
    }
  }

  /**
   * Whether {@code batch} (also given as {@code wb}) writes column family {@code a} or {@code b}.
   * Read in Java from the representation: RocksDB's own iteration, the fallback for a record kind
   * the Java walk does not know, copies every key and value of the batch into Java through a native
   * callback per record, which on a follower under small PUTs was a visible part of each entry's
   * apply.
   */
  private static boolean touches(byte[] batch, WriteBatch wb, int a, int b)
      throws RocksDBException {
    boolean[] touched = {false};
    boolean walked =
        WriteBatchRep.forEachKey(
            batch, (cf, rep, offset, length) -> touched[0] |= cf == a || cf == b);
    if (walked) return touched[0];
    try (TouchedFamilies families = new TouchedFamilies(a, b)) {
      wb.iterate(families);
      return families.touched();
    }
  }

  /** The last applied position, or null if none was ever applied. */
  public @Nullable Position applied() throws IOException {
    byte[] v = db.get(Cf.META, APPLIED_KEY);
    if (v == null) return null;
    ByteBuffer b = ByteBuffer.wrap(v);
    return new Position(b.getLong(), b.getLong());
  }

  private static byte[] encode(Position p) {
    return ByteBuffer.allocate(16).putLong(p.term()).putLong(p.index()).array();
  }

  /**
   * A fingerprint of the column family layout (names and ids in order): two replicas replay each
   * other's batches identically only if their layouts are equal.
   */
  public int layout() throws IOException {
    return db.onRocks(
        (rocks, cfs) -> {
          int h = 1;
          for (Cf cf : Cf.values())
            h = h * 31 + (cf.cfName.hashCode() * 131 + db.handle(cf).getID());
          return h;
        });
  }

  /**
   * Flushes memtables and writes a RocksDB checkpoint (hard links where possible) to the new
   * directory {@code target}.
   */
  public void checkpoint(Path target) throws IOException {
    db.checkpoint(target);
  }

  /**
   * Replaces this replica's whole metadata by the checkpoint in {@code checkpoint} (see {@link
   * #checkpoint}).
   */
  public void install(Path checkpoint) throws IOException {
    db.replaceWith(checkpoint);
    changed.run();
    tables.replaced();
  }

  /**
   * SHA-256 over every key and value of every column family, in column family order then key order:
   * equal on two replicas iff their metadata is equal.
   */
  public byte[] digest() throws IOException {
    return snapshotDigest().sha256();
  }

  /**
   * The metadata's fingerprint and the position it was taken at.
   *
   * @param at the last applied position in the digested state (null: none yet)
   * @param sha256 {@link #digest()} of that state
   */
  public record Digest(@Nullable Position at, byte[] sha256) {}

  /**
   * {@link #digest()} and the applied position, both read from one RocksDB snapshot, so writes
   * applied meanwhile change neither: replicas at the same position must have equal digests. Reads
   * the whole metadata; for checks and tests, not for every request.
   */
  @SuppressWarnings(
      "EnumOrdinal") // the column family's position tags its rows in the digest; replicas run one
  // build, and Cf's order is fixed by the RocksDB descriptors
  public Digest snapshotDigest() throws IOException {
    return db.onRocks(
        (rocks, cfs) -> {
          MessageDigest md = sha256();
          Snapshot snapshot = rocks.getSnapshot();
          try (ReadOptions ro = new ReadOptions().setFillCache(false).setSnapshot(snapshot)) {
            byte[] applied = rocks.get(db.handle(Cf.META), ro, APPLIED_KEY);
            for (Cf cf : Cf.values()) {
              md.update((byte) cf.ordinal());
              try (RocksIterator it = rocks.newIterator(cfs.get(cf), ro)) {
                for (it.seekToFirst(); it.isValid(); it.next()) {
                  byte[] k = it.key();
                  byte[] v = it.value();
                  md.update(ByteBuffer.allocate(8).putInt(k.length).putInt(v.length).array());
                  md.update(k);
                  md.update(v);
                }
                it.status();
              }
            }
            Position at =
                applied == null
                    ? null
                    : new Position(
                        ByteBuffer.wrap(applied).getLong(),
                        ByteBuffer.wrap(applied, 8, 8).getLong());
            return new Digest(at, md.digest());
          } finally {
            rocks.releaseSnapshot(snapshot);
          }
        });
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Runs {@code action} while no write of the store is being computed or committed: it waits for
   * every holder of the engine's key and bucket locks, and no new one starts until it returns. Must
   * not be called by a thread that holds one of those locks.
   */
  public void excludingWriters(Runnable action) {
    try (KeyLocks.Held h = locks.bucketsExclusive()) {
      action.run();
    }
  }
}
