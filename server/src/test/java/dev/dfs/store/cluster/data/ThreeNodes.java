package dev.dfs.store.cluster.data;

import dev.dfs.store.local.ChunkId;
import dev.dfs.store.local.ChunkVolume;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Three in-process nodes "a", "b", "c" on 127.0.0.1 (ephemeral ports), each with its own data dir,
 * volume and chunk service; node "a" is the local node of {@link #replicas}. Closing stops
 * everything started here.
 */
final class ThreeNodes implements AutoCloseable {
  static final ClusterSecret SECRET = ClusterSecret.of("test-cluster-secret-0123456789");
  static final int BLOCK_SIZE = 64 * 1024;

  final Path[] dirs = new Path[3];
  final ChunkVolume[] volumes = new ChunkVolume[3];
  final ChunkService[] services = new ChunkService[3];
  final List<Node> nodes = new ArrayList<>();
  final ChunkClient client;
  final Replicas replicas;
  final InMemoryRepairQueue repairs = new InMemoryRepairQueue(1000);
  final CountingMetrics metrics = new CountingMetrics();

  ThreeNodes(Path root) throws Exception {
    String[] ids = {"a", "b", "c"};
    for (int i = 0; i < 3; i++) {
      dirs[i] = root.resolve(ids[i]);
      volumes[i] = ChunkVolume.open(dirs[i], BLOCK_SIZE, Long.MAX_VALUE);
      services[i] =
          ChunkService.start(ids[i], volumes[i], SECRET, "127.0.0.1", 0, Clock.systemUTC());
      nodes.add(new Node(ids[i], services[i].address(), "z" + i, 1, NodeState.ACTIVE));
    }
    client =
        ChunkClient.start(SECRET, Clock.systemUTC(), Duration.ofSeconds(2), Duration.ofSeconds(10));
    replicas = new Replicas("a", volumes[0], client);
  }

  ReplicatedWriter writer(int quorum) {
    return new ReplicatedWriter(replicas, quorum, repairs, metrics, Clock.systemUTC());
  }

  ReplicatedReader reader() {
    return new ReplicatedReader(
        replicas,
        "z0",
        new NodeHealth(Clock.systemUTC(), Duration.ofSeconds(30)),
        repairs,
        metrics,
        Clock.systemUTC());
  }

  /** Stops node {@code i}'s service: its address then refuses connections. */
  void stop(int i) throws Exception {
    services[i].close();
  }

  /** The file of node {@code i}'s replica of {@code id} (the local engine's layout). */
  Path file(int i, ChunkId id) {
    String hex = id.hex();
    return dirs[i]
        .resolve("chunks")
        .resolve(hex.substring(0, 2))
        .resolve(hex.substring(2, 4))
        .resolve(hex);
  }

  @Override
  public void close() throws Exception {
    client.close();
    for (ChunkService s : services) s.close();
  }

  /** Counts faults by kind. */
  static final class CountingMetrics implements ReplicationMetrics {
    final java.util.concurrent.ConcurrentHashMap<String, Integer> counts =
        new java.util.concurrent.ConcurrentHashMap<>();

    @Override
    public void readFault(String nodeId, ReplicaFault fault) {
      counts.merge("read:" + nodeId + ":" + fault, 1, Integer::sum);
    }

    @Override
    public void writeFault(String nodeId, ReplicaFault fault) {
      counts.merge("write:" + nodeId, 1, Integer::sum);
    }

    @Override
    public void quorumLost() {
      counts.merge("quorumLost", 1, Integer::sum);
    }
  }
}
