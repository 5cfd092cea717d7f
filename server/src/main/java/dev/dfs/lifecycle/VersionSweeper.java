package dev.dfs.lifecycle;

import java.io.IOException;
import java.time.Instant;

/**
 * The seam through which a versioned engine applies the version actions of a configuration:
 * {@link NoncurrentVersionExpiration} (remove versions some lifecycle days after they became
 * noncurrent, keeping {@code NewerNoncurrentVersions}) and {@code ExpiredObjectDeleteMarker}
 * (remove a delete marker that has no older versions left). The {@link LifecycleWorker} calls it
 * once per bucket and pass, in bounded steps, after current objects and uploads.
 *
 * <p>The engines have no versions yet: no object ever becomes noncurrent and no delete marker
 * is ever written, so these actions truly have nothing to act on, and {@link #NONE} (which
 * examines nothing) is the complete behaviour for now. The actions are parsed, validated,
 * stored and returned by GetBucketLifecycleConfiguration all the same; they are applied once
 * the engine lists versions and plugs its sweeper in here.
 *
 * <p>The decisions are already written and unit-tested: {@link
 * LifecycleEvaluator#noncurrentExpiry} and {@link LifecycleEvaluator#expiredDeleteMarkerRule}.
 * A sweeper lists versions, asks the evaluator, and removes what is due.
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
  record Step(long examined, long removed, long bytesFreed, String nextCursor) {}

  /**
   * Examines at most {@code budget} versions of {@code bucket} after {@code cursor} (null: from
   * the start) and removes those {@code config}'s enabled version actions make due at
   * {@code now}, with days measured by {@code evaluator}'s day length.
   */
  Step sweep(String bucket, LifecycleConfiguration config, LifecycleEvaluator evaluator,
      String cursor, int budget, Instant now) throws IOException;

  /** For engines without versions: there is nothing to examine. */
  VersionSweeper NONE = (bucket, config, evaluator, cursor, budget, now) ->
      new Step(0, 0, 0, null);
}
