package dev.dfs.store.cluster.repair;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dfs.store.cluster.data.RepairRequest;
import dev.dfs.store.cluster.data.ReplicaFault;
import dev.dfs.store.local.ChunkId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The repair queue and the pass cursor survive a restart (what the file holds is what reopens). */
class DurableRepairQueueTest {
  private static final Instant AT = Instant.ofEpochMilli(1_700_000_000_000L);

  @TempDir Path dir;

  @Test
  void queuedAndInFlightEntriesSurviveAReopenAndDoneOnesDoNot() throws IOException {
    Path file = dir.resolve("repair").resolve("queue");
    ChunkId a = ChunkId.random();
    ChunkId b = ChunkId.random();
    ChunkId c = ChunkId.random();
    try (DurableRepairQueue q = DurableRepairQueue.open(file, 10)) {
      q.report(new RepairRequest(a, "n1", ReplicaFault.MISSING, AT), 100);
      q.report(
          new RepairRequest(a, "n1", ReplicaFault.DAMAGED, AT)); // same (chunk, node): one entry
      q.report(new RepairRequest(b, "n2", ReplicaFault.WRITE_FAILED, AT));
      q.report(new RepairRequest(c, "n3", ReplicaFault.DAMAGED, AT), 7);
      List<DurableRepairQueue.Entry> taken = q.pollEntries(2); // a and b: in flight
      assertThat(q.size()).isEqualTo(3);
      q.done(taken.get(0)); // a repaired
      assertThat(q.size()).isEqualTo(2);
    }
    try (DurableRepairQueue q = DurableRepairQueue.open(file, 10)) {
      assertThat(q.size()).isEqualTo(2);
      assertThat(q.knownBytesAndUnknownCount()).containsExactly(7, 1);
      assertThat(q.poll(10))
          .extracting(RepairRequest::chunk, RepairRequest::nodeId, RepairRequest::fault)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple(b, "n2", ReplicaFault.WRITE_FAILED),
              org.assertj.core.groups.Tuple.tuple(c, "n3", ReplicaFault.DAMAGED));
    }
  }

  @Test
  void aFullQueueDropsAndCountsAndAnUnreadableFileStartsEmpty() throws IOException {
    Path file = dir.resolve("queue");
    try (DurableRepairQueue q = DurableRepairQueue.open(file, 1)) {
      q.report(new RepairRequest(ChunkId.random(), "n1", ReplicaFault.MISSING, AT));
      q.report(new RepairRequest(ChunkId.random(), "n1", ReplicaFault.MISSING, AT));
      assertThat(q.dropped()).isEqualTo(1);
    }
    Files.writeString(file, "something else\n");
    try (DurableRepairQueue q = DurableRepairQueue.open(file, 10)) {
      assertThat(q.size()).isZero();
    }
  }

  @Test
  void thePassCursorResumesWhereItStood() throws IOException {
    Path file = dir.resolve("cursor");
    ChunkId done = ChunkId.random();
    PassCursor c = PassCursor.open(file);
    assertThat(c.running()).isFalse();
    c.start(AT);
    c.advance(done);
    c.save();
    PassCursor again = PassCursor.open(file);
    assertThat(again.running()).isTrue();
    assertThat(again.after()).isEqualTo(done);
    assertThat(again.started()).isEqualTo(AT);
    again.finish(AT.plusSeconds(5));
    again.save();
    PassCursor third = PassCursor.open(file);
    assertThat(third.running()).isFalse();
    assertThat(third.lastEnded()).isEqualTo(AT.plusSeconds(5));
  }
}
