package dev.dfs.server;

import dev.dfs.observe.Observability;
import dev.dfs.store.ClusterAdmin;
import dev.dfs.store.ClusterLayout;
import dev.dfs.store.ClusterStatus;
import dev.dfs.store.ClusterView;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Exposes a clustered engine's {@link ClusterView} on {@code /metrics} as {@code dfs_cluster_*}:
 * role, term and log indexes of this node, members by role and health, replication lag per member,
 * under-replicated chunks, and the view's counters. Registered only when the engine has a cluster,
 * so a local server's exposition is unchanged. Every value is read from {@link
 * ClusterView#status()} at scrape time (the view promises it is cheap); nothing is copied or cached
 * here.
 */
final class ClusterMetrics {
  private ClusterMetrics() {}

  static void register(Observability observe, ClusterView view) {
    registerNode(observe, view);
    registerMembers(observe, view);
    registerCounters(observe, view);
    registerRepair(observe, view);
    registerLayout(observe, view);
  }

  /**
   * The layout's version and the rebalance: what is left of the move under way (0 while settled),
   * and what the current move did so far or, once settled, what the last move did (as {@code
   * layout.lastRebalance} in the API), plus totals over the moves this process saw. Registered only
   * where a layout is kept.
   */
  private static void registerLayout(Observability observe, ClusterView view) {
    if (view.admin().isEmpty()) return;
    ClusterAdmin admin = view.admin().get();
    observe.gauge(
        "dfs_cluster_layout_version",
        "Newest applied data layout version",
        () -> layout(admin, ClusterLayout::version));
    observe.gauge(
        "dfs_cluster_layout_active_versions",
        "Layout versions still active (more than 1 while data moves)",
        () -> layout(admin, l -> l.activeVersions().size()));
    observe.gauge(
        "dfs_cluster_rebalance_chunks_to_go",
        "Chunks the rebalance to the newest layout still has to move (0 once settled)",
        () -> layout(admin, l -> l.rebalance().chunksToGo()));
    observe.gauge(
        "dfs_cluster_rebalance_bytes_to_go",
        "Bytes the rebalance to the newest layout still has to move (0 once settled)",
        () -> layout(admin, l -> l.rebalance().bytesToGo()));
    registerLastRebalance(observe, admin);
  }

  /** The current move's figures, else the last move's; and the totals. */
  private static void registerLastRebalance(Observability observe, ClusterAdmin admin) {
    observe.gauge(
        "dfs_cluster_rebalance_moving",
        "1 while data moves to the newest layout, else 0",
        () -> layout(admin, l -> l.rebalance().moving() ? 1 : 0));
    observe.gauge(
        "dfs_cluster_rebalance_version",
        "Layout version the current or last rebalance moved data to (0: none yet)",
        () -> layout(admin, l -> RebalanceFigures.of(l).version()));
    observe.gauge(
        "dfs_cluster_rebalance_chunks_moved",
        "Chunks the current rebalance moved so far, or the last one moved",
        () -> layout(admin, l -> RebalanceFigures.of(l).chunksMoved()));
    observe.gauge(
        "dfs_cluster_rebalance_bytes_moved",
        "Bytes the current rebalance moved so far, or the last one moved",
        () -> layout(admin, l -> RebalanceFigures.of(l).bytesMoved()));
    observe.gauge(
        "dfs_cluster_rebalance_bytes_per_second",
        "Current rebalance: bytes per second since its apply; settled: the last one's average",
        () -> layout(admin, l -> RebalanceFigures.of(l).bytesPerSecond()));
    RebalanceFigures.Totals totals = new RebalanceFigures.Totals();
    observe.counter(
        "dfs_cluster_rebalance_chunks_total",
        "Chunks the rebalances seen by this process moved",
        () -> totals.chunks(figures(admin)));
    observe.counter(
        "dfs_cluster_rebalance_bytes_total",
        "Bytes the rebalances seen by this process moved",
        () -> totals.bytes(figures(admin)));
  }

