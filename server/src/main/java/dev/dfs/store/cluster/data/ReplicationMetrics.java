package dev.dfs.store.cluster.data;

/**
 * Counters the replicated reader and writer feed (the observe layer adapts them to Prometheus when
 * the cluster engine is wired). Implementations are thread-safe, fast and never throw.
 */
public interface ReplicationMetrics {
  /** A replica failed a read (the reader then failed over, or ran out of replicas). */
  void readFault(String nodeId, ReplicaFault fault);

  /** A replica failed a write. */
  void writeFault(String nodeId, ReplicaFault fault);

  /** A write did not reach its quorum and failed. */
  void quorumLost();

  ReplicationMetrics NONE =
      new ReplicationMetrics() {
        @Override
        public void readFault(String nodeId, ReplicaFault fault) {}

        @Override
        public void writeFault(String nodeId, ReplicaFault fault) {}

        @Override
        public void quorumLost() {}
      };
}
