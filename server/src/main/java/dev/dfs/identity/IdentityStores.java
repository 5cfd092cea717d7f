package dev.dfs.identity;

import dev.dfs.crypto.MasterKey;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;

/** Opens {@link IdentityStore}s. */
public final class IdentityStores {
  /** The identity database's directory inside a data directory. */
  public static final String DIR_NAME = "identity";

  private IdentityStores() {}

  /**
   * Opens (creating when missing) the identity database in {@code <dataDir>/identity}, the same
   * for every storage engine.
   *
   * @param masterKey seals the access keys' secrets; the same key must open them again
   * @throws IdentityStoreLockedException when another process (a running server) holds it
   * @throws IOException when it cannot be read, or a secret does not open under this key
   */
  public static IdentityStore open(Path dataDir, MasterKey masterKey) throws IOException {
    return RocksIdentityStore.open(dataDir.resolve(DIR_NAME), masterKey, Clock.systemUTC());
  }
}
