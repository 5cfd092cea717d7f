package dev.dfs.lifecycle;

import dev.dfs.store.ObjectAttributes;
import dev.dfs.store.ObjectInfo;
import dev.dfs.store.ObjectRef;
import dev.dfs.store.ObjectStore;
import dev.dfs.store.ObjectVersion;
import dev.dfs.store.StoreError;
import dev.dfs.store.StoreException;
import dev.dfs.store.VersionIds;
import dev.dfs.store.Versioning;
import dev.dfs.store.VersionsPage;
import dev.dfs.store.VersionsQuery;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The {@link VersionSweeper} of an engine that lists versions ({@link ObjectStore#listVersions}):
 * walks a bucket's versions in pages (each key's newest first) and removes, through {@link
 * ObjectStore#delete} with a version id,
 *
 * <ul>
 *   <li>noncurrent versions and delete markers that {@link LifecycleEvaluator#noncurrentExpiry}
 *       makes due: a version became noncurrent when the next newer version (or delete marker) of
 *       its key was written, and {@code NewerNoncurrentVersions} counts the noncurrent versions
 *       (not markers) newer than it;
 *   <li>expired object delete markers ({@link LifecycleEvaluator#expiredDeleteMarkerRule}): a
 *       delete marker that is its key's only version.
 * </ul>
 *
 * and moves the noncurrent versions it keeps whose NoncurrentVersionTransition is due ({@link
 * LifecycleEvaluator#noncurrentTransition}) to their tier, through {@link TierMover}.
 *
 * <p>Versions under an Object Lock legal hold or unexpired retention are never removed (the check
 * runs under the key's lock, in the delete's guard). The cursor carries the position and the
 * per-key state (when the next newer version was written, how many noncurrent versions came before)
 * so a key split across pages is judged as a whole. Called from the lifecycle worker's single
 * thread; holds no state between calls.
 */
public final class StoreVersionSweeper implements VersionSweeper {
  private static final org.slf4j.Logger LOG =
      org.slf4j.LoggerFactory.getLogger(StoreVersionSweeper.class);
  private final ObjectStore store;

  public StoreVersionSweeper(ObjectStore store) {
    this.store = store;
  }

  @Override
  public Step sweep(
      String bucket,
      LifecycleConfiguration config,
      LifecycleEvaluator evaluator,
      @Nullable String cursor,
      int budget,
      Instant now)
      throws IOException {
    Cursor at = Cursor.parse(cursor);
    Optional<Versioning> versioning = store.versioning();
    if (versioning.isEmpty()) return new Step(0, 0, 0, null); // no versions to sweep
    VersionsPage page = page(versioning.get(), bucket, config, at, budget);
    List<ObjectVersion> versions = page.versions();
    long removed = 0;
    long freed = 0;
    String key = at.key();
    Instant newerWritten = at.newerWritten();
    int noncurrentSeen = at.noncurrentSeen();
    Cursor next = null;
    for (int i = 0; i < versions.size(); i++) {
      ObjectVersion v = versions.get(i);
      ObjectInfo info = v.info();
      if (!info.key().equals(key)) {
        key = info.key();
        newerWritten = null;
        noncurrentSeen = 0;
      }
      boolean lastOfPage = i == versions.size() - 1;
      if (v.latest()) {
        if (info.deleteMarker()) {
          boolean alone =
              lastOfPage ? !page.truncated() : !versions.get(i + 1).info().key().equals(key);
          if (lastOfPage && page.truncated()) {
            // Whether older versions follow is on the next page: judge it from there.
            next = i == 0 ? null : Cursor.afterKey(versions.get(i - 1).info().key());
            if (next != null) break;
          }
          if (alone && removeExpiredMarker(bucket, config, evaluator, info, now)) removed++;
        }
      } else if (newerWritten != null) {
        // Noncurrent delete markers go with the versions they shadowed (size 0, no tags);
        // only versions with data count towards NewerNoncurrentVersions.
        if (noncurrentDue(evaluator, config, info, newerWritten, noncurrentSeen, now)
            && remove(bucket, info, now)) {
          removed++;
          freed += info.size();
        } else if (!info.deleteMarker()) {
          moveIfDue(bucket, config, evaluator, info, newerWritten, noncurrentSeen, now);
        }
        if (!info.deleteMarker()) noncurrentSeen++;
      }
      newerWritten = info.lastModified();
      if (lastOfPage) next = new Cursor(key, versionIdOf(info), newerWritten, noncurrentSeen);
    }
    String nextCursor = page.truncated() && next != null ? next.format() : null;
    return new Step(versions.size(), removed, freed, nextCursor);
  }

  /** The page of versions after {@code at}, at least two so a key's next version is seen. */
  private static VersionsPage page(
      Versioning versioning, String bucket, LifecycleConfiguration config, Cursor at, int budget)
      throws IOException {
    return versioning.listVersions(
        bucket,
        new VersionsQuery(
            LifecycleWorker.commonPrefix(config.rules()),
            null,
            at.key(),
            at.versionId(),
            Math.max(2, budget)));
  }

  /** Removes a lone delete marker that a rule expires; false when none does or it was kept. */
  private boolean removeExpiredMarker(
      String bucket,
      LifecycleConfiguration config,
      LifecycleEvaluator evaluator,
      ObjectInfo marker,
      Instant now)
      throws IOException {
    return evaluator.expiredDeleteMarkerRule(config, marker.key()).isPresent()
        && remove(bucket, marker, now);
  }

  /** Whether a noncurrent version, superseded at {@code newerWritten}, is due by {@code now}. */
  private static boolean noncurrentDue(
      LifecycleEvaluator evaluator,
      LifecycleConfiguration config,
      ObjectInfo info,
      Instant newerWritten,
      int noncurrentSeen,
      Instant now) {
    Optional<Expiry> due =
        evaluator.noncurrentExpiry(
            config, info.key(), info.size(), info.metadata().tags(), newerWritten, noncurrentSeen);
    return due.isPresent() && !due.get().at().isAfter(now);
  }

  /**
   * Moves a noncurrent version its due NoncurrentVersionTransition names to a colder class ({@link
   * TierMover}). A failed move is logged and tried again in the next pass; it does not stop the
   * sweep (the expirations of other versions go on).
   */
  private void moveIfDue(
      String bucket,
      LifecycleConfiguration config,
      LifecycleEvaluator evaluator,
      ObjectInfo info,
      Instant becameNoncurrent,
      int newer,
      Instant now) {
    Optional<Transition> t =
        evaluator.noncurrentTransition(
            config, info.key(), info.size(), info.metadata().tags(), becameNoncurrent, newer, now);
    if (t.isEmpty()) return;
    try {
      if (TierMover.move(store, bucket, info, t.get().storageClass())) {
        LOG.debug(
            "lifecycle: moved noncurrent {}/{} {} to {}",
            bucket,
            info.key(),
            info.versionId(),
            t.get().storageClass());
      }
    } catch (IOException | RuntimeException e) {
      LOG.warn(
          "lifecycle: moving noncurrent {}/{} {} failed (retried in the next pass): {}",
          bucket,
          info.key(),
          info.versionId(),
          e.toString());
    }
  }

  private static String versionIdOf(ObjectInfo info) {
    return info.versionId() == null ? VersionIds.NULL : info.versionId();
  }

  /** Removes one version unless Object Lock protects it; false when it was kept. */
  private boolean remove(String bucket, ObjectInfo version, Instant now) throws IOException {
    try {
      store.delete(
          new ObjectRef(bucket, version.key(), versionIdOf(version)),
          locked -> {
            if (protectedByLock(locked, now)) {
              throw new StoreException(StoreError.ACCESS_DENIED, "version is locked");
            }
          });
      return true;
    } catch (StoreException e) {
      if (e.error() == StoreError.ACCESS_DENIED || e.error() == StoreError.NO_SUCH_VERSION) {
        return false;
      }
      throw e;
    }
  }

  private static boolean protectedByLock(ObjectInfo version, Instant now) {
    if ("ON".equals(version.metadata().attribute(ObjectAttributes.LOCK_LEGAL_HOLD))) return true;
    String until = version.metadata().attribute(ObjectAttributes.LOCK_RETAIN_UNTIL);
    return until != null && Instant.parse(until).isAfter(now);
  }

  /**
   * Where a step stopped: after {@code versionId} of {@code key} (or after the whole key when
   * {@code versionId} is null), with the key's state so far. Text form: {@code
   * versionId|newerWrittenMillis|noncurrentSeen|key} (the key last: it may hold '|').
   */
  record Cursor(
      @Nullable String key,
      @Nullable String versionId,
      @Nullable Instant newerWritten,
      int noncurrentSeen) {
    static final Cursor START = new Cursor(null, null, null, 0);

    static Cursor afterKey(String key) {
      return new Cursor(key, null, null, 0);
    }

    static Cursor parse(@Nullable String text) {
      if (text == null) return START;
      String[] parts = text.split("\\|", 4);
      if (parts.length != 4) return afterKey(text);
      return new Cursor(
          parts[3],
          parts[0].isEmpty() ? null : parts[0],
          parts[1].isEmpty() ? null : Instant.ofEpochMilli(Long.parseLong(parts[1])),
          Integer.parseInt(parts[2]));
    }

    String format() {
      return (versionId == null ? "" : versionId)
          + "|"
          + (newerWritten == null ? "" : Long.toString(newerWritten.toEpochMilli()))
          + "|"
          + noncurrentSeen
          + "|"
          + key;
    }
  }
}
