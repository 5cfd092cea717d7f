package dev.dfs.store.cluster.meta;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.ratis.RaftConfigKeys;
import org.apache.ratis.conf.RaftProperties;
import org.apache.ratis.proto.RaftProtos.AppendEntriesRequestProto;
import org.apache.ratis.proto.RaftProtos.LogEntryProto;
import org.apache.ratis.proto.RaftProtos.TermIndexProto;
import org.junit.jupiter.api.Test;

/**
 * A follower must not learn a commit index its log has not been checked against: without a previous
 * entry in the request, only the entries the request carries are proven to match.
 */
class VerifiedCommitRpcTest {

  @Test
  void aHeartbeatWithoutAPreviousEntryTellsNoCommitIndex() {
    AppendEntriesRequestProto heartbeat =
        AppendEntriesRequestProto.newBuilder().setLeaderCommit(5).build();
    // Ratis's follower would take min(5, 0) = 0: its own entry 0, whatever its term
    assertThat(VerifiedCommitRpc.verifiedCommit(heartbeat).getLeaderCommit()).isEqualTo(-1);
  }

  @Test
  void entriesFromTheStartProveTheirOwnIndexesOnly() {
    AppendEntriesRequestProto append =
        AppendEntriesRequestProto.newBuilder()
            .setLeaderCommit(9)
            .addEntries(entry(0))
            .addEntries(entry(1))
            .addEntries(entry(2))
            .build();
    // Ratis's follower would take min(9, 0 + 3) = 3: one past the last entry sent
    assertThat(VerifiedCommitRpc.verifiedCommit(append).getLeaderCommit()).isEqualTo(2);
    AppendEntriesRequestProto behind = append.toBuilder().setLeaderCommit(1).build();
    assertThat(VerifiedCommitRpc.verifiedCommit(behind)).isSameAs(behind);
  }

  @Test
  void aRequestWithAPreviousEntryIsUnchanged() {
    AppendEntriesRequestProto checked =
        AppendEntriesRequestProto.newBuilder()
            .setLeaderCommit(9)
            .setPreviousLog(TermIndexProto.newBuilder().setTerm(2).setIndex(7))
            .build();
    assertThat(VerifiedCommitRpc.verifiedCommit(checked)).isSameAs(checked);
  }

  @Test
  void ratisFindsTheTransportByItsName() {
    RaftProperties p = new RaftProperties();
    RaftConfigKeys.Rpc.setType(p, new VerifiedCommitRpc());
    assertThat(RaftConfigKeys.Rpc.type(p, s -> {})).isInstanceOf(VerifiedCommitRpc.class);
  }

  private static LogEntryProto entry(long index) {
    return LogEntryProto.newBuilder().setTerm(1).setIndex(index).build();
  }
}
