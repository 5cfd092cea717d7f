package dev.dfs.store.cluster.repair;

import dev.dfs.store.ClusterAdmin;
import dev.dfs.store.cluster.data.Node;
import dev.dfs.store.cluster.data.NodeState;
import dev.dfs.store.local.ChunkId;
import dev.dfs.store.local.ChunkVolume.StoredChunk;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;

/**
 * How far a node's drain is: every chunk the node holds that the metadata references (after a read
 * barrier) must be on each of its owners now (the placement without the draining node), with the
 * metadata's length. One pass over the node's listing, 1,000 ids a page, each page merged with the
 * owners' listings of the same id range (as the full pass does). Orphans it holds do not count:
 * they are the sweep's. Thread-safe (no state).
 */
public final class DrainScan {
  private static final int PAGE = 1_000;

  private final NodeListing listing;
  private final ChunkCatalog catalog;
  private final ReplicaOwners owners;

  public DrainScan(NodeListing listing, ChunkCatalog catalog, ReplicaOwners owners) {
    this.listing = listing;
    this.catalog = catalog;
    this.owners = owners;
  }

  /** Scans {@code node}'s chunks; safe to remove when it is draining and none is to go. */
  public ClusterAdmin.Drain scan(Node node) throws IOException {
    catalog.readBarrier();
    long held = 0;
    long toGo = 0;
    long bytes = 0;
    ChunkId after = null;
    while (true) {
      List<StoredChunk> page = listing.list(node, after, PAGE);
      if (page.isEmpty()) break;
      ChunkId last = page.get(page.size() - 1).id();
      Map<String, Map<ChunkId, Long>> others = new HashMap<>();
      for (StoredChunk c : page) {
        OptionalLong length = catalog.length(c.id());
        if (length.isEmpty()) continue;
        held++;
        if (!onEveryOwner(node, c.id(), length.getAsLong(), after, last, others)) {
          toGo++;
          bytes += length.getAsLong();
        }
      }
      if (page.size() < PAGE) break;
      after = last;
    }
    return new ClusterAdmin.Drain(
        node.id(), held, toGo, bytes, node.state() == NodeState.DRAINING && toGo == 0);
  }

  private boolean onEveryOwner(
      Node drained,
      ChunkId id,
      long length,
      @Nullable ChunkId after,
      ChunkId last,
      Map<String, Map<ChunkId, Long>> others) {
    List<Node> owning =
        owners.ownersOf(id).stream().filter(n -> !n.id().equals(drained.id())).toList();
    if (owning.isEmpty()) return false;
    for (Node owner : owning) {
      Map<ChunkId, Long> h =
          others.computeIfAbsent(
              owner.id(),
              k -> {
                Map<ChunkId, Long> got = FullPass.holdings(listing, owner, after, last);
                return got == null ? Map.of() : got;
              });
      Long has = h.get(id);
      if (has == null || has != length) return false;
    }
    return true;
  }
}
