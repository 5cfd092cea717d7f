package dev.dfs.store.local;

import dev.dfs.store.local.MetaDb.Batch;
import dev.dfs.store.local.MetaDb.Cf;
import dev.dfs.util.SystemTable;
import dev.dfs.util.SystemTableListeners;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A {@link SystemTable} inside the metadata database: its records are META keys {@code
 * sys/<table>/<key>}, so they are committed, replicated, checkpointed and digested with the rest of
 * the metadata (no column family of its own: the layout, and data dirs of older builds, stay as
 * they were). A write holds the shared bucket lock (which a replicated log's leader admission waits
 * for, like every other metadata write) and then this table's lock.
 *
 * <p>Listeners: on a store of its own the writer tells them after its commit; on a replicated store
 * only {@link MetaReplica} does, when it applies a batch (on the leader too, before the commit
 * returns), so every node hears every change exactly once, in log order. Thread-safe.
 */
final class LocalSystemTable implements SystemTable {
  private final byte[] prefix;
  private final MetaDb db;
  private final KeyLocks locks;
  private final ReentrantLock writer = new ReentrantLock();
  private final SystemTableListeners listeners;

  LocalSystemTable(String name, MetaDb db, KeyLocks locks) {
    this.prefix = SystemTables.prefix(name);
    this.db = db;
    this.locks = locks;
    this.listeners = new SystemTableListeners(name);
  }

  private byte[] key(String key) {
    byte[] k = key.getBytes(StandardCharsets.UTF_8);
    byte[] full = new byte[prefix.length + k.length];
    System.arraycopy(prefix, 0, full, 0, prefix.length);
    System.arraycopy(k, 0, full, prefix.length, k.length);
    return full;
  }

  @Override
  public Optional<byte[]> get(String key) throws IOException {
    return Optional.ofNullable(db.get(Cf.META, key(key)));
  }

  @Override
  public List<Entry> scan(String keyPrefix) throws IOException {
    List<Entry> out = new ArrayList<>();
    try (MetaDb.Scan s = db.scanPrefix(Cf.META, key(keyPrefix))) {
      for (; s.valid(); s.next()) {
        byte[] k = s.key();
        out.add(
            new Entry(
                new String(k, prefix.length, k.length - prefix.length, StandardCharsets.UTF_8),
                s.value()));
      }
    }
    return out;
  }

  @Override
  public <T> T write(Writer<T> work) throws IOException {
    try (KeyLocks.Held shared = locks.bucketsShared()) {
      writer.lock();
      try {
        Changes changes = new Changes();
        T result = work.write(changes);
        if (changes.isEmpty()) return result;
        try (Batch b = db.batch()) {
          for (Entry e : changes.entries()) {
            if (e.deleted()) b.delete(Cf.META, key(e.key()));
            else b.put(Cf.META, key(e.key()), e.value());
          }
          db.commit(b);
        }
        if (!db.replicated()) applied(changes.entries());
        return result;
      } finally {
        writer.unlock();
      }
    }
  }

  @Override
  public Subscription listen(Listener listener) {
    return listeners.add(listener);
  }

  /** Tells the listeners that {@code changes} (keys relative to this table) were applied. */
  void applied(List<Entry> changes) {
    listeners.applied(changes);
  }

  /** Tells the listeners that the whole table was replaced. */
  void replaced() {
    listeners.replaced();
  }
}
