package dev.dfs.store.cluster.meta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dfs.store.StoreError;
import dev.dfs.store.StoreException;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A read barrier counts only once a majority of the voters confirm this node's term and leader: a
 * leader whose followers are gone fails it (UNAVAILABLE) instead of answering from its state,
 * although Ratis alone still answers its ReadIndex until it steps down.
 */
@Timeout(120)
class ReadBarrierConfirmationTest {
  @TempDir Path dir;
  private RaftMetaGroup group;

  @AfterEach
  void stop() throws IOException {
    if (group != null) group.close();
  }

  @Test
  void aLeaderCutOffFromItsFollowersFailsTheBarrier() throws IOException {
    group = new RaftMetaGroup(dir, 3, RaftTuning.loopback()).startAll();
    RaftMetaGroup.Node leader = group.awaitLeader();
    leader.log().readBarrier(); // all three answer: confirmed
    for (int i = 0; i < group.size(); i++) {
      if (i != group.indexOf(leader)) group.cutOff(group.id(i));
    }
    assertThatThrownBy(() -> leader.log().readBarrier())
        .isInstanceOfSatisfying(
            StoreException.class, e -> assertThat(e.error()).isEqualTo(StoreError.UNAVAILABLE));
  }

  @Test
  void aFollowerConfirmsWithTheLeaderAlone() throws IOException {
    group = new RaftMetaGroup(dir, 3, RaftTuning.loopback()).startAll();
    RaftMetaGroup.Node leader = group.awaitLeader();
    int follower = group.indexOf(leader) == 0 ? 1 : 0;
    int other = 3 - group.indexOf(leader) - follower;
    group.cutOff(group.id(other)); // the follower, the leader: a majority of three
    group.node(follower).log().readBarrier();
  }

  @Test
  void aLeaderWithBothFollowersStoppedFailsTheBarrier() throws IOException {
    group = new RaftMetaGroup(dir, 3, RaftTuning.loopback()).startAll();
    RaftMetaGroup.Node leader = group.awaitLeader();
    leader.log().readBarrier();
    int l = group.indexOf(leader);
    for (int i = 0; i < group.size(); i++) if (i != l) group.stop(i);
    // Ratis answers this leader's ReadIndex at once until it steps down (no heartbeat round when
    // its commit index was already acknowledged); the confirmation round finds no majority
    assertThatThrownBy(() -> leader.log().readBarrier())
        .isInstanceOfSatisfying(
            StoreException.class, e -> assertThat(e.error()).isEqualTo(StoreError.UNAVAILABLE));
  }
}
