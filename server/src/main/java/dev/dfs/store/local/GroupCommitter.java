package dev.dfs.store.local;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

/**
 * Group commit: one platform thread writes the batches of all committing threads, every batch that
 * queued up while the previous group was being synced going into the next group as one merged
 * {@link WriteBatch} with one synced WAL write.
 *
 * <p>Why not let each thread call {@code RocksDB.write(sync)} and rely on RocksDB's own write
 * group: that is a JNI call that pins a virtual thread's carrier for the whole fsync, so it needed
 * a hand-off to a pool of platform threads per commit, and the waiting writers then spin and yield
 * inside RocksDB ({@code WriteThread::AwaitState}) on a machine whose cores the request threads
 * need. Here a committing thread queues its batch and parks (cheap on a virtual thread), and only
 * one thread ever enters RocksDB's write path.
 *
 * <p>Contract: {@link #commit} returns once the batch is durable (its group's WAL write was synced)
 * and visible, or throws if its group failed; a group is applied atomically as one batch, so no
 * reader sees any of its writes before they are all durable. Batches are applied in the order
 * {@link #commit} calls entered the queue, so a thread's commits apply in program order.
 * Thread-safe. The caller keeps ownership of its batch (closes it after commit).
 */
final class GroupCommitter implements MetaLog {

  /** A group stops growing past this many bytes of batch data (one bigger batch goes alone). */
  static final long MAX_GROUP_BYTES = 4L << 20;

  private record Pending(WriteBatch batch, CompletableFuture<Void> done) {}

  private final RocksDB db;
  private final WriteOptions syncWrite;
  private final LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
  private final Thread thread;
  private volatile boolean closed;

  GroupCommitter(RocksDB db, WriteOptions syncWrite) {
    this.db = db;
    this.syncWrite = syncWrite;
    this.thread = Thread.ofPlatform().name("dfs-meta-commit").daemon(true).start(this::run);
  }

  /**
   * Applies {@code batch} durably; blocks until its group is synced. Waits even when interrupted
   * (the interrupt status is kept): the batch must stay open while it may still be read by the
   * commit thread.
   */
  @Override
  public void commit(WriteBatch batch) throws RocksDBException {
    if (closed) throw new IllegalStateException("group committer is closed");
    Pending p = new Pending(batch, new CompletableFuture<>());
    queue.add(p);
    try {
      p.done.join(); // uninterruptible
    } catch (CompletionException e) {
      Throwable cause = e.getCause();
      if (cause == null) throw e; // the future fails only through completeExceptionally(cause)
      switch (cause) {
        case RocksDBException r -> throw r;
        case RuntimeException r -> throw r;
        case Error r -> throw r;
        default -> throw new IllegalStateException(cause);
      }
    }
  }

  private void run() {
    List<Pending> group = new ArrayList<>();
    while (true) {
      try {
        group.add(queue.take());
      } catch (InterruptedException e) {
        if (closed && queue.isEmpty()) return;
        continue;
      }
      try {
        long bytes = group.getFirst().batch.getDataSize();
        while (bytes < MAX_GROUP_BYTES) {
          Pending next = queue.peek();
          if (next == null || bytes + next.batch.getDataSize() > MAX_GROUP_BYTES) break;
          group.add(queue.poll());
          bytes += next.batch.getDataSize();
        }
        write(group);
      } catch (Throwable t) { // e.g. out of memory: fail this group, keep the thread for the next
        for (Pending p : group) p.done.completeExceptionally(t);
      } finally {
        group.clear();
      }
    }
  }

  private void write(List<Pending> group) {
    try {
      if (group.size() == 1) {
        db.write(syncWrite, group.getFirst().batch);
      } else {
        try (WriteBatch merged = merge(group.stream().map(Pending::batch).toList())) {
          db.write(syncWrite, merged);
        }
      }
      for (Pending p : group) p.done.complete(null);
    } catch (Throwable t) {
      for (Pending p : group) p.done.completeExceptionally(t);
    }
  }

  /** One batch holding every record of {@code batches}, in order; the caller closes it. */
  static WriteBatch merge(List<WriteBatch> batches) throws RocksDBException {
    List<byte[]> reps = new ArrayList<>(batches.size());
    for (WriteBatch b : batches) reps.add(b.data());
    return new WriteBatch(WriteBatchRep.concat(reps));
  }

  /**
   * Stops the commit thread once the queue is empty. Callers must not commit concurrently with or
   * after close (the store's lifecycle lock ensures it).
   */
  @Override
  public void close() {
    closed = true;
    thread.interrupt();
    try {
      thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
