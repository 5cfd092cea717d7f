package dev.dfs.store.cluster.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dfs.store.local.ChunkId;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class ReplicationTest {
  @TempDir Path root;
  ThreeNodes cluster;

  @BeforeEach
  void start() throws Exception {
    cluster = new ThreeNodes(root);
  }

  @AfterEach
  void stop() throws Exception {
    cluster.close();
  }

  static byte[] data(int size, long seed) {
    byte[] b = new byte[size];
    new Random(seed).nextBytes(b);
    return b;
  }

  private WriteResult write(ChunkId id, byte[] body, int quorum, List<Node> targets)
      throws Exception {
    return cluster.writer(quorum).write(id, new ByteArrayInputStream(body), body.length, targets);
  }

  private byte[] read(ChunkId id, int length, long offset, long count) throws Exception {
    try (InputStream in = cluster.reader().open(id, length, offset, count, cluster.nodes)) {
      return in.readAllBytes();
    }
  }

  @Test
  void aWriteReachesAllThreeReplicas() throws Exception {
    byte[] body = data(3 * 1024 * 1024 + 17, 1);
    ChunkId id = ChunkId.random();
    WriteResult r = write(id, body, 3, cluster.nodes);
    assertThat(r.length()).isEqualTo(body.length);
    assertThat(r.durable()).containsExactlyInAnyOrder("a", "b", "c");
    for (Node n : cluster.nodes) {
      assertThat(cluster.client.head(n, id)).hasValue(body.length);
      try (InputStream in = cluster.client.get(n, id, body.length, 0, body.length)) {
        assertThat(in.readAllBytes()).isEqualTo(body);
      }
    }
    assertThat(cluster.repairs.size()).isZero();
  }

  @Test
  void withOneNodeDownTheQuorumStillAcknowledgesAndNamesTheMissingReplica() throws Exception {
    cluster.stop(2);
    byte[] body = data(2 * 1024 * 1024, 2);
    ChunkId id = ChunkId.random();
    WriteResult r = write(id, body, 2, cluster.nodes);
    assertThat(r.durable()).containsExactlyInAnyOrder("a", "b");
    // c refused the connection at once, so its failure is normally known at return; if it came
    // later, it is reported for repair then
    assertThat(r.failed().containsKey("c") || r.pending().contains("c")).isTrue();
    for (int i = 0; i < 200 && cluster.repairs.size() == 0; i++) Thread.sleep(25);
    assertThat(cluster.repairs.poll(10))
        .extracting(RepairRequest::nodeId, RepairRequest::chunk)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("c", id));
    assertThat(read(id, body.length, 0, body.length)).isEqualTo(body);
  }

  @Test
  void withTwoNodesDownTheWriteFailsFastAndLeavesNothingCommitted() throws Exception {
    cluster.stop(1);
    cluster.stop(2);
    byte[] body = data(8 * 1024 * 1024, 3);
    ChunkId id = ChunkId.random();
    assertThatThrownBy(() -> write(id, body, 2, cluster.nodes))
        .isInstanceOf(QuorumNotReachedException.class)
        .satisfies(
            e -> assertThat(((QuorumNotReachedException) e).failures()).containsKeys("b", "c"));
    assertThat(cluster.repairs.size()).isZero(); // nothing to repair: the chunk does not exist
    awaitGone(cluster.file(0, id)); // the local replica, if it completed, is removed again
  }

  @Test
  void fewerTargetsThanTheQuorumFailAtOnce() {
    assertThatThrownBy(() -> write(ChunkId.random(), data(10, 4), 2, cluster.nodes.subList(0, 1)))
        .isInstanceOf(QuorumNotReachedException.class);
  }

  @Test
  void aDeletedLocalReplicaIsReadFromAPeerAndRecorded() throws Exception {
    byte[] body = data(1024 * 1024, 5);
    ChunkId id = writeEverywhere(body);
    Files.delete(cluster.file(0, id));
    assertThat(read(id, body.length, 0, body.length)).isEqualTo(body);
    assertRepairs(id, "a", ReplicaFault.MISSING);
  }

  @Test
  void aTruncatedLocalReplicaIsReadFromAPeerAndRecorded() throws Exception {
    byte[] body = data(1024 * 1024, 6);
    ChunkId id = writeEverywhere(body);
    try (FileChannel ch = FileChannel.open(cluster.file(0, id), StandardOpenOption.WRITE)) {
      ch.truncate(ch.size() - 100);
    }
    assertThat(read(id, body.length, 0, body.length)).isEqualTo(body);
    assertRepairs(id, "a", ReplicaFault.DAMAGED);
  }

  @Test
  void aFlippedBitMidChunkFailsOverMidStreamAtTheSameOffset() throws Exception {
    byte[] body = data(8 * 1024 * 1024 + 5, 7);
    ChunkId id = writeEverywhere(body);
    flipBit(cluster.file(0, id), 5L * 1024 * 1024);
    assertThat(read(id, body.length, 0, body.length)).isEqualTo(body);
    assertRepairs(id, "a", ReplicaFault.DAMAGED);
    // a range that starts after the damage is served the same way
    assertThat(read(id, body.length, 6_000_000, 1000))
        .isEqualTo(java.util.Arrays.copyOfRange(body, 6_000_000, 6_001_000));
  }

  @Test
  void damageOnTwoReplicasIsSurvivedWhileTheThirdHoldsAndBothAreRecorded() throws Exception {
    byte[] body = data(6 * 1024 * 1024, 8);
    ChunkId id = writeEverywhere(body);
    Files.delete(cluster.file(0, id)); // local: missing
    flipBit(cluster.file(1, id), 3L * 1024 * 1024); // peer b: fails mid-stream with an error frame
    assertThat(read(id, body.length, 0, body.length)).isEqualTo(body);
    List<RepairRequest> r = cluster.repairs.poll(10);
    assertThat(r)
        .extracting(RepairRequest::nodeId, RepairRequest::fault)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("a", ReplicaFault.MISSING),
            org.assertj.core.groups.Tuple.tuple("b", ReplicaFault.DAMAGED));
    assertThat(cluster.metrics.counts).containsEntry("read:b:DAMAGED", 1);
  }

  @Test
  void anUnreachablePeerIsSkippedAndNoReplicaLeftIsASpecificError() throws Exception {
    byte[] body = data(300_000, 9);
    ChunkId id = writeEverywhere(body);
    Files.delete(cluster.file(0, id));
    cluster.stop(1);
    assertThat(read(id, body.length, 0, body.length)).isEqualTo(body);
    cluster.stop(2);
    assertThatThrownBy(() -> read(id, body.length, 0, body.length))
        .isInstanceOf(ChunkUnavailableException.class);
  }

  @Test
  void aPeerStoppingMidStreamIsFailedOverAtTheSameOffset() throws Exception {
    byte[] body = data(16 * 1024 * 1024, 10);
    ChunkId id = writeEverywhere(body);
    Files.delete(cluster.file(0, id));
    byte[] got = new byte[body.length];
    try (InputStream in = cluster.reader().open(id, body.length, 0, body.length, cluster.nodes)) {
      int n = in.readNBytes(got, 0, 1024 * 1024); // now streaming from b
      cluster.stop(1);
      n += in.readNBytes(got, n, body.length - n);
      assertThat(n).isEqualTo(body.length);
    }
    assertThat(got).isEqualTo(body);
    assertThat(cluster.repairs.poll(10)).extracting(RepairRequest::nodeId).contains("a");
  }

  private ChunkId writeEverywhere(byte[] body) throws Exception {
    ChunkId id = ChunkId.random();
    assertThat(write(id, body, 3, cluster.nodes).durable()).hasSize(3);
    return id;
  }

  private void assertRepairs(ChunkId id, String node, ReplicaFault fault) {
    assertThat(cluster.repairs.poll(10))
        .extracting(RepairRequest::chunk, RepairRequest::nodeId, RepairRequest::fault)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(id, node, fault));
  }

  static void flipBit(Path file, long dataOffset) throws Exception {
    long at = 16 + dataOffset + dataOffset / ThreeNodes.BLOCK_SIZE * 4; // header, CRCs before
    try (FileChannel ch =
        FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(1);
      ch.read(b, at);
      b.put(0, (byte) (b.get(0) ^ 0x10));
      b.rewind();
      ch.write(b, at);
    }
  }

  private static void awaitGone(Path p) throws InterruptedException {
    for (int i = 0; i < 200 && Files.exists(p); i++) Thread.sleep(25);
    assertThat(p).doesNotExist();
  }
}