  /** The rebalance figures now; none when the layout cannot be read (the totals stay). */
  private static RebalanceFigures figures(ClusterAdmin admin) {
    try {
      return RebalanceFigures.of(admin.layoutStatus());
    } catch (RuntimeException e) {
      return RebalanceFigures.NONE;
    }
  }

  /** {@code value} of the layout now; NaN when it cannot be read (the scrape goes on). */
  private static double layout(
      ClusterAdmin admin, java.util.function.ToDoubleFunction<ClusterLayout> value) {
    try {
      return value.applyAsDouble(admin.layoutStatus());
    } catch (RuntimeException e) {
      return Double.NaN;
    }
  }

  private static void registerRepair(Observability observe, ClusterView view) {
    observe.gauge(
        "dfs_cluster_repair_chunks_to_go",
        "Replicas queued for repair on this node",
        () -> view.status().repair().chunksToGo());
    observe.gauge(
        "dfs_cluster_repair_bytes_to_go",
        "Bytes of the replicas queued for repair (estimate)",
        () -> view.status().repair().bytesToGo());
    observe.gauge(
        "dfs_cluster_repair_bytes_per_second",
        "Repair copy rate over the last minute",
        () -> view.status().repair().bytesPerSecond());
    observe.gauge(
        "dfs_cluster_repair_dead_nodes",
        "Members this node declared dead",
        () -> view.status().repair().deadNodes().size());
    observe.counter(
        "dfs_cluster_repair_chunks_total",
        "Replicas this node's repair copied",
        () -> view.status().repair().chunksRepaired());
    observe.counter(
        "dfs_cluster_repair_bytes_total",
        "Bytes this node's repair copied",
        () -> view.status().repair().bytesRepaired());
    observe.counter(
        "dfs_cluster_repair_failures_total",
        "Repair copies that failed (retried later)",
        () -> view.status().repair().repairFailures());
    observe.counter(
        "dfs_scrub_chunks_total",
        "Replicas this node's scrub read and verified",
        () -> view.status().repair().scrubbedChunks());
    observe.counter(
        "dfs_scrub_bytes_total",
        "Bytes this node's scrub read and verified",
        () -> view.status().repair().scrubbedBytes());
    registerGc(observe, view);
    observe.counter(
        "dfs_scrub_corrupt_total",
        "Replicas the scrub found damaged, quarantined and queued for repair",
        () -> view.status().repair().scrubCorrupt());
  }

  private static void registerGc(Observability observe, ClusterView view) {
    observe.counter(
        "dfs_cluster_gc_orphans_removed_total",
        "Orphan replicas the leader's sweep removed on this node's watch",
        () -> view.status().repair().gc().orphansRemoved());
    observe.counter(
        "dfs_cluster_gc_bytes_removed_total",
        "Bytes of the orphan replicas the sweep removed",
        () -> view.status().repair().gc().bytesRemoved());
    observe.counter(
        "dfs_cluster_gc_removals_kept_total",
        "Replica removals refused because the chunk was still referenced, in use or a commit was in doubt",
        () -> view.status().repair().gc().removalsKept());
    observe.counter(
        "dfs_cluster_gc_passes_total",
        "Orphan sweep passes this node completed",
        () -> view.status().repair().gc().passes());
    observe.gauge(
        "dfs_cluster_gc_suspects",
        "Replicas seen unreferenced and waiting out the grace period",
        () -> view.status().repair().gc().suspects());
  }

