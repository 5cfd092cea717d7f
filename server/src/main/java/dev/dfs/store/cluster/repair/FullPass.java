package dev.dfs.store.cluster.repair;

import dev.dfs.store.cluster.data.Node;
import dev.dfs.store.cluster.data.RepairRequest;
import dev.dfs.store.cluster.data.ReplicaFault;
import dev.dfs.store.local.ChunkId;
import dev.dfs.store.local.ChunkVolume.StoredChunk;
import java.io.IOException;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One step of the leader's full pass: the next batch of referenced chunks (id order, after the
 * cursor) compared with what each owner holds, by a merge of the catalog with each node's listing
 * over the same id range (one listing request per node and 1,000 ids, not one request per replica).
 * An owner whose listing lacks the chunk, or lists it with another length than the metadata's, gets
 * a repair entry with the chunk's length. A node that does not answer its listing is skipped for
 * this batch (its chunks are checked in the next pass; a node down for long is declared dead and
 * stops being an owner). Not thread-safe (the worker's thread).
 */
final class FullPass {
  static final int BATCH = 1_000;
  private static final int PAGE = 1_000;

  private final ChunkCatalog catalog;
  private final ReplicaOwners owners;
  private final NodeListing listing;
  private final DurableRepairQueue queue;
  private final Clock clock;
  private final OrphanSweep.Remover remover;
  private long missed;
  private long trimmed;
  private long trimmedBytes;

  FullPass(
      ChunkCatalog catalog,
      ReplicaOwners owners,
      NodeListing listing,
      DurableRepairQueue queue,
      Clock clock,
      OrphanSweep.Remover remover) {
    this.remover = remover;
    this.catalog = catalog;
    this.owners = owners;
    this.listing = listing;
    this.queue = queue;
    this.clock = clock;
  }

  /** Starts counting a new pass's misses. */
  void startPass() {
    missed = 0;
  }

  /** Whether every owner of every chunk answered and held it in this pass so far. */
  boolean clean() {
    return missed == 0;
  }

  /** Extra copies removed since this node started, and their bytes. */
  long[] trimmed() {
    return new long[] {trimmed, trimmedBytes};
  }

  /**
   * Checks the referenced chunks after {@code after} on {@code nodes} (removing extra copies when
   * {@code trim}); returns the last id checked, or null when none is left (the pass is over).
   */
  @Nullable ChunkId step(@Nullable ChunkId after, List<Node> nodes, boolean trim)
      throws IOException {
    List<StoredChunk> batch = catalog.referenced(after, BATCH);
    if (batch.isEmpty()) return null;
    ChunkId last = batch.get(batch.size() - 1).id();
    Map<String, Held> held = new HashMap<>();
    for (Node n : nodes) {
      Map<ChunkId, Long> h = holdings(listing, n, after, last);
      if (h != null) held.put(n.id(), new Held(n, h));
    }
    for (StoredChunk c : batch) {
      List<Node> owning = owners.ownersOf(c.id());
      boolean complete = true;
      for (Node owner : owning) {
        Held h = held.get(owner.id());
        Long len = h == null ? null : h.chunks().get(c.id());
        if (len != null && len == c.length()) continue;
        complete = false;
        if (h == null) continue;
        ReplicaFault fault = len == null ? ReplicaFault.MISSING : ReplicaFault.DAMAGED;
        queue.report(new RepairRequest(c.id(), owner.id(), fault, clock.instant()), c.length());
      }
      if (!complete) missed++;
      if (complete && trim) trimExtra(c, owning, held.values());
    }
    return last;
  }

  /** A node that answered its listing, and its chunks in the batch's range with their lengths. */
  private record Held(Node node, Map<ChunkId, Long> chunks) {}

  private void trimExtra(StoredChunk c, List<Node> owning, java.util.Collection<Held> held) {
    List<String> keep = new java.util.ArrayList<>(owning.stream().map(Node::id).toList());
    owners.formerOwners(c.id()).forEach(n -> keep.add(n.id()));
    for (Held h : held) {
      Long length = h.chunks().get(c.id());
      if (keep.contains(h.node().id()) || length == null) continue;
      try {
        remover.remove(h.node(), c.id());
        trimmed++;
        trimmedBytes += length;
      } catch (IOException | RuntimeException ex) {
        // left for the next pass
      }
    }
  }

  /** {@code n}'s chunks in (after, last] with their lengths, or null when it did not answer. */
  static @Nullable Map<ChunkId, Long> holdings(
      NodeListing listing, Node n, @Nullable ChunkId after, ChunkId last) {
    Map<ChunkId, Long> out = new HashMap<>();
    ChunkId from = after;
    try {
      while (true) {
        List<StoredChunk> page = listing.list(n, from, PAGE);
        for (StoredChunk c : page) {
          if (compare(c.id(), last) > 0) return out;
          out.put(c.id(), c.length());
        }
        if (page.size() < PAGE) return out;
        from = page.get(page.size() - 1).id();
      }
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /** Id order: unsigned, high half first (the byte and hex order). */
  static int compare(ChunkId a, ChunkId b) {
    int hi = Long.compareUnsigned(a.hi(), b.hi());
    return hi != 0 ? hi : Long.compareUnsigned(a.lo(), b.lo());
  }
}
