package dev.dfs.store.cluster.data;

import java.util.List;

/**
 * Where readers and writers report replicas that failed them, for a repairer to restore.
 *
 * <p>Contract: entries are hints, not facts. A repairer must re-check before acting: that metadata
 * still references the chunk (a write whose metadata never committed leaves orphans, not damage),
 * that the node's copy is really missing or damaged (an UNREACHABLE node may be back), and which
 * replicas are healthy to copy from. {@link #report} never blocks and never throws; reporting the
 * same (chunk, node) again while queued keeps one entry. The queue may drop reports when full (a
 * periodic scrub finds what is lost); {@link #dropped} counts them. Implementations are
 * thread-safe.
 */
public interface RepairQueue {
  void report(RepairRequest request);

  /** Removes and returns up to {@code max} entries, oldest first. */
  List<RepairRequest> poll(int max);

  int size();

  /** Reports dropped because the queue was full. */
  long dropped();
}
