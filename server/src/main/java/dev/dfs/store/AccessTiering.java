package dev.dfs.store;

import dev.dfs.store.tier.AccessTier;
import java.io.IOException;

/**
 * Intelligent-Tiering's part of an engine's {@link Tiering} ({@link Tiering#accessTiering()}): a
 * cheap record of when each version was last read, and moves of {@code INTELLIGENT_TIERING}
 * versions between access tiers that keep their storage class. Thread-safe.
 */
public interface AccessTiering {

  /** Which reads the access log records. */
  enum Tracking {
    /** None: nothing is recorded (objects then age from their last write). */
    OFF,
    /** Reads of versions of class {@code INTELLIGENT_TIERING} (the default). */
    INTELLIGENT_TIERING,
    /** Every read. */
    ALL
  }

  /**
   * Records that {@code info}'s version was read now (GET, not HEAD: as in S3, only reads of the
   * data count). Costs one in-memory map update; never I/O.
   */
  void accessed(ObjectInfo info);

  /** Sets which reads are recorded from now on. */
  void tracking(Tracking mode);

  /** The current mode. */
  Tracking tracking();

  /**
   * Writes the reads recorded in memory so far into the versions' metadata ({@link
   * ObjectAttributes#LAST_ACCESS}). The engine also does so every few seconds and when it closes;
   * reads of the last seconds before a crash are lost (the object then looks a little older than it
   * is). Returns how many versions were written.
   */
  int flushAccesses() throws IOException;

  /** When {@code info}'s version was last read or written, as far as the engine knows. */
  java.time.Instant lastAccess(ObjectInfo info);

  /** The access tier {@code info}'s version is in now. */
  AccessTier accessTier(ObjectInfo info);

  /**
   * Moves one version's bytes to where access tier {@code target} lives (the local disk for
   * FREQUENT, else the tier serving the first of {@link AccessTier#servingClasses()} a tier
   * serves), keeping its storage class, if it still has ETag {@code etag} when the move commits.
   * Uses the crash-safe path of {@link Tiering#transition}: copy, verify, one commit, then the old
   * copy is freed (local chunks at once, a tier copy through the durable free queue). Returns
   * false, moving nothing, when the version is gone or changed, is there already, is empty, or no
   * tier serves the target. IOException when a tier failed.
   */
  boolean move(ObjectRef version, String etag, AccessTier target) throws IOException;
}
