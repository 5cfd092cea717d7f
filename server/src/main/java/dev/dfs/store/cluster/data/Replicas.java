package dev.dfs.store.cluster.data;

import dev.dfs.store.local.ChunkVolume;

/**
 * Reaches the replicas of any node: this node's through its {@link ChunkVolume} directly, the
 * others' through a {@link ChunkClient}. Immutable and thread-safe.
 */
public final class Replicas {
  private final String localNodeId;
  private final ReplicaStore local;
  private final ChunkClient client;

  public Replicas(String localNodeId, ChunkVolume localVolume, ChunkClient client) {
    this.localNodeId = localNodeId;
    this.local = localVolume == null ? null : new LocalReplica(localVolume);
    this.client = client;
  }

  public String localNodeId() {
    return localNodeId;
  }

  ReplicaStore of(Node node) {
    return node.id().equals(localNodeId) && local != null ? local : client.store(node);
  }
}
