package dev.dfs.store.cluster.data;

import java.util.List;
import java.util.Map;

/**
 * The outcome of a write that reached its quorum. Immutable value.
 *
 * @param length bytes written to every durable replica
 * @param durable nodes whose replica was fsynced and published when the write returned (at least
 *     the quorum)
 * @param failed nodes whose replica failed, and why (already reported for repair)
 * @param pending nodes still finishing; a later failure there is reported for repair then
 */
public record WriteResult(
    long length, List<String> durable, Map<String, ReplicaFault> failed, List<String> pending) {
  public WriteResult {
    durable = List.copyOf(durable);
    failed = Map.copyOf(failed);
    pending = List.copyOf(pending);
  }
}
