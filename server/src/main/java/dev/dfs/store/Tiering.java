package dev.dfs.store;

import dev.dfs.store.tier.TierRegistry;
import java.io.IOException;
import org.jspecify.annotations.Nullable;

/**
 * The capability of keeping object versions in storage tiers ({@link ObjectStore#tiering()}): the
 * operator's tier definitions, and (as the engine offers them) transitions of versions to the tier
 * serving a storage class, reads through to a tier and restores from archive classes. Thread-safe
 * as its engine is.
 */
public interface Tiering {

  /**
   * Opens the tier definitions, sealing remote secrets with {@code key} (null: the server has no
   * master key, so tiers with secrets are refused). The server calls it once at start, before any
   * request; later calls return the same registry.
   */
  TierRegistry connect(dev.dfs.crypto.@Nullable MasterKey key);

  /**
   * The tier definitions.
   *
   * @throws IllegalStateException before {@link #connect}
   */
  TierRegistry tiers();

  /**
   * Versions and bytes per tier and storage class with their monthly cost; from a scan of the
   * metadata at most {@code 30 s} old (an admin report, not for hot paths).
   */
  dev.dfs.store.tier.TierUsage usage() throws IOException;

  /** Counters since the engine opened. */
  dev.dfs.store.tier.TierStats stats();

  /**
   * Moves one version's bytes to the tier serving {@code storageClass} and makes that its storage
   * class, if it still has ETag {@code etag} when the move commits; its local copy is then freed.
   * {@code version}'s null id means the null version (an unversioned bucket's object). A version
   * already in a tier moves on to the tier serving the new class (its old copy is freed like a
   * deleted version's), or only changes class when that is the same tier; the caller decides
   * whether the move goes the right way (lifecycle: colder only). Returns false, moving nothing,
   * when no tier serves the class, the version is gone, changed or empty, or in a tier with that
   * class already. A crash at any point leaves exactly one complete copy that is served, and no
   * copy in a tier that no version owns once the engine opened again. IOException when the tier
   * failed (nothing changed).
   */
  boolean transition(ObjectRef version, String etag, String storageClass) throws IOException;

  /** What a {@link #restore} did. */
  enum RestoreOutcome {
    /** A restore began; the version is readable once it completes (moments later). */
    STARTED,
    /** The version is restored already; its restored copy now expires at the new time. */
    ALREADY_RESTORED,
    /** A restore of the version is under way. */
    IN_PROGRESS,
    /** The version is not in an archive class's tier (nothing to restore). */
    NOT_ARCHIVED
  }

  /**
   * RestoreObject: makes an archived version (GLACIER, DEEP_ARCHIVE in a tier) readable until
   * {@code expiry}, recorded in {@link ObjectAttributes#TIER_RESTORE}: {@code ongoing} while its
   * tier copy is being checked, then the expiry. NO_SUCH_BUCKET, NO_SUCH_KEY, NO_SUCH_VERSION,
   * DELETE_MARKER.
   */
  RestoreOutcome restore(ObjectRef version, java.time.Instant expiry) throws IOException;

  /**
   * Per bucket, the versions on the engine's own disk in STANDARD whose last write was before
   * {@code before}: data a transition rule could move. The age is the last write, not the last read
   * (this engine does not track reads here). From a metadata scan at most 30 s old (an admin
   * report, not for hot paths).
   */
  java.util.Map<String, dev.dfs.store.tier.TierUsage.Amount> coldLocal(java.time.Instant before)
      throws IOException;

  /** Intelligent-Tiering's access log and moves, when the engine offers them. */
  default java.util.Optional<AccessTiering> accessTiering() {
    return java.util.Optional.empty();
  }
}
