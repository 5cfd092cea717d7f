package dev.dfs.lifecycle;

import dev.dfs.store.tier.AccessTier;
import org.jspecify.annotations.Nullable;

/**
 * An operator's override of Intelligent-Tiering for the {@code INTELLIGENT_TIERING} objects of a
 * bucket under a key prefix ("" for the whole bucket): pin them to one access tier, or keep them
 * out of the archive tiers. DFS-specific (S3 has no such setting). Immutable.
 *
 * @param prefix the keys it covers ("" : all)
 * @param pin the access tier the objects are kept in whatever their reads, or null
 * @param neverArchive the objects never go further than INFREQUENT (ignored with a pin)
 */
public record TieringOverride(String prefix, @Nullable AccessTier pin, boolean neverArchive) {
  public TieringOverride {
    if (prefix == null) prefix = "";
  }
}
