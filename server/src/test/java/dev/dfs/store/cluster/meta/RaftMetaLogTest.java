package dev.dfs.store.cluster.meta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dfs.store.ObjectInfo;
import dev.dfs.store.ObjectRef;
import dev.dfs.store.PutObjectRequest;
import dev.dfs.store.StoreError;
import dev.dfs.store.StoreException;
import dev.dfs.store.local.LocalStore;
import dev.dfs.store.local.MetaReplica;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Three real LocalStores whose metadata goes through a 3-node Ratis group on loopback. */
@Timeout(120)
class RaftMetaLogTest {
  @TempDir Path dir;
  private RaftMetaGroup group;

  @AfterEach
  void stop() throws IOException {
    if (group != null) group.close();
  }

  private RaftMetaGroup start() throws IOException {
    group = new RaftMetaGroup(dir, 3, RaftTuning.loopback()).startAll();
    return group;
  }

  private static ObjectInfo put(LocalStore s, String key) throws IOException {
    byte[] body = ("body of " + key).getBytes(StandardCharsets.UTF_8);
    return s.putObject(
        PutObjectRequest.simple("b", key, body.length), new ByteArrayInputStream(body));
  }

  /**
   * Puts through whichever node is the leader, again after a leadership change, as a client would.
   */
  private ObjectInfo put(String key) throws IOException {
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (true) {
      RaftMetaGroup.Node leader = group.awaitLeader();
      try {
        return put(leader.store(), key);
      } catch (StoreException e) {
        if (e.error() != StoreError.UNAVAILABLE || System.nanoTime() > deadline) throw e;
      }
    }
  }

  /** Creates bucket "b" through the leader, again after a leadership change. */
  private void createBucket() throws IOException {
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (true) {
      try {
        group.awaitLeader().store().createBucket("b", "us-east-1");
        return;
      } catch (StoreException e) {
        if (e.error() == StoreError.BUCKET_ALREADY_OWNED_BY_YOU) return; // an earlier try committed
        if (e.error() != StoreError.UNAVAILABLE || System.nanoTime() > deadline) throw e;
      }
    }
  }

  private static Optional<ObjectInfo> headAfterBarrier(RaftMetaGroup.Node n, String key)
      throws IOException {
    n.log().readBarrier();
    return n.store().head(ObjectRef.current("b", key));
  }

  @Test
  void writesThroughTheLeaderReachEveryReplicaAndReplicasAreIdentical() throws IOException {
    start();
    createBucket();
    ObjectInfo written = null;
    for (int i = 0; i < 20; i++) written = put("k" + i);

    for (RaftMetaGroup.Node n : group.running()) {
      // linearizable read on any node, followers included: the acknowledged write is there
      assertThat(headAfterBarrier(n, "k19"))
          .get()
          .extracting(ObjectInfo::etag)
          .isEqualTo(written.etag());
    }
    MetaReplica.Position at = group.awaitSameApplied();
    assertThat(group.distinctDigests()).as("digests at %s: %s", at, group.digests()).isEqualTo(1);
  }

  /**
   * A write is one log entry: no entry of Ratis' own follows each commit (its commit-index metadata
   * entries, each written, fsynced and applied on every node, doubled the log of one client's
   * writes).
   */
  @Test
  void eachWriteIsOneLogEntry() throws IOException, InterruptedException {
    start();
    createBucket();
    put("first");
    long before = group.awaitSameApplied().index();
    for (int i = 0; i < 10; i++) put(group.awaitLeader().store(), "k" + i);
    Thread.sleep(1000); // time for any entry a commit would trigger to be logged and applied
    assertThat(group.awaitSameApplied().index() - before).isEqualTo(10);
  }

  /**
   * Concurrent writes share log entries (group commit): 32 at once take fewer entries than writes,
   * every one is acknowledged only once applied (it reads back on every replica after a barrier),
   * and the replicas end identical.
   */
  @Test
  void concurrentWritesShareLogEntriesAndEachIsApplied() throws Exception {
    start();
    createBucket();
    put("first");
    long before = group.awaitSameApplied().index();
    LocalStore leader = group.awaitLeader().store();
    int writers = 32;
    java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
    java.util.List<java.util.concurrent.Future<ObjectInfo>> written = new java.util.ArrayList<>();
    try (var pool = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
      for (int i = 0; i < writers; i++) {
        String key = "c" + i;
        written.add(
            pool.submit(
                () -> {
                  go.await();
                  return put(leader, key);
                }));
      }
      go.countDown();
      for (int i = 0; i < writers; i++) {
        ObjectInfo info = written.get(i).get();
        for (RaftMetaGroup.Node n : group.running()) {
          assertThat(headAfterBarrier(n, "c" + i))
              .get()
              .extracting(ObjectInfo::etag)
              .isEqualTo(info.etag());
        }
      }
    }
    long entries = group.awaitSameApplied().index() - before;
    assertThat(entries).isGreaterThan(0).isLessThan(writers);
    assertThat(group.distinctDigests()).isEqualTo(1);
  }

