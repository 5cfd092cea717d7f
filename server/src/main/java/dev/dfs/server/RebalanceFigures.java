package dev.dfs.server;

import dev.dfs.store.ClusterLayout;
import java.time.Duration;

/**
 * The {@code dfs_cluster_rebalance_*} figures of one scrape: the move under way, or once the layout
 * settled the last one that ended ({@code lastRebalance}), so a settled cluster still shows what
 * its last rebalance did instead of zeros; and totals over the moves this process saw. Gauges read
 * {@link #of}; the totals live in a {@link Totals}, fed at each scrape. Immutable.
 *
 * @param moving whether data moves now
 * @param version the layout version the current or last move went to (0: no move yet)
 * @param chunksMoved chunks the current or last move copied
 * @param bytesMoved their bytes
 * @param bytesPerSecond the current move's rate since its apply, or the last move's average
 */
record RebalanceFigures(
    boolean moving, long version, long chunksMoved, long bytesMoved, double bytesPerSecond) {
  static final RebalanceFigures NONE = new RebalanceFigures(false, 0, 0, 0, 0);

  static RebalanceFigures of(ClusterLayout l) {
    ClusterLayout.Rebalance r = l.rebalance();
    if (r.moving()) {
      return new RebalanceFigures(
          true, l.version(), r.chunksMoved(), r.bytesMoved(), r.bytesPerSecond());
    }
    return l.lastRebalance()
        .map(
            last -> {
              double seconds =
                  Math.max(1, Duration.between(last.startedAt(), last.finishedAt()).toMillis())
                      / 1000.0;
              return new RebalanceFigures(
                  false,
                  last.version(),
                  last.chunksMoved(),
                  last.bytesMoved(),
                  last.bytesMoved() / seconds);
            })
        .orElse(NONE);
  }

  /**
   * Chunks and bytes moved, summed over the moves this process saw through its scrapes: a move's
   * figures only grow, so each scrape adds what its move gained since the last one, and a new
   * version adds its move's figures whole. Starts at zero with the process (the first scrape adds
   * the current or last move), as a counter does. A move that both starts and ends between two
   * scrapes while another one follows it is missed. Thread-safe.
   */
  static final class Totals {
    private long version = -1;
    private long chunksSeen;
    private long bytesSeen;
    private long chunks;
    private long bytes;

    /** Adds what {@code now} moved since the last call and returns the chunk total. */
    synchronized long chunks(RebalanceFigures now) {
      add(now);
      return chunks;
    }

    /** Adds what {@code now} moved since the last call and returns the byte total. */
    synchronized long bytes(RebalanceFigures now) {
      add(now);
      return bytes;
    }

    private void add(RebalanceFigures now) {
      if (now.version() == 0) return;
      if (now.version() != version) {
        version = now.version();
        chunksSeen = 0;
        bytesSeen = 0;
      }
      chunks += Math.max(0, now.chunksMoved() - chunksSeen);
      bytes += Math.max(0, now.bytesMoved() - bytesSeen);
      chunksSeen = Math.max(chunksSeen, now.chunksMoved());
      bytesSeen = Math.max(bytesSeen, now.bytesMoved());
    }
  }
}
