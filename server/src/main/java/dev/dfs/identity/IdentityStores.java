package dev.dfs.identity;

import dev.dfs.crypto.MasterKey;
import dev.dfs.util.NodeClock;
import dev.dfs.util.SystemTable;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;

/** Opens {@link IdentityStore}s. */
public final class IdentityStores {
  /** The identity database's directory inside a data directory. */
  public static final String DIR_NAME = "identity";

  /** The name of the system table that holds a cluster's identity records. */
  public static final String TABLE = "identity";

  private IdentityStores() {}

  /**
   * Opens (creating when missing) the identity database in {@code <dataDir>/identity}: the store of
   * a single node (local and gateway engines). Closing the store closes the database.
   *
   * @param masterKey seals the access keys' secrets; the same key must open them again
   * @throws IdentityStoreLockedException when another process (a running server) holds it
   * @throws IOException when it cannot be read, or a secret does not open under this key
   */
  public static IdentityStore open(Path dataDir, MasterKey masterKey) throws IOException {
    return open(dataDir, masterKey, NodeClock.system());
  }

  /**
   * As {@link #open(Path, MasterKey)}, stamping times (key creation, expiry) with {@code clock}.
   */
  public static IdentityStore open(Path dataDir, MasterKey masterKey, Clock clock)
      throws IOException {
    RocksTable table = RocksTable.open(dataDir.resolve(DIR_NAME));
    try {
      return TableIdentityStore.open(table, table, masterKey, clock);
    } catch (IOException | RuntimeException e) {
      table.close();
      throw e;
    }
  }

  /**
   * The identity store of a cluster: its records live in the engine's metadata, in the system table
   * {@link #TABLE}, so they are committed through the metadata's Raft log and replicated,
   * checkpointed and digested with the buckets and objects. The cluster wiring calls {@code
   * IdentityStores.replicated(localStore.systemTable(IdentityStores.TABLE), masterKey)} once the
   * store is open, on every node, instead of {@link #open}.
   *
   * <ul>
   *   <li><b>Writes</b> commit only on the admitted leader; on any other node they fail with the
   *       same {@code StoreException} (UNAVAILABLE) as metadata writes do, before anything changed,
   *       so the HTTP front forwards mutating admin requests to the leader.
   *   <li><b>Reads</b> are served from this node's in-memory copy, which follows every change as
   *       the node applies it (before the apply returns). They are as fresh as this node's applied
   *       index: the front fences them with the log's read barrier where it needs linearizable
   *       reads. The hot path ({@link IdentityStore#activeCredential}) stays a map lookup.
   *   <li><b>Master key</b>: secrets are sealed with the master key, so every node needs the same
   *       one. The first write records a check sealed under the leader's key; a node whose key does
   *       not open it refuses to open here ({@link MasterKeyMismatchException}), or, if the check
   *       arrives later by replication, logs the mismatch as an error.
   * </ul>
   *
   * Closing the store stops following the table; the engine keeps it.
   *
   * @param table the store's system table {@link #TABLE}
   * @throws MasterKeyMismatchException when {@code masterKey} is not the cluster's
   * @throws IOException when the records cannot be read
   */
  public static IdentityStore replicated(SystemTable table, MasterKey masterKey)
      throws IOException {
    return replicated(table, masterKey, NodeClock.system());
  }

  /**
   * As {@link #replicated(SystemTable, MasterKey)}, stamping times (key creation, expiry) with
   * {@code clock}.
   */
  public static IdentityStore replicated(SystemTable table, MasterKey masterKey, Clock clock)
      throws IOException {
    MasterKeyCheck checked = MasterKeyCheck.verify(table, masterKey);
    try {
      return TableIdentityStore.open(checked, checked, masterKey, clock);
    } catch (IOException | RuntimeException e) {
      checked.close();
      throw e;
    }
  }

  /**
   * How many of the identity table's sealed values (access key secrets, the master key check) are
   * not sealed under {@code masterKey}'s current key: what a master-key rotation still has to seal
   * again.
   */
  public static int staleSecrets(SystemTable table, MasterKey masterKey) throws IOException {
    return SecretReseal.stale(table, masterKey);
  }

  /**
   * Seals the identity table's values that are not under {@code masterKey}'s current key again
   * under it, atomically; returns how many. Harmless to repeat.
   *
   * @throws IOException when a value opens under neither the current nor a previous key
   */
  public static int resealSecrets(SystemTable table, MasterKey masterKey) throws IOException {
    return SecretReseal.reseal(table, masterKey);
  }
}
