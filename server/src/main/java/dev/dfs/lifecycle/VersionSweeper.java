package dev.dfs.lifecycle;

import java.io.IOException;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * The seam through which a versioned engine applies the version actions of a configuration: {@link
 * NoncurrentVersionExpiration} (remove versions some lifecycle days after they became noncurrent,
 * keeping {@code NewerNoncurrentVersions}) and {@code ExpiredObjectDeleteMarker} (remove a delete
 * marker that has no older versions left). The {@link LifecycleWorker} calls it once per bucket and
 * pass, in bounded steps, after current objects and uploads.
 *
 * <p>{@link StoreVersionSweeper} is the sweeper of engines that list versions (the local engine);
 * {@link #NONE} (which examines nothing) serves engines without versions, where no object ever
 * becomes noncurrent and no delete marker is written. The decisions are {@link
 * LifecycleEvaluator#noncurrentExpiry} and {@link LifecycleEvaluator#expiredDeleteMarkerRule}.
 *
 * <p>Implementations are called from the worker's single thread; they must delete through the
 * engine's normal, atomic operations and never remove a version that became current again.
 */
public interface VersionSweeper {
  /**
   * One bounded step of a bucket's version sweep.
   *
   * @param examined versions or delete markers looked at
   * @param removed versions or delete markers removed
   * @param bytesFreed bytes of the removed versions
   * @param nextCursor where the next step continues, or null when the bucket is done
   */
  record Step(long examined, long removed, long bytesFreed, @Nullable String nextCursor) {}

  /**
   * Examines at most {@code budget} versions of {@code bucket} after {@code cursor} (null: from the
   * start) and removes those {@code config}'s enabled version actions make due at {@code now}, with
   * days measured by {@code evaluator}'s day length.
   */
  Step sweep(
      String bucket,
      LifecycleConfiguration config,
      LifecycleEvaluator evaluator,
      @Nullable String cursor,
      int budget,
      Instant now)
      throws IOException;

  /** For engines without versions: there is nothing to examine. */
  VersionSweeper NONE = (bucket, config, evaluator, cursor, budget, now) -> new Step(0, 0, 0, null);
}
