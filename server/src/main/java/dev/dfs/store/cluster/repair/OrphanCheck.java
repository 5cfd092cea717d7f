package dev.dfs.store.cluster.repair;

import dev.dfs.store.local.ChunkId;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

/**
 * The last word before a chunk's replicas are removed: only a chunk that nothing references and
 * nothing can still come to reference is an orphan. That is the case when, after a read barrier (so
 * this node's metadata holds every commit acknowledged anywhere before it, and every entry of an
 * earlier term that will ever commit),
 *
 * <ul>
 *   <li>no metadata write of this node is in doubt (a commit that failed without a known outcome, a
 *       timeout or a leadership change after it was sent, may still apply and reference the chunks
 *       its writer wrote: they are kept until it resolved);
 *   <li>no writer or reader of this node has the chunk in use (a write in progress pins its chunk
 *       from before its first byte until its metadata committed);
 *   <li>the metadata references it nowhere (objects, versions, parts).
 * </ul>
 *
 * Replica sets and repair need only referenced chunks (repair copies nothing the metadata does not
 * reference after its own barrier), so an orphan is needed by none of them. Any failure (no
 * barrier: no quorum) answers "keep". Thread-safe.
 */
public final class OrphanCheck {
  private final ChunkCatalog catalog;
  private final BooleanSupplier commitsInDoubt;
  private final Predicate<ChunkId> inUse;
  private final AtomicLong kept = new AtomicLong();

  /**
   * @param commitsInDoubt whether a metadata write of this node has an unknown outcome now
   * @param inUse whether a writer or reader of this node has the chunk pinned
   */
  public OrphanCheck(
      ChunkCatalog catalog, BooleanSupplier commitsInDoubt, Predicate<ChunkId> inUse) {
    this.catalog = catalog;
    this.commitsInDoubt = commitsInDoubt;
    this.inUse = inUse;
  }

  /**
   * Whether the replicas of {@code id} may be removed now: a read barrier, then {@link #orphanNow}.
   * False (keep) on any failure. A chunk kept here is counted ({@link #kept}): a delete asked for
   * by a writer whose commit in fact applied, or by a stale hint.
   */
  public boolean mayRemove(ChunkId id) {
    boolean orphan;
    try {
      catalog.readBarrier();
      orphan = orphanNow(id);
    } catch (IOException | RuntimeException e) {
      orphan = false;
    }
    if (!orphan) kept.incrementAndGet();
    return orphan;
  }

  /** The check without its barrier: the caller made one since the chunk was listed. */
  boolean orphanNow(ChunkId id) throws IOException {
    if (commitsInDoubt.getAsBoolean() || inUse.test(id)) return false;
    return catalog.length(id).isEmpty();
  }

  /**
   * Removals {@link #mayRemove} refused since start (the chunk was referenced, in use or in doubt).
   */
  public long kept() {
    return kept.get();
  }
}
