package dev.dfs.store.cluster.repair;

import dev.dfs.store.cluster.data.Node;
import dev.dfs.store.local.ChunkId;
import java.util.List;

/**
 * Who should hold a chunk now: the one question repair, writes and reads ask of placement. {@link
 * LiveOwners} answers it from rendezvous placement over the active layout versions' nodes not
 * declared dead. Implementations are thread-safe.
 */
public interface ReplicaOwners {
  /**
   * The nodes that should hold chunk {@code id} now, best first (at most the replication factor).
   */
  List<Node> ownersOf(ChunkId id);

  /**
   * Every node that may hold a copy of chunk {@code id} although it is not an owner now (a node
   * that owned it before a node died or returned), best first: where reads look when no owner can
   * serve, and repair finds a source.
   */
  List<Node> formerOwners(ChunkId id);

  /**
   * Where a new copy of chunk {@code id} is written: the owners now, then (while data moves to a
   * new layout version) the owners under every older active version, each node once. Reads find the
   * chunk on the new owners, and on the old ones until the old version is retired.
   */
  default List<Node> writeTargets(ChunkId id) {
    return ownersOf(id);
  }
}
