package dev.dfs.store.cluster.meta;

import java.time.Duration;

/**
 * Timing and sizing of the metadata Raft group.
 *
 * @param electionMin shortest election timeout (a follower that heard nothing that long runs)
 * @param electionMax longest election timeout (randomized in between)
 * @param commitTimeout how long a write waits for a quorum before it fails as unavailable
 * @param segmentBytes Raft log segment size; purging works per closed segment
 * @param snapshotEvery entries applied between two automatic snapshots (then the log is purged)
 */
public record RaftTuning(
    Duration electionMin,
    Duration electionMax,
    Duration commitTimeout,
    long segmentBytes,
    long snapshotEvery) {

  public RaftTuning {
    if (electionMin.isNegative()
        || electionMin.isZero()
        || electionMax.compareTo(electionMin) <= 0) {
      throw new IllegalArgumentException("election timeouts must satisfy 0 < min < max");
    }
    if (segmentBytes < 4096 || snapshotEvery < 1)
      throw new IllegalArgumentException("segment >= 4 KiB, snapshotEvery >= 1");
  }

  /**
   * For nodes on a LAN: Ratis's usual election window, 8 MiB segments, a snapshot every 100,000
   * entries.
   */
  public static RaftTuning defaults() {
    return new RaftTuning(
        Duration.ofMillis(1000), Duration.ofMillis(2000), Duration.ofSeconds(5), 8L << 20, 100_000);
  }

  /**
   * For in-process groups on loopback: short elections, small segments and frequent snapshots so
   * that purging and snapshot installation happen within a test.
   */
  public static RaftTuning loopback() {
    // elections long enough that a loaded test machine (two cores shared by several builds)
    // does not depose a healthy leader every few seconds
    return new RaftTuning(
        Duration.ofMillis(1000), Duration.ofMillis(2000), Duration.ofSeconds(5), 16L << 10, 64);
  }
}
