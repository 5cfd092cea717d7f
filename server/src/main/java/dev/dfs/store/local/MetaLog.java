package dev.dfs.store.local;

import java.io.IOException;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteBatch;

/**
 * How the metadata database makes a batch of writes durable and applied: the seam between the
 * engine's logic (which computes batches) and the log that orders them. The local engine's log is
 * {@link GroupCommitter} (a synced RocksDB write); the cluster engine's is a Raft log whose state
 * machine applies each committed batch to every replica's RocksDB (see {@code
 * dev.dfs.store.cluster.meta}).
 *
 * <p>Contract: {@link #commit} returns only once {@code batch} is durable (by the log's own
 * definition: synced WAL, or committed by a quorum) and applied to this node's database, so a read
 * after it sees the writes; or it throws and the batch was not applied here (a replicated log may
 * still apply it later: see the implementation for when that can happen). Batches of one thread
 * apply in program order. Implementations are thread-safe. The caller keeps ownership of {@code
 * batch}.
 */
public interface MetaLog extends AutoCloseable {

  /** Makes {@code batch} durable and applied to this node's metadata, then returns. */
  void commit(WriteBatch batch) throws IOException, RocksDBException;

  /**
   * Whether a commit here may succeed now: the local log always; a replicated log only on its
   * admitted leader. Work that must run once (on the leader) asks this before it starts.
   */
  default boolean writable() {
    return true;
  }

  /** Stops the log; later commits fail. */
  @Override
  void close();

  /**
   * Opens the replicated log over a store's metadata. Called once by {@link
   * LocalStore#openReplicated}, after the store's own start-up writes (format marker, index
   * markers: identical on every replica) and before any other write.
   */
  @FunctionalInterface
  interface Binder {
    MetaLog bind(MetaReplica replica) throws IOException;
  }
}
