package dev.dfs.store.cluster.meta;

import org.apache.ratis.conf.Parameters;
import org.apache.ratis.grpc.GrpcFactory;
import org.apache.ratis.grpc.server.GrpcLogAppender;
import org.apache.ratis.proto.RaftProtos.AppendEntriesRequestProto;
import org.apache.ratis.rpc.RpcFactory;
import org.apache.ratis.rpc.RpcType;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.leader.FollowerInfo;
import org.apache.ratis.server.leader.LeaderState;
import org.apache.ratis.server.leader.LogAppender;
import org.apache.ratis.server.raftlog.RaftLogIOException;
import org.jspecify.annotations.Nullable;

/**
 * Ratis's gRPC transport with one change on the leader's side: an AppendEntries request that
 * carries no previous entry (the follower's next index is 0) tells the follower no commit index
 * beyond the last entry it carries (-1 for a heartbeat).
 *
 * <p>Why: a Ratis follower (3.3.0) takes {@code min(leaderCommit, 0 + entries)} as its commit index
 * when the request has no previous entry, i.e. it treats its own entry 0 as matching the leader's
 * without checking it (and, with entries 0..n-1, entry n too). When three empty nodes start
 * together, two leaders of successive terms can each write an entry 0 (the first one's never
 * committed); the node still holding the first one then received a heartbeat without a previous
 * entry once the second leader's entry 0 committed, committed its own, and from then on answered
 * every append with INCONSISTENCY at index 0 (a committed entry is never replaced). The group ran
 * on the other two, and lost its quorum at the next node failure (ClusterKillIT: right after the
 * first SIGKILL of the leader). Telling the follower only what the request itself proves committed
 * keeps its commit index on entries it got from this leader; the next request with a previous entry
 * brings it up to date.
 *
 * <p>Used by {@link RaftMetaLog} through Ratis's user-defined {@link RpcType} (looked up by class
 * name, hence public with a public no-argument constructor). Stateless.
 */
public final class VerifiedCommitRpc implements RpcType {

  @Override
  public String name() {
    return VerifiedCommitRpc.class.getName();
  }

  @Override
  public RpcFactory newFactory(Parameters parameters) {
    return new GrpcFactory(parameters) {
      @Override
      public LogAppender newLogAppender(
          RaftServer.Division server, LeaderState state, FollowerInfo follower) {
        return new Appender(server, state, follower);
      }
    };
  }

  /** The commit index a request without a previous entry may tell (see the class comment). */
  static AppendEntriesRequestProto verifiedCommit(AppendEntriesRequestProto request) {
    if (request.hasPreviousLog()) return request;
    int n = request.getEntriesCount();
    long proven = n == 0 ? -1 : request.getEntries(n - 1).getIndex();
    return request.getLeaderCommit() <= proven
        ? request
        : request.toBuilder().setLeaderCommit(proven).build();
  }

  /** Ratis's gRPC log appender whose requests pass through {@link #verifiedCommit}. */
  private static final class Appender extends GrpcLogAppender {
    Appender(RaftServer.Division server, LeaderState state, FollowerInfo follower) {
      super(server, state, follower);
    }

    @Override
    public @Nullable AppendEntriesRequestProto newAppendEntriesRequest(
        long callId, boolean heartbeat) throws RaftLogIOException {
      AppendEntriesRequestProto request = super.newAppendEntriesRequest(callId, heartbeat);
      return request == null ? null : verifiedCommit(request);
    }
  }
}
