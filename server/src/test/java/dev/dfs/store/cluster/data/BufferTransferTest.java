package dev.dfs.store.cluster.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dfs.store.ObjectRead;
import dev.dfs.store.local.ChunkId;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A replicated read handed out as buffers ({@link ObjectRead.BufferSource}, what a GET uses): this
 * node's own copy goes out as direct buffers straight from its volume, a peer's is copied through,
 * failover resumes at the first byte the sink has not taken, and a failure of the sink itself is
 * neither a replica's fault nor a reason to fail over.
 */
@Timeout(60)
class BufferTransferTest {
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

  @Test
  void theLocalCopyGoesOutAsDirectBuffersAndARangeIsExact() throws Exception {
    byte[] body = ReplicationTest.data(3 * 1024 * 1024 + 7, 21);
    ChunkId id = writeEverywhere(body);
    AtomicInteger direct = new AtomicInteger();
    ByteArrayOutputStream got = new ByteArrayOutputStream();
    transfer(
        id,
        body.length,
        100_000,
        2_000_000,
        b -> {
          if (b.isDirect()) direct.incrementAndGet();
          got.write(bytes(b));
        });
    assertThat(got.toByteArray()).isEqualTo(java.util.Arrays.copyOfRange(body, 100_000, 2_100_000));
    assertThat(direct).hasPositiveValue();
    assertThat(cluster.repairs.poll(10)).isEmpty();
  }

  @Test
  void damageInTheLocalCopyFailsOverToAPeerAtTheSameOffset() throws Exception {
    byte[] body = ReplicationTest.data(8 * 1024 * 1024 + 5, 22);
    ChunkId id = writeEverywhere(body);
    ReplicationTest.flipBit(cluster.file(0, id), 5L * 1024 * 1024);
    ByteArrayOutputStream got = new ByteArrayOutputStream();
    transfer(id, body.length, 0, body.length, b -> got.write(bytes(b)));
    assertThat(got.toByteArray()).isEqualTo(body);
    assertThat(cluster.repairs.poll(10))
        .extracting(RepairRequest::nodeId, RepairRequest::fault)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("a", ReplicaFault.DAMAGED));
  }

  @Test
  void aMissingLocalCopyIsServedByAPeer() throws Exception {
    byte[] body = ReplicationTest.data(1024 * 1024, 23);
    ChunkId id = writeEverywhere(body);
    Files.delete(cluster.file(0, id));
    ByteArrayOutputStream got = new ByteArrayOutputStream();
    transfer(id, body.length, 0, body.length, b -> got.write(bytes(b)));
    assertThat(got.toByteArray()).isEqualTo(body);
  }

  @Test
  void theSinksOwnFailureComesUpAsItWasAndBlamesNoReplica() throws Exception {
    byte[] body = ReplicationTest.data(2 * 1024 * 1024, 24);
    ChunkId id = writeEverywhere(body);
    IOException gone = new IOException("client gone");
    AtomicInteger calls = new AtomicInteger();
    assertThatThrownBy(
            () ->
                transfer(
                    id,
                    body.length,
                    0,
                    body.length,
                    b -> {
                      if (calls.incrementAndGet() == 2) throw gone;
                      b.position(b.limit());
                    }))
        .isSameAs(gone);
    assertThat(calls).hasValue(2); // no failover: nobody else was asked for the bytes
    assertThat(cluster.repairs.poll(10)).isEmpty();
  }

  /**
   * Opens the range and transfers it to {@code sink} through a guarded sink, as an object read
   * does.
   */
  private void transfer(ChunkId id, int length, long offset, long count, ObjectRead.BufferSink sink)
      throws IOException {
    try (InputStream in = cluster.reader().open(id, length, offset, count, cluster.nodes)) {
      try {
        ((ObjectRead.BufferSource) in).transferTo(sink.guarded());
      } catch (ObjectRead.SinkFailure f) {
        throw f.unwrap();
      }
    }
  }

  private ChunkId writeEverywhere(byte[] body) throws Exception {
    ChunkId id = ChunkId.random();
    WriteResult w =
        cluster.writer(3).write(id, new ByteArrayInputStream(body), body.length, cluster.nodes);
    assertThat(w.durable()).hasSize(3);
    return id;
  }

  private static byte[] bytes(java.nio.ByteBuffer b) {
    byte[] out = new byte[b.remaining()];
    b.get(out);
    return out;
  }
}
