package dev.dfs.store.cluster;

import dev.dfs.store.StoreError;
import dev.dfs.store.StoreException;
import dev.dfs.store.cluster.data.ChunkClient;
import dev.dfs.store.cluster.data.ChunkUnavailableException;
import dev.dfs.store.cluster.data.Node;
import dev.dfs.store.cluster.data.QuorumNotReachedException;
import dev.dfs.store.cluster.data.ReplicaFault;
import dev.dfs.store.cluster.data.ReplicatedReader;
import dev.dfs.store.cluster.data.ReplicatedWriter;
import dev.dfs.store.cluster.repair.ReplicaOwners;
import dev.dfs.store.local.ChunkBackend;
import dev.dfs.store.local.ChunkId;
import dev.dfs.store.local.ChunkVolume;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store's {@link ChunkBackend} on a cluster: each chunk on the owners {@link ReplicaOwners}
 * gives it ({@code rf} live nodes of its placement; while data moves to a new layout version, the
 * owners under every active version), written by the {@link ReplicatedWriter} (acknowledged at the
 * write quorum) and read by the {@link ReplicatedReader} (nearest healthy replica first, failover
 * on a missing or damaged copy, damage recorded for repair).
 *
 * <p>Errors: a write that reaches fewer than the quorum is {@link StoreError#UNAVAILABLE} (503;
 * nothing was acknowledged); a read no replica can serve is CORRUPT_DATA when every replica
 * answered that its copy is missing or damaged, else UNAVAILABLE (some were unreachable). When no
 * owner can serve a read, the former owners are tried (a node that held the chunk before a node
 * died or came back, until repair has copied it to the new owners).
 *
 * <p>Deletes: the replicas of a chunk are removed after a grace delay (so a read that a follower
 * started just before the delete committed can still finish), and then only if the {@code
 * removable} check (an {@link dev.dfs.store.cluster.repair.OrphanCheck}) confirms that nothing
 * references it: a writer whose metadata commit failed without a known outcome asks for its chunk's
 * removal, yet the commit may have applied, and then the chunk is kept. Best effort: a refusal, a
 * failure or a stop in between leaves the replicas to the leader's orphan sweep. Thread-safe.
 */
final class ReplicaBackend implements ChunkBackend, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ReplicaBackend.class);

  private final String selfId;
  private final ChunkVolume volume;
  private final ChunkClient client;
  private final ReplicaOwners owners;
  private final ReplicatedWriter writer;
  private final ReplicatedReader reader;
  private final Duration deleteGrace;
  private final Predicate<ChunkId> removable;
  private final ScheduledExecutorService deleter =
      Executors.newSingleThreadScheduledExecutor(
          Thread.ofPlatform().daemon().name("dfs-replica-delete").factory());

  ReplicaBackend(
      String selfId,
      ChunkVolume volume,
      ChunkClient client,
      ReplicaOwners owners,
      ReplicatedWriter writer,
      ReplicatedReader reader,
      Duration deleteGrace,
      Predicate<ChunkId> removable) {
    this.removable = removable;
    this.selfId = selfId;
    this.volume = volume;
    this.client = client;
    this.owners = owners;
    this.writer = writer;
    this.reader = reader;
    this.deleteGrace = deleteGrace;
  }

  /** The replica set of {@code id}, best first. */
  List<Node> replicas(ChunkId id) {
    return owners.ownersOf(id);
  }

  @Override
  public void write(ChunkId id, InputStream body, long size) throws IOException {
    try {
      writer.write(id, body, size, owners.writeTargets(id)); // while data moves: old and new owners
    } catch (QuorumNotReachedException e) {
      throw new StoreException(
          StoreError.UNAVAILABLE,
          "too few storage nodes answered to store the data (" + e.getMessage() + ")");
    }
  }

  @Override
  public InputStream read(ChunkId id, long length, long offset, long count) throws IOException {
    try {
      return openAnywhere(id, length, offset, count);
    } catch (ChunkUnavailableException e) {
      boolean allAnswered =
          !e.failures().isEmpty()
              && e.failures().values().stream()
                  .allMatch(f -> f == ReplicaFault.MISSING || f == ReplicaFault.DAMAGED);
      throw new StoreException(
          allAnswered ? StoreError.CORRUPT_DATA : StoreError.UNAVAILABLE, e.getMessage());
    }
  }

  /** From the owners, else from the former owners (a copy repair has not moved yet). */
  private InputStream openAnywhere(ChunkId id, long length, long offset, long count)
      throws IOException {
    try {
      return reader.open(id, length, offset, count, replicas(id));
    } catch (ChunkUnavailableException e) {
      List<Node> former = owners.formerOwners(id);
      if (former.isEmpty()) throw e;
      try {
        return reader.open(id, length, offset, count, former);
      } catch (ChunkUnavailableException e2) {
        java.util.Map<String, ReplicaFault> all = new java.util.LinkedHashMap<>(e.failures());
        all.putAll(e2.failures());
        throw new ChunkUnavailableException(id.hex(), all);
      }
    }
  }

  @Override
  public void delete(ChunkId id) {
    try {
      // fire and forget: a failed removal leaves an orphan for the repair scan
      Future<?> unused =
          deleter.schedule(() -> removeReplicas(id), deleteGrace.toMillis(), TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      // stopping: the replicas stay as orphans
    }
  }

  private void removeReplicas(ChunkId id) {
    if (!removable.test(id)) {
      log.debug(
          "chunk {} is still referenced, in use or in doubt: kept (the orphan sweep decides later)",
          id);
      return;
    }
    List<Node> all = new java.util.ArrayList<>(replicas(id));
    all.addAll(owners.formerOwners(id));
    for (Node n : all) {
      try {
        if (n.id().equals(selfId)) {
          volume.delete(id);
        } else {
          client.delete(n, id);
        }
      } catch (IOException | RuntimeException e) {
        log.debug(
            "replica of chunk {} on {} not deleted (left as an orphan): {}",
            id,
            n.id(),
            e.toString());
      }
    }
  }

  /** Stops the delete timer; deletes still waiting are dropped (their replicas stay as orphans). */
  @Override
  public void close() {
    deleter.shutdownNow();
  }
}
