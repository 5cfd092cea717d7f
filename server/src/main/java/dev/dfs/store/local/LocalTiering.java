package dev.dfs.store.local;

import dev.dfs.crypto.MasterKey;
import dev.dfs.store.Tiering;
import dev.dfs.store.tier.TierRegistry;
import dev.dfs.util.SystemTable;

/**
 * The local engine's {@link Tiering}: tier definitions in the system table {@value #TABLE} of
 * its metadata. Thread-safe.
 */
final class LocalTiering implements Tiering, AutoCloseable {
  /** The system table holding tier definitions. */
  static final String TABLE = "tiers";

  private final SystemTable table;
  private volatile TierRegistry registry;

  LocalTiering(SystemTable table) {
    this.table = table;
  }

  @Override
  public synchronized TierRegistry connect(MasterKey key) {
    if (registry == null) registry = new TierRegistry(table, key);
    return registry;
  }

  @Override
  public TierRegistry tiers() {
    TierRegistry r = registry;
    if (r == null) throw new IllegalStateException("tiering is not connected to its key yet");
    return r;
  }

  @Override
  public void close() throws java.io.IOException {
    TierRegistry r = registry;
    if (r != null) r.close();
  }
}
