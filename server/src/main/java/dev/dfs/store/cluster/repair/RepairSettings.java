package dev.dfs.store.cluster.repair;

import java.time.Duration;

/**
 * How a node repairs and scrubs its replicas. Immutable.
 *
 * @param repairBytesPerSecond copy bandwidth of this node's repair worker (0: unlimited; {@code
 *     DFS_REPAIR_BANDWIDTH})
 * @param deadAfter a peer not heard from for this long is declared dead and its chunks are
 *     re-replicated ({@code DFS_NODE_DEAD_AFTER})
 * @param fullPassPeriod how often the leader compares every referenced chunk with its owners'
 *     holdings ({@code DFS_REPAIR_PASS_PERIOD}); also started at once when a node is declared dead
 * @param scrubBytesPerSecond read bandwidth of this node's scrub (0: scrub off; {@code
 *     DFS_SCRUB_BANDWIDTH})
 * @param scrubPeriod a scrub pass starts at most this often ({@code DFS_SCRUB_PERIOD}); a pass that
 *     takes longer than this starts the next one right after
 * @param gcGrace a chunk no metadata references is removed by the leader's orphan sweep only after
 *     it was seen unreferenced for this long ({@code DFS_CLUSTER_GC_GRACE})
 */
public record RepairSettings(
    long repairBytesPerSecond,
    Duration deadAfter,
    Duration fullPassPeriod,
    long scrubBytesPerSecond,
    Duration scrubPeriod,
    Duration gcGrace) {
  /** The default orphan grace: an hour. */
  public static final Duration GC_GRACE = Duration.ofHours(1);

  public RepairSettings {
    if (repairBytesPerSecond < 0 || scrubBytesPerSecond < 0)
      throw new IllegalArgumentException("negative bandwidth");
    if (deadAfter.isNegative() || deadAfter.isZero())
      throw new IllegalArgumentException("deadAfter must be positive");
    if (fullPassPeriod.isNegative() || scrubPeriod.isNegative())
      throw new IllegalArgumentException("negative period");
    if (gcGrace.isNegative() || gcGrace.isZero())
      throw new IllegalArgumentException("gcGrace must be positive");
  }

  /** These settings with the default orphan grace ({@link #GC_GRACE}). */
  public RepairSettings(
      long repairBytesPerSecond,
      Duration deadAfter,
      Duration fullPassPeriod,
      long scrubBytesPerSecond,
      Duration scrubPeriod) {
    this(
        repairBytesPerSecond,
        deadAfter,
        fullPassPeriod,
        scrubBytesPerSecond,
        scrubPeriod,
        GC_GRACE);
  }

  /**
   * 64 MiB/s repair, dead after 10 minutes, a full pass every hour, 8 MiB/s scrub every 7 days, 1 h
   * orphan grace.
   */
  public static RepairSettings defaults() {
    return new RepairSettings(
        64L << 20,
        Duration.ofMinutes(10),
        Duration.ofHours(1),
        8L << 20,
        Duration.ofDays(7),
        GC_GRACE);
  }

  /** These settings with another orphan grace. */
  public RepairSettings withGcGrace(Duration grace) {
    return new RepairSettings(
        repairBytesPerSecond, deadAfter, fullPassPeriod, scrubBytesPerSecond, scrubPeriod, grace);
  }
}
