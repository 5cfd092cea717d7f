package dev.dfs.store.cluster.repair;

import dev.dfs.store.cluster.data.Node;
import dev.dfs.store.cluster.data.ReplicaCopier;
import dev.dfs.store.cluster.data.ReplicaException;
import dev.dfs.store.cluster.data.ReplicaFault;
import dev.dfs.store.local.ChunkId;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings one chunk back to its owners: asks every owner ({@link ReplicaOwners}) for the length of
 * its copy, treats an owner whose copy is absent, of another length than the metadata's, or
 * reported damaged as a target, and copies to each target from a healthy source (an owner whose
 * copy has the right length, then former owners), through {@link ReplicaCopier}'s verified read. A
 * chunk the metadata no longer references is left alone (it is the sweeper's). Thread-safe (no
 * state but its collaborators).
 */
final class ChunkRepair {
  private static final Logger log = LoggerFactory.getLogger(ChunkRepair.class);

  /** What became of a chunk: done (or nothing to do), or to be tried again later. */
  enum Outcome {
    DONE,
    RETRY
  }

  private final ReplicaOwners owners;
  private final ReplicaCopier copier;
  private final ByteThrottle throttle;
  private final RepairProgress progress;

  ChunkRepair(
      ReplicaOwners owners, ReplicaCopier copier, ByteThrottle throttle, RepairProgress progress) {
    this.owners = owners;
    this.copier = copier;
    this.throttle = throttle;
    this.progress = progress;
  }

  /**
   * Repairs chunk {@code id} of {@code length} bytes (per the metadata); {@code suspect}: ids of
   * nodes whose copy was reported damaged (overwritten even if its length looks right).
   */
  Outcome repair(ChunkId id, long length, Set<String> suspect) throws InterruptedIOException {
    List<Node> targets = new ArrayList<>();
    List<Node> sources = new ArrayList<>();
    List<Node> lastResort =
        new ArrayList<>(); // reported damaged, length right: the verified read decides
    boolean unknown = false;
    for (Node n : owners.ownersOf(id)) {
      Boolean good = holdsIntact(n, id, length);
      if (good == null) {
        unknown = true;
      } else if (good && !suspect.contains(n.id())) {
        sources.add(n);
      } else {
        targets.add(n);
        if (good) lastResort.add(n);
      }
    }
    if (targets.isEmpty()) return unknown ? Outcome.RETRY : Outcome.DONE;
    for (Node n : owners.formerOwners(id)) {
      if (Boolean.TRUE.equals(holdsIntact(n, id, length))) sources.add(n);
    }
    sources.addAll(lastResort);
    boolean allCopied = true;
    for (Node target : targets) allCopied &= copyTo(id, length, target, sources);
    return allCopied && !unknown ? Outcome.DONE : Outcome.RETRY;
  }

  /** Whether {@code n}'s copy has the metadata's length; null when {@code n} did not answer. */
  private @Nullable Boolean holdsIntact(Node n, ChunkId id, long length) {
    try {
      OptionalLong l = copier.length(n, id);
      return l.isPresent() && l.getAsLong() == length;
    } catch (IOException e) {
      return null;
    }
  }

  private boolean copyTo(ChunkId id, long length, Node target, List<Node> sources)
      throws InterruptedIOException {
    for (Node source : sources) {
      if (source.equals(target)) continue;
      try {
        copier.copy(
            id,
            length,
            source,
            target,
            n -> {
              try {
                throttle.acquire(n);
              } catch (InterruptedIOException e) {
                throw new UncheckedIOException(e);
              }
            });
        progress.copied(length);
        log.debug("chunk {} copied from {} to {}", id, source.id(), target.id());
        return true;
      } catch (UncheckedIOException e) {
        throw (InterruptedIOException) e.getCause();
      } catch (IOException e) {
        progress.failed();
        if (e instanceof ReplicaException re && re.fault() == ReplicaFault.WRITE_FAILED)
          return false;
        log.debug(
            "chunk {}: source {} failed ({}), trying the next", id, source.id(), e.toString());
      }
    }
    return false;
  }
}