  @Test
  void aFollowerRefusesWritesWithUnavailable() throws IOException {
    start();
    createBucket();
    RaftMetaGroup.Node leader = group.awaitLeader();
    RaftMetaGroup.Node follower =
        group.running().stream().filter(n -> !n.equals(leader)).findFirst().orElseThrow();
    follower
        .log()
        .readBarrier(); // the follower has applied the bucket: the write gets past its checks
    assertThatThrownBy(() -> put(follower.store(), "x"))
        .isInstanceOfSatisfying(
            StoreException.class, e -> assertThat(e.error()).isEqualTo(StoreError.UNAVAILABLE));
    assertThat(headAfterBarrier(follower, "x")).isEmpty();
  }

  @Test
  void whenTheLeaderStopsAnotherTakesOverAndTheOldOneCatchesUp() throws IOException {
    start();
    createBucket();
    put("before");
    RaftMetaGroup.Node leader = group.awaitLeader();
    int old = group.indexOf(leader);
    group.stop(old);

    RaftMetaGroup.Node next = group.awaitLeader();
    assertThat(next.id()).isNotEqualTo(leader.id());
    put("after");
    assertThat(headAfterBarrier(next, "before")).isPresent();

    RaftMetaGroup.Node back = group.start(old);
    assertThat(headAfterBarrier(back, "after")).isPresent();
    group.awaitSameApplied();
    assertThat(group.distinctDigests()).as(group.digests()).isEqualTo(1);
  }

  @Test
  void aFollowerBehindThePurgedLogInstallsTheLeadersCheckpoint() throws IOException {
    start();
    createBucket();
    put("k0");
    RaftMetaGroup.Node leader = group.awaitLeader();
    int f =
        group.running().stream()
            .filter(n -> !n.equals(leader))
            .map(group::indexOf)
            .findFirst()
            .orElseThrow();
    group.awaitSameApplied();
    long stoppedAt = group.node(f).replica().applied().index();
    group.stop(f);

    long every = RaftTuning.loopback().snapshotEvery();
    for (int i = 1; i <= 4 * every; i++) put("k" + i);
    RaftMetaGroup.await(
        "every running log purged past the stopped follower",
        () -> group.running().stream().allMatch(n -> RaftMetaGroup.startIndex(n) > stoppedAt + 1));

    RaftMetaGroup.Node back = group.start(f);
    group.awaitSameApplied(); // only a snapshot can bring it there: the log before it is gone
    assertThat(headAfterBarrier(back, "k" + 4 * every)).isPresent();
    assertThat(group.distinctDigests()).as(group.digests()).isEqualTo(1);
    try (Stream<Path> snaps = Files.list(dir.resolve(back.id()).resolve("raft"))) {
      assertThat(snaps.count()).isPositive();
    }
  }

  @Test
  void withoutAQuorumAWriteFailsFastAndNothingIsHalfApplied() throws IOException {
    start();
    createBucket();
    put("kept");
    group.awaitSameApplied();
    RaftMetaGroup.Node leader = group.awaitLeader();
    int li = group.indexOf(leader);
    for (int i = 0; i < 3; i++) if (i != li) group.stop(i);
    byte[] before = leader.replica().digest();

    assertThatThrownBy(() -> put(leader.store(), "lost"))
        .isInstanceOfSatisfying(
            StoreException.class, e -> assertThat(e.error()).isEqualTo(StoreError.UNAVAILABLE));
    assertThat(leader.store().head(ObjectRef.current("b", "lost"))).isEmpty();
    assertThat(leader.replica().digest()).isEqualTo(before);
    // the unresolved write closes admission: the next write fails at once, also as unavailable
    assertThatThrownBy(() -> put(leader.store(), "next"))
        .isInstanceOfSatisfying(
            StoreException.class, e -> assertThat(e.error()).isEqualTo(StoreError.UNAVAILABLE));

    for (int i = 0; i < 3; i++) if (i != li) group.start(i);
    put("again");
    RaftMetaGroup.Node now = group.awaitLeader();
    group.awaitSameApplied();
    assertThat(group.distinctDigests()).as(group.digests()).isEqualTo(1);
    // the write in doubt is on every replica or on none, whole either way
    Optional<ObjectInfo> lost = headAfterBarrier(now, "lost");
    for (RaftMetaGroup.Node n : group.running()) {
      assertThat(headAfterBarrier(n, "lost").map(ObjectInfo::etag))
          .isEqualTo(lost.map(ObjectInfo::etag));
      assertThat(headAfterBarrier(n, "next")).isEmpty();
    }
  }

  @Test
  void restartingEveryNodeKeepsEveryCommittedWrite() throws IOException {
    start();
    createBucket();
    for (int i = 0; i < 30; i++) put("k" + i);
    group.close();

    group.startAll();
    group.awaitLeader();
    for (RaftMetaGroup.Node n : group.running()) {
      for (int i = 0; i < 30; i++)
        assertThat(headAfterBarrier(n, "k" + i)).as(n.id() + " k" + i).isPresent();
    }
    group.awaitSameApplied();
    assertThat(group.distinctDigests()).as(group.digests()).isEqualTo(1);
  }
}
