package dev.dfs.store.local;

import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Serializes metadata commits. Every commit touching a bucket's contents holds the shared bucket
 * lock (so a bucket cannot be deleted under it) and then the striped lock of its (bucket, key),
 * making read-old-then-write-new atomic per key. DeleteBucket and CreateBucket take the exclusive
 * bucket lock. Only short metadata work runs under these locks, never body streaming. Order: bucket
 * lock, then key stripe.
 */
final class KeyLocks {
  private static final int STRIPES = 1024;
  private final ReentrantReadWriteLock buckets = new ReentrantReadWriteLock();
  private final ReentrantLock[] stripes = new ReentrantLock[STRIPES];

  KeyLocks() {
    for (int i = 0; i < STRIPES; i++) stripes[i] = new ReentrantLock();
  }

  /** A held lock pair; close releases it. */
  interface Held extends AutoCloseable {
    @Override
    void close();
  }

  Held key(String bucket, String key) {
    ReentrantReadWriteLock.ReadLock shared = buckets.readLock();
    shared.lock();
    int h = (bucket.hashCode() * 31 + key.hashCode()) & Integer.MAX_VALUE;
    ReentrantLock stripe = stripes[h % STRIPES];
    stripe.lock();
    return () -> {
      stripe.unlock();
      shared.unlock();
    };
  }

  /**
   * The shared bucket lock alone: for metadata writes outside any bucket (system tables), so that
   * {@link #bucketsExclusive()} (a replicated log's quiescence) waits for them too.
   */
  Held bucketsShared() {
    ReentrantReadWriteLock.ReadLock shared = buckets.readLock();
    shared.lock();
    return shared::unlock;
  }

  Held bucketsExclusive() {
    ReentrantReadWriteLock.WriteLock w = buckets.writeLock();
    w.lock();
    return w::unlock;
  }
}
