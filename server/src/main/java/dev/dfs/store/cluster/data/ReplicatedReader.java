package dev.dfs.store.cluster.data;

import dev.dfs.store.local.ChunkId;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Reads a byte range of a chunk from its replicas: the nearest first (this node, then nodes of this
 * node's zone, then the rest, each group in placement order, suspect nodes last), failing over to
 * the next on a missing replica, a damaged one, or a transport failure, including in the middle of
 * the stream. Failover resumes at the first byte not yet handed out: every byte handed out was
 * verified (block CRCs on the serving node, frame CRCs on the wire), so the bytes from the next
 * replica continue the same content. Each failure is reported to the {@link RepairQueue} and
 * counted in {@link ReplicationMetrics}. Thread-safe; the streams it returns are not.
 */
public final class ReplicatedReader {
  private final Replicas replicas;
  private final @Nullable String localZone;
  private final NodeHealth health;
  private final RepairQueue repairs;
  private final ReplicationMetrics metrics;
  private final Clock clock;

  /**
   * @param localZone this node's zone (null: none), to prefer replicas near it
   */
  public ReplicatedReader(
      Replicas replicas,
      @Nullable String localZone,
      NodeHealth health,
      RepairQueue repairs,
      ReplicationMetrics metrics,
      Clock clock) {
    this.replicas = replicas;
    this.localZone = localZone;
    this.health = health;
    this.repairs = repairs;
    this.metrics = metrics;
    this.clock = clock;
  }

  /**
   * Opens {@code count} bytes at {@code offset} of chunk {@code id} (of {@code length} bytes) held
   * by {@code replicaSet}. The first replica that can serve is opened before this returns, so a
   * chunk no replica has fails here, before a caller has sent anything.
   *
   * @throws ChunkUnavailableException no replica could serve the range
   */
  public InputStream open(ChunkId id, long length, long offset, long count, List<Node> replicaSet)
      throws IOException {
    if (offset < 0 || count < 0 || offset + count > length) {
      throw new IllegalArgumentException(
          "range " + offset + "+" + count + " outside chunk of " + length);
    }
    FailoverStream s = new FailoverStream(this, id, length, offset, count, order(replicaSet));
    s.advance();
    return s;
  }

  /** Nearest first; stable, so placement order breaks ties. */
  List<Node> order(List<Node> replicaSet) {
    List<Node> out = new ArrayList<>(replicaSet);
    out.removeIf(n -> n.state() == NodeState.RETIRED);
    out.sort(Comparator.comparingInt(this::distance));
    return out;
  }

  private int distance(Node n) {
    int d =
        n.id().equals(replicas.localNodeId())
            ? 0
            : localZone != null && localZone.equals(n.zone()) ? 1 : 2;
    return health.suspect(n.id()) ? d + 3 : d;
  }

  ReplicaStore store(Node n) {
    return replicas.of(n);
  }

  /** Records a replica's failure: repair hint, metric, and suspicion when unreachable. */
  void failed(ChunkId id, Node node, ReplicaFault fault) {
    repairs.report(new RepairRequest(id, node.id(), fault, clock.instant()));
    metrics.readFault(node.id(), fault);
    if (fault == ReplicaFault.UNREACHABLE) health.unreachable(node.id());
  }
}