  private static void registerNode(Observability observe, ClusterView view) {
    observe.gauge(
        "dfs_cluster_is_leader",
        "1 when this node is the metadata leader and admits writes, else 0",
        () -> view.admitsWrites() ? 1 : 0);
    observe.gauge(
        "dfs_cluster_in_quorum",
        "1 when this node is part of a working quorum (readiness passes), else 0",
        () -> view.inQuorum() ? 1 : 0);
    observe.gauge(
        "dfs_cluster_term", "Current Raft term as this node knows it", () -> view.status().term());
    observe.gauge(
        "dfs_cluster_commit_index",
        "Highest metadata log index known committed",
        () -> view.status().commitIndex());
    observe.gauge(
        "dfs_cluster_applied_index",
        "Highest metadata log index applied to this node's metadata",
        () -> view.status().appliedIndex());
    observe.gauge(
        "dfs_cluster_under_replicated_chunks",
        "Chunks known to have fewer healthy replicas than the replication factor",
        () -> view.status().underReplicatedChunks());
    observe.gauge(
        "dfs_cluster_replication_factor",
        "Copies kept of each chunk",
        () -> view.status().replicationFactor());
  }

  private static void registerMembers(Observability observe, ClusterView view) {
    observe.gauges(
        "dfs_cluster_members",
        "Cluster members as this node sees them, by role and health (every pair, zeros included)",
        List.of("role", "health"),
        () -> membersByRoleAndHealth(view.status()));
    observe.gauges(
        "dfs_cluster_replication_lag_entries",
        "Log entries a member is behind (commit index - its match index); only members whose"
            + " match index is known (on the leader)",
        List.of("member"),
        () -> replicationLag(view.status()));
  }

  private static void registerCounters(Observability observe, ClusterView view) {
    observe.counter(
        "dfs_cluster_leader_changes_total",
        "Leader changes this node has seen",
        () -> view.status().counters().leaderChanges());
    observe.counter(
        "dfs_cluster_commits_total",
        "Metadata writes this node committed as leader",
        () -> view.status().counters().commits());
    observe.summary(
        "dfs_cluster_commit_seconds",
        "Time metadata writes took to commit on this node as leader, queueing included (count and"
            + " sum)",
        () -> view.status().counters().commits(),
        () -> view.status().counters().commitNanos() / 1e9);
    observe.counter(
        "dfs_cluster_commit_entries_total",
        "Raft log entries this node's metadata writes went into as leader (concurrent writes share"
            + " one: commits_total / commit_entries_total is the mean group size)",
        () -> view.status().counters().commitEntries());
    observe.counter(
        "dfs_cluster_forwarded_requests_total",
        "Requests this node forwarded to the leader",
        () -> view.status().counters().forwardedRequests());
    observe.counter(
        "dfs_cluster_replica_failovers_total",
        "Chunk reads that failed over to another replica",
        () -> view.status().counters().replicaFailovers());
    observe.counter(
        "dfs_cluster_read_barriers_total",
        "Read barriers this node sent (a ReadIndex and its confirmation round); reads share them",
        () -> view.status().counters().readBarriers());
    observe.counter(
        "dfs_cluster_barrier_reads_total",
        "Reads that waited for a read barrier (over dfs_cluster_read_barriers_total: reads per"
            + " barrier)",
        () -> view.status().counters().barrierReads());
  }

  /**
   * Every (role, health) pair with its member count, so a series drops to 0 instead of vanishing.
   */
  static Map<List<String>, Double> membersByRoleAndHealth(ClusterStatus status) {
    Map<List<String>, Double> out = new LinkedHashMap<>();
    for (ClusterStatus.Role role : ClusterStatus.Role.values()) {
      for (ClusterStatus.Health health : ClusterStatus.Health.values()) {
        out.put(List.of(name(role), name(health)), 0.0);
      }
    }
    for (ClusterStatus.Member m : status.members()) {
      out.merge(List.of(name(m.role()), name(m.health())), 1.0, Double::sum);
    }
    return out;
  }

  /** Member id → commit index minus its match index (never negative), for known match indexes. */
  static Map<List<String>, Double> replicationLag(ClusterStatus status) {
    Map<List<String>, Double> out = new LinkedHashMap<>();
    for (ClusterStatus.Member m : status.members()) {
      if (m.matchIndex() >= 0) {
        out.put(List.of(m.id()), (double) Math.max(0, status.commitIndex() - m.matchIndex()));
      }
    }
    return out;
  }

  private static String name(Enum<?> e) {
    return e.name().toLowerCase(Locale.ROOT);
  }
}
