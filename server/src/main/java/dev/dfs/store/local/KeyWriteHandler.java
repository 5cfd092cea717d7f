package dev.dfs.store.local;

import org.rocksdb.WriteBatch;

/**
 * A {@link WriteBatch.Handler} for the records of a batch that write keys (puts, deletes, merges,
 * range deletes, blob indexes): the transaction markers and log data, which write no key, are
 * skipped here so a subclass overrides only the key records. Not thread-safe; a native callback
 * object: close it.
 */
abstract class KeyWriteHandler extends WriteBatch.Handler {
  /** RocksDB's id of the default column family, which the id-less record types address. */
  static final int DEFAULT_CF = 0;

  @Override
  public final void logData(byte[] blob) {}

  @Override
  public final void markBeginPrepare() {}

  @Override
  public final void markEndPrepare(byte[] xid) {}

  @Override
  public final void markNoop(boolean emptyBatch) {}

  @Override
  public final void markRollback(byte[] xid) {}

  @Override
  public final void markCommit(byte[] xid) {}

  @Override
  public final void markCommitWithTimestamp(byte[] xid, byte[] ts) {}
}
