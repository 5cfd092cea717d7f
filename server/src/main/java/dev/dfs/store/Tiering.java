package dev.dfs.store;

import dev.dfs.store.tier.TierRegistry;

/**
 * The capability of keeping object versions in storage tiers ({@link ObjectStore#tiering()}):
 * the operator's tier definitions, and (as the engine offers them) transitions of versions to
 * the tier serving a storage class, reads through to a tier and restores from archive
 * classes. Thread-safe as its engine is.
 */
public interface Tiering {

  /**
   * Opens the tier definitions, sealing remote secrets with {@code key} (null: the server has
   * no master key, so tiers with secrets are refused). The server calls it once at start,
   * before any request; later calls return the same registry.
   */
  TierRegistry connect(dev.dfs.crypto.MasterKey key);

  /**
   * The tier definitions.
   *
   * @throws IllegalStateException before {@link #connect}
   */
  TierRegistry tiers();
}
