package dev.dfs.store.cluster.data;

import dev.dfs.store.local.ChunkId;
import dev.dfs.util.BodyException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Streams one body to the replicas of a chunk in parallel and returns once a write quorum of them
 * is durable (fsynced and published on their node).
 *
 * <p>The body is read once, in blocks of {@link #BLOCK} bytes; each block goes by reference to
 * every replica's {@link ReplicaPump}, which holds at most {@link #QUEUE_DEPTH} blocks, so memory
 * per write is bounded by (replicas × depth + 1) blocks whatever the body's size, and the body is
 * read no faster than the slowest healthy replica takes it. A replica that fails drops out; as soon
 * as fewer than the quorum remain, every replica is aborted and {@link QuorumNotReachedException}
 * is thrown (a dead node fails its connect at once, so this is fast). A failure of the body itself
 * (client gone, incomplete) aborts every replica and is rethrown as it was.
 *
 * <p>Nothing here commits metadata: the caller commits only after this returns, so a write that
 * fails leaves at most unreferenced replicas (deleted here when they completed, else temp files),
 * never a committed chunk. Failed replicas of a successful write are reported to the {@link
 * RepairQueue}. Thread-safe; each call uses its own threads.
 */
public final class ReplicatedWriter {
  private static final org.slf4j.Logger log =
      org.slf4j.LoggerFactory.getLogger(ReplicatedWriter.class);

  /** Bytes per block handed to the replicas. */
  public static final int BLOCK = 256 * 1024;

  /** Blocks a replica may fall behind before the writer waits for it. */
  public static final int QUEUE_DEPTH = 4;

  private final Replicas replicas;
  private final int quorum;
  private final RepairQueue repairs;
  private final ReplicationMetrics metrics;
  private final Clock clock;

  public ReplicatedWriter(
      Replicas replicas, int quorum, RepairQueue repairs, ReplicationMetrics metrics, Clock clock) {
    if (quorum < 1) throw new IllegalArgumentException("quorum < 1");
    this.replicas = replicas;
    this.quorum = quorum;
    this.repairs = repairs;
    this.metrics = metrics;
    this.clock = clock;
  }

  /**
   * Writes {@code size} bytes of {@code body} (negative: to its end) as chunk {@code id} on {@code
   * targets} (the placement's replica set).
   *
   * @throws QuorumNotReachedException fewer than the quorum of replicas could be written
   * @throws BodyException INCOMPLETE_BODY if the body ended before {@code size} bytes
   * @throws IOException reading the body failed
   */
  public WriteResult write(ChunkId id, InputStream body, long size, List<Node> targets)
      throws IOException {
    if (targets.size() < quorum) {
      metrics.quorumLost();
      throw new QuorumNotReachedException(quorum, 0, Map.of());
    }
    LinkedBlockingQueue<ReplicaPump.Outcome> outcomes = new LinkedBlockingQueue<>();
    AtomicBoolean acknowledged = new AtomicBoolean();
    List<ReplicaPump> pumps = new ArrayList<>(targets.size());
    for (Node n : targets) {
      pumps.add(
          ReplicaPump.start(
              n,
              replicas.of(n),
              id,
              size,
              QUEUE_DEPTH,
              o -> {
                outcomes.add(o);
                if (o.fault() != null) {
                  log.warn(
                      "replica {} of chunk {} failed: {}",
                      o.node().id(),
                      id,
                      String.valueOf(o.error()));
                  metrics.writeFault(o.node().id(), o.fault());
                  if (acknowledged.get())
                    report(id, o.node().id(), o.fault()); // after the write returned
                }
              }));
    }
    Progress progress = new Progress();
    boolean ok = false;
    try {
      long length = feed(body, size, pumps, progress, outcomes);
      awaitQuorum(targets, progress, outcomes);
      acknowledged.set(true);
      for (ReplicaPump.Outcome o; (o = outcomes.poll()) != null; ) progress.record(o); // raced
      progress.failed.forEach((node, fault) -> report(id, node, fault));
      ok = true;
      return new WriteResult(length, progress.durable, progress.failed, pending(targets, progress));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while writing chunk " + id);
    } finally {
      if (!ok) abandon(id, pumps, outcomes, progress);
    }
  }

  /** How long a lost quorum waits for the outcomes of pumps that already failed. */
  private static final long OUTCOME_WAIT_NANOS = TimeUnit.SECONDS.toNanos(1);

  /** Durable and failed replicas seen so far. Used by the writing thread only. */
  private static final class Progress {
    final List<String> durable = new ArrayList<>();
    final Map<String, ReplicaFault> failed = new HashMap<>();

    void record(ReplicaPump.Outcome o) {
      if (o.fault() == null) durable.add(o.node().id());
      else failed.put(o.node().id(), o.fault());
    }
  }

  private long feed(
      InputStream body,
      long size,
      List<ReplicaPump> pumps,
      Progress progress,
      LinkedBlockingQueue<ReplicaPump.Outcome> outcomes)
      throws IOException, InterruptedException {
    long total = 0;
    while (size < 0 || total < size) {
      int want = size < 0 ? BLOCK : (int) Math.min(BLOCK, size - total);
      byte[] block = new byte[want];
      int n = body.readNBytes(block, 0, want);
      total += n;
      if (n > 0) {
        for (ReplicaPump p : pumps) p.send(block, n);
      }
      requireQuorum(pumps, progress, outcomes);
      if (n < want) break;
    }
    if (size >= 0 && total < size) {
      throw new BodyException(
          BodyException.Fault.INCOMPLETE_BODY,
          "body ended after " + total + " of " + size + " bytes");
    }
    for (ReplicaPump p : pumps) p.finish();
    return total;
  }

  private void requireQuorum(
      List<ReplicaPump> pumps, Progress progress, LinkedBlockingQueue<ReplicaPump.Outcome> outcomes)
      throws QuorumNotReachedException, InterruptedException {
    int live = 0;
    for (ReplicaPump p : pumps) if (!p.failed()) live++;
    if (live >= quorum) return;
    // A pump marks itself failed just before it queues its outcome: wait (briefly) for the
    // outcomes of every failed pump, so the exception names each replica that failed.
    int failedPumps = pumps.size() - live;
    long deadline = System.nanoTime() + OUTCOME_WAIT_NANOS;
    while (progress.failed.size() < failedPumps) {
      long left = deadline - System.nanoTime();
      ReplicaPump.Outcome o = left > 0 ? outcomes.poll(left, TimeUnit.NANOSECONDS) : null;
      if (o == null) break;
      progress.record(o);
    }
    metrics.quorumLost();
    throw new QuorumNotReachedException(quorum, 0, progress.failed);
  }

  private void awaitQuorum(
      List<Node> targets, Progress progress, LinkedBlockingQueue<ReplicaPump.Outcome> outcomes)
      throws IOException, InterruptedException {
    while (progress.durable.size() < quorum) {
      if (targets.size() - progress.failed.size() < quorum) {
        metrics.quorumLost();
        throw new QuorumNotReachedException(quorum, progress.durable.size(), progress.failed);
      }
      progress.record(outcomes.take());
    }
  }

  private static List<String> pending(List<Node> targets, Progress progress) {
    List<String> out = new ArrayList<>();
    for (Node n : targets) {
      if (!progress.durable.contains(n.id()) && !progress.failed.containsKey(n.id()))
        out.add(n.id());
    }
    return out;
  }

  /**
   * The write failed: stops every replica and removes those that had already completed, so the
   * failed write leaves as little as possible (anything left is an orphan).
   */
  private void abandon(
      ChunkId id,
      List<ReplicaPump> pumps,
      LinkedBlockingQueue<ReplicaPump.Outcome> outcomes,
      Progress progress) {
    pumps.forEach(ReplicaPump::abort);
    Thread.ofVirtual()
        .name("chunk-abandon")
        .start(
            () -> {
              List<String> completed = new ArrayList<>(progress.durable);
              try {
                for (int seen = progress.durable.size() + progress.failed.size();
                    seen < pumps.size();
                    seen++) {
                  ReplicaPump.Outcome o = outcomes.take();
                  if (o.fault() == null) completed.add(o.node().id());
                }
              } catch (InterruptedException e) {
                return; // nothing waits for this cleanup
              }
              for (ReplicaPump p : pumps) {
                if (!completed.contains(p.node().id())) continue;
                try {
                  replicas.of(p.node()).delete(id);
                } catch (IOException e) {
                  // an orphan, which the sweep removes later
                }
              }
            });
  }

  private void report(ChunkId id, String nodeId, ReplicaFault fault) {
    repairs.report(new RepairRequest(id, nodeId, fault, clock.instant()));
  }
}
