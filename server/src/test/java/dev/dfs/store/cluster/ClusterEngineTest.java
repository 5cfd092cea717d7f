package dev.dfs.store.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dfs.store.ClusterStatus;
import dev.dfs.store.ObjectRead;
import dev.dfs.store.ObjectStore;
import dev.dfs.store.PutObjectRequest;
import dev.dfs.store.StoreError;
import dev.dfs.store.StoreException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

/**
 * The cluster engine on three in-process nodes: replication of chunks and metadata, reads on
 * followers after a read barrier, failover past a deleted or corrupted replica (reported, and
 * repaired by the repair worker), writes with one node down, fast UNAVAILABLE with two down and no
 * acknowledged write lost when they return. One cluster for the class; the tests run in order (the
 * later ones stop nodes).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(120)
class ClusterEngineTest {
  private static final String BUCKET = "b";
  private Path dir;
  private ThreeNodeCluster cluster;
  private int leader;

  /** Every acknowledged write: key to SHA-256 of its bytes. */
  private final Map<String, byte[]> acknowledged = new LinkedHashMap<>();

  private final Random random = new Random(42);

  @BeforeAll
  void start() throws IOException {
    dir = Files.createTempDirectory("dfs-cluster-engine");
    cluster = new ThreeNodeCluster(dir).startAll();
    leader = cluster.awaitLeader();
    cluster.store(leader).createBucket(BUCKET, "us-east-1");
  }

  @AfterAll
  void stop() throws IOException {
    try {
      if (cluster != null) cluster.close();
    } finally {
      if (dir != null) dev.dfs.testing.DfsTestServer.deleteTree(dir);
    }
  }

  @Test
  @Order(1)
  void writesOnTheLeaderReadBackOnEveryNodeAfterABarrier() throws IOException {
    put("small", 100); // inline: replicated in the metadata
    put("large", 3 * 1024 * 1024 + 7); // chunked: replicated to the three nodes
    cluster.awaitQuorum();
    for (int i = 0; i < 3; i++) {
      cluster.node(i).view().readBarrier();
      for (String key : acknowledged.keySet())
        assertThat(digest(cluster.store(i), key)).isEqualTo(acknowledged.get(key));
    }
    assertThat(chunkFiles(0))
        .hasSameSizeAs(chunkFiles(1))
        .hasSameSizeAs(chunkFiles(2))
        .isNotEmpty();
  }

  @Test
  @Order(2)
  void theViewReportsMembersRolesAndIndexes() {
    cluster.awaitQuorum();
    ClusterStatus s = cluster.node(leader).view().status();
    assertThat(s.leaderId()).contains(ThreeNodeCluster.id(leader));
    assertThat(s.members()).extracting(ClusterStatus.Member::id).containsExactly("n1", "n2", "n3");
    assertThat(s.members()).filteredOn(m -> m.role() == ClusterStatus.Role.LEADER).hasSize(1);
    assertThat(s.appliedIndex()).isPositive();
    assertThat(s.replicationFactor()).isEqualTo(3);
    String sig = cluster.node(leader).view().sign("GET /b/k");
    int other = (leader + 1) % 3;
    assertThat(cluster.node(other).view().verify("GET /b/k", sig)).isTrue();
    assertThat(cluster.node(other).view().verify("GET /b/x", sig)).isFalse();
    assertThat(cluster.node(other).view().leader())
        .map(ClusterStatus.Member::id)
        .contains(ThreeNodeCluster.id(leader));
  }

  @Test
  @Order(3)
  void aFollowerRefusesWritesAtOnceWithoutReadingTheBody() {
    int follower = (leader + 1) % 3;
    CountingStream body = new CountingStream(new byte[1000]);
    assertThatThrownBy(
            () ->
                cluster
                    .store(follower)
                    .putObject(PutObjectRequest.simple(BUCKET, "refused", 1000), body))
        .isInstanceOfSatisfying(
            StoreException.class, e -> assertThat(e.error()).isEqualTo(StoreError.UNAVAILABLE))
        .hasMessageContaining("leader is " + ThreeNodeCluster.id(leader));
    assertThat(body.read).isZero();
  }

  @Test
  @Order(4)
  void aDeletedReplicaIsReadFromAnotherAndReported() throws IOException {
    Set<Path> before = chunkFiles(leader);
    put("lose-local", 2 * 1024 * 1024);
    List<Path> fresh = new ArrayList<>(chunkFiles(leader));
    fresh.removeAll(before);
    assertThat(fresh).hasSize(1);
    Files.delete(fresh.get(0));
    assertThat(digest(cluster.store(leader), "lose-local"))
        .isEqualTo(acknowledged.get("lose-local"));
    awaitRepaired(fresh.get(0)); // the reader reported it, and the repair worker copied it back
  }

  @Test
  @Order(5)
  void aCorruptedReplicaIsReadFromAnotherAndReported() throws IOException {
    Set<Path> before = chunkFiles(leader);
    put("corrupt-local", 2 * 1024 * 1024);
    List<Path> fresh = new ArrayList<>(chunkFiles(leader));
    fresh.removeAll(before);
    assertThat(fresh).hasSize(1);
    flipByte(fresh.get(0), Files.size(fresh.get(0)) / 2);
    assertThat(digest(cluster.store(leader), "corrupt-local"))
        .isEqualTo(acknowledged.get("corrupt-local"));
    awaitRepaired(fresh.get(0));
  }

  @Test
  @Order(6)
  void withOneNodeDownWritesStillSucceed() throws IOException {
    int down = (leader + 1) % 3;
    cluster.stop(down);
    put("one-down-large", 1024 * 1024 + 3);
    put("one-down-small", 10);
    assertThat(digest(cluster.store(leader), "one-down-large"))
        .isEqualTo(acknowledged.get("one-down-large"));
    cluster.start(down);
  }

  @Test
  @Order(7)
  void withTwoNodesDownWritesFailAsUnavailableAndNothingAcknowledgedIsLost() throws IOException {
    cluster.awaitQuorum();
    leader = cluster.awaitLeader();
    int a = (leader + 1) % 3;
    int b = (leader + 2) % 3;
    cluster.stop(a);
    cluster.stop(b);
    for (int size :
        new int[] {2 * 1024 * 1024, 50}) { // chunked, then inline (a metadata-only commit)
      byte[] body = bytes(size);
      assertThatThrownBy(
              () ->
                  cluster
                      .store(leader)
                      .putObject(
                          PutObjectRequest.simple(BUCKET, "no-quorum-" + size, size),
                          new ByteArrayInputStream(body)))
          .isInstanceOfSatisfying(
              StoreException.class, e -> assertThat(e.error()).isEqualTo(StoreError.UNAVAILABLE));
    }
    cluster.start(a);
    cluster.start(b);
    leader = cluster.awaitLeader();
    cluster.awaitQuorum();
    for (int i = 0; i < 3; i++) {
      cluster.node(i).view().readBarrier();
      for (String key : acknowledged.keySet()) {
        assertThat(digest(cluster.store(i), key))
            .as(key + " on " + ThreeNodeCluster.id(i))
            .isEqualTo(acknowledged.get(key));
      }
    }
  }

  // ---- helpers ----

  private void put(String key, int size) throws IOException {
    byte[] body = bytes(size);
    cluster
        .store(leader)
        .putObject(PutObjectRequest.simple(BUCKET, key, size), new ByteArrayInputStream(body));
    acknowledged.put(key, sha256(body));
  }

  private byte[] bytes(int size) {
    byte[] b = new byte[size];
    random.nextBytes(b);
    return b;
  }

  private static byte[] digest(ObjectStore store, String key) throws IOException {
    MessageDigest md = sha();
    try (ObjectRead r = store.open(dev.dfs.store.ReadRequest.of(BUCKET, key));
        InputStream in = r.stream(null)) {
      byte[] buf = new byte[64 * 1024];
      for (int n; (n = in.read(buf)) > 0; ) md.update(buf, 0, n);
    }
    return md.digest();
  }

  private static byte[] sha256(byte[] b) {
    return sha().digest(b);
  }

  private static MessageDigest sha() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private Set<Path> chunkFiles(int node) throws IOException {
    Path chunks = cluster.dir(node).resolve("chunks");
    try (Stream<Path> s = Files.walk(chunks)) {
      return new HashSet<>(s.filter(Files::isRegularFile).toList());
    }
  }

  /** Until the leader's replica {@code file} is back and byte-identical to another node's. */
  private void awaitRepaired(Path file) throws IOException {
    Path peer = cluster.dir((leader + 1) % 3).resolve(cluster.dir(leader).relativize(file));
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (!(Files.exists(file) && Files.mismatch(file, peer) == -1)) {
      if (System.nanoTime() > deadline)
        throw new AssertionError(file + " not repaired within 60 s");
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted");
      }
    }
  }

  private static void flipByte(Path file, long at) throws IOException {
    try (var ch =
        java.nio.channels.FileChannel.open(
            file, java.nio.file.StandardOpenOption.READ, java.nio.file.StandardOpenOption.WRITE)) {
      java.nio.ByteBuffer one = java.nio.ByteBuffer.allocate(1);
      ch.read(one, at);
      one.put(0, (byte) (one.get(0) ^ 0x5A)).rewind();
      ch.write(one, at);
      ch.force(true);
    }
  }

  /** Counts the bytes read from it. */
  private static final class CountingStream extends ByteArrayInputStream {
    int read;

    CountingStream(byte[] b) {
      super(b);
    }

    @Override
    public synchronized int read(byte[] b, int off, int len) {
      int n = super.read(b, off, len);
      if (n > 0) read += n;
      return n;
    }

    @Override
    public synchronized int read() {
      int c = super.read();
      if (c >= 0) read++;
      return c;
    }
  }
}
