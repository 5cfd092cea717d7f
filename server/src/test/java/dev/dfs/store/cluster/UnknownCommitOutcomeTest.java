package dev.dfs.store.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dfs.store.ObjectRead;
import dev.dfs.store.ObjectRef;
import dev.dfs.store.PutObjectRequest;
import dev.dfs.store.ReadRequest;
import dev.dfs.store.StoreError;
import dev.dfs.store.StoreException;
import dev.dfs.store.cluster.data.ChunkClient;
import dev.dfs.store.cluster.data.ClusterSecret;
import dev.dfs.store.cluster.data.InMemoryRepairQueue;
import dev.dfs.store.cluster.data.Node;
import dev.dfs.store.cluster.data.NodeHealth;
import dev.dfs.store.cluster.data.NodeState;
import dev.dfs.store.cluster.data.ReplicaFault;
import dev.dfs.store.cluster.data.Replicas;
import dev.dfs.store.cluster.data.ReplicatedReader;
import dev.dfs.store.cluster.data.ReplicatedWriter;
import dev.dfs.store.cluster.data.ReplicationMetrics;
import dev.dfs.store.cluster.repair.OrphanCheck;
import dev.dfs.store.cluster.repair.ReplicaOwners;
import dev.dfs.store.cluster.repair.StoreCatalog;
import dev.dfs.store.local.ChunkId;
import dev.dfs.store.local.ChunkVolume;
import dev.dfs.store.local.LocalStore;
import dev.dfs.store.local.LocalStoreOptions;
import dev.dfs.store.local.MetaLog;
import dev.dfs.store.local.MetaReplica;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteBatch;

/**
 * A metadata commit whose outcome the writer cannot know: the log applies the entry, yet the commit
 * call fails as a Raft commit timeout or a leadership change after sending does. The writer then
 * asks for its chunk's removal; the chunk must be kept (the object is there and must stay
 * readable). A commit that definitely did not apply still has its chunk removed. One node's store
 * over a {@link ReplicaBackend} whose only replica is this node's volume, and a log that applies
 * batches directly (the Raft log's contract, with the failure injected).
 */
class UnknownCommitOutcomeTest {
  private static final Duration GRACE = Duration.ofMillis(100);

  @TempDir Path dir;
  private FlakyLog log;
  private ChunkVolume volume;
  private ChunkClient client;
  private ReplicaBackend backend;
  private LocalStore store;
  private final AtomicReference<OrphanCheck> check = new AtomicReference<>();

  /**
   * Applies every batch at once; the next commit fails after (or instead of) applying when told.
   */
  private static final class FlakyLog implements MetaLog {
    private final MetaReplica replica;
    private long index;
    volatile boolean failAfterApply;
    volatile boolean failBeforeApply;

    FlakyLog(MetaReplica replica) {
      this.replica = replica;
    }

    @Override
    public synchronized void commit(WriteBatch batch) throws IOException, RocksDBException {
      if (failBeforeApply) {
        failBeforeApply = false;
        throw new StoreException(
            StoreError.UNAVAILABLE, "this node does not accept metadata writes now");
      }
      replica.apply(batch.data(), new MetaReplica.Position(1, ++index));
      if (failAfterApply) {
        failAfterApply = false;
        throw new StoreException(
            StoreError.UNAVAILABLE, "metadata write got no quorum within 8000 ms");
      }
    }

    @Override
    public void close() {}
  }

  @BeforeEach
  void open() throws Exception {
    volume = ChunkVolume.open(dir, 64 * 1024, 1L << 30);
    client =
        ChunkClient.start(
            ClusterSecret.of(ThreeNodeCluster.SECRET),
            Clock.systemUTC(),
            Duration.ofSeconds(1),
            Duration.ofSeconds(2));
    Node self = new Node("n1", URI.create("http://127.0.0.1:1"), null, 1, NodeState.ACTIVE);
    Replicas replicas = new Replicas("n1", volume, client);
    InMemoryRepairQueue repairs = new InMemoryRepairQueue(100);
    ReplicationMetrics quiet =
        new ReplicationMetrics() {
          @Override
          public void readFault(String nodeId, ReplicaFault fault) {}

          @Override
          public void writeFault(String nodeId, ReplicaFault fault) {}

          @Override
          public void quorumLost() {}
        };
    ReplicaOwners owners =
        new ReplicaOwners() {
          @Override
          public List<Node> ownersOf(ChunkId id) {
            return List.of(self);
          }

          @Override
          public List<Node> formerOwners(ChunkId id) {
            return List.of();
          }
        };
    backend =
        new ReplicaBackend(
            "n1",
            volume,
            client,
            owners,
            new ReplicatedWriter(replicas, 1, repairs, quiet, Clock.systemUTC()),
            new ReplicatedReader(
                replicas,
                null,
                new NodeHealth(Clock.systemUTC(), Duration.ofSeconds(5)),
                repairs,
                quiet,
                Clock.systemUTC()),
            GRACE,
            id -> check.get().mayRemove(id));
    store =
        LocalStore.openReplicated(
            dir,
            LocalStoreOptions.defaults().withBackgroundSweep(false),
            backend,
            r -> log = new FlakyLog(r));
    check.set(new OrphanCheck(new StoreCatalog(store, () -> {}), () -> false, store::chunkInUse));
    store.createBucket("b", "us-east-1");
  }

  @AfterEach
  void close() throws Exception {
    backend.close();
    store.close();
    client.close();
  }

  @Test
  void aCommitThatFailedAfterItAppliedKeepsTheObjectReadable() throws Exception {
    byte[] body = bytes(300_000);
    log.failAfterApply = true;
    assertThatThrownBy(() -> put("k", body))
        .isInstanceOf(StoreException.class)
        .satisfies(e -> assertThat(((StoreException) e).error()).isEqualTo(StoreError.UNAVAILABLE));
    assertThat(store.head(new ObjectRef("b", "k", null))).isPresent(); // it applied after all
    Thread.sleep(GRACE.toMillis() * 5); // the writer's removal was due long ago
    assertThat(read("k")).isEqualTo(body);
    assertThat(volume.list(null, 10)).hasSize(1);
    assertThat(check.get().kept()).isEqualTo(1);
  }

  @Test
  void aCommitThatDidNotApplyHasItsChunkRemoved() throws Exception {
    log.failBeforeApply = true;
    assertThatThrownBy(() -> put("k", bytes(300_000))).isInstanceOf(StoreException.class);
    assertThat(store.head(new ObjectRef("b", "k", null))).isEmpty();
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!volume.list(null, 10).isEmpty() && System.nanoTime() < deadline) Thread.sleep(20);
    assertThat(volume.list(null, 10)).isEmpty();
    assertThat(check.get().kept()).isZero();
  }

  private void put(String key, byte[] body) throws IOException {
    store.putObject(PutObjectRequest.simple("b", key, body.length), new ByteArrayInputStream(body));
  }

  private byte[] read(String key) throws IOException {
    try (ObjectRead r = store.open(ReadRequest.of("b", key));
        InputStream in = r.stream(null)) {
      return in.readAllBytes();
    }
  }

  private static byte[] bytes(int n) {
    byte[] b = new byte[n];
    new Random(n).nextBytes(b);
    return b;
  }
}
