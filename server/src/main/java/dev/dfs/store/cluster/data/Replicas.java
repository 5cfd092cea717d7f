package dev.dfs.store.cluster.data;

import dev.dfs.store.local.ChunkVolume;

/**
 * Reaches the replicas of any node: this node's through its {@link ChunkVolume} directly, the
 * others' through a {@link ChunkClient}. Immutable and thread-safe.
 */
public final class Replicas {
  private final String localNodeId;
  private final ReplicaStore local;
  private final ChunkVolume localVolume;
  private final ChunkClient client;

  public Replicas(String localNodeId, ChunkVolume localVolume, ChunkClient client) {
    this.localNodeId = localNodeId;
    this.local = new LocalReplica(localVolume);
    this.localVolume = localVolume;
    this.client = client;
  }

  public String localNodeId() {
    return localNodeId;
  }

  /**
   * The length of {@code node}'s copy of the chunk as its file implies (-1: damaged), or empty when
   * it has none; a {@link ReplicaException} (UNREACHABLE) when the node does not answer.
   */
  public java.util.OptionalLong length(Node node, dev.dfs.store.local.ChunkId id)
      throws java.io.IOException {
    if (node.id().equals(localNodeId)) return localVolume.length(id);
    return client.head(node, id);
  }

  /** Deletes {@code node}'s copy of the chunk (a missing copy is fine). */
  public void delete(Node node, dev.dfs.store.local.ChunkId id) throws java.io.IOException {
    of(node).delete(id);
  }

  ReplicaStore of(Node node) {
    return node.id().equals(localNodeId) ? local : client.store(node);
  }
}
