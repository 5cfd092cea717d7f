package dev.dfs.store.cluster;

import dev.dfs.store.StoreError;
import dev.dfs.store.StoreException;
import dev.dfs.store.cluster.data.ChunkClient;
import dev.dfs.store.cluster.data.MemberRequests;
import dev.dfs.store.cluster.meta.RaftMetaLog;
import dev.dfs.store.local.AccessRelay;
import dev.dfs.store.local.LocalStore;
import java.io.IOException;
import java.util.Optional;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The cluster engine's {@link AccessRelay}: a follower's batch of recorded reads goes to the leader
 * the Raft group names, over the chunk service's signed peer transport ({@code POST /v1/accesses}),
 * and is taken into the leader's access log ({@link LocalStore#acceptAccesses}), which commits it
 * through the Raft log. The other side, {@link #accept}, answers such a request on the leader. No
 * leader known, a leader that moved on, or a transport failure: IOException, and the follower keeps
 * the reads for its next flush. Thread-safe.
 */
final class AccessRelayToLeader implements AccessRelay {
  private final String selfId;
  private final Supplier<@Nullable RaftMetaLog> raft;
  private final ChunkClient client;
  private final Supplier<@Nullable LocalStore> local;

  /**
   * @param raft this node's Raft log, null while it is starting
   * @param local this node's engine, null while it is starting
   */
  AccessRelayToLeader(
      String selfId,
      Supplier<@Nullable RaftMetaLog> raft,
      ChunkClient client,
      Supplier<@Nullable LocalStore> local) {
    this.selfId = selfId;
    this.raft = raft;
    this.client = client;
    this.local = local;
  }

  @Override
  public void send(byte[] batch) throws IOException {
    RaftMetaLog log = raft.get();
    if (log == null) throw new IOException("node " + selfId + " is starting");
    Optional<String> leader = log.state().leaderId();
    if (leader.isEmpty()) throw new IOException("no leader is known now");
    if (leader.get().equals(selfId)) { // elected since the flush began: take them here
      LocalStore store = local.get();
      if (store == null) throw new IOException("node " + selfId + " is starting");
      store.acceptAccesses(batch);
      return;
    }
    var member =
        log.membership()
            .member(leader.get())
            .orElseThrow(() -> new IOException("the leader " + leader.get() + " is no member"));
    MemberRequests.Answer a = client.accesses(MembershipService.node(member), batch);
    if (a.status() != 204) {
      throw new IOException(
          "the leader " + leader.get() + " answered " + a.status() + ": " + a.text());
    }
  }

  /** On the node asked: takes a follower's batch in if it leads ({@link MemberRequests}). */
  MemberRequests.Answer accept(byte[] batch) {
    LocalStore store = local.get();
    if (store == null) return new MemberRequests.Answer(503, "node " + selfId + " is starting");
    try {
      store.acceptAccesses(batch);
      return new MemberRequests.Answer(204, "");
    } catch (IllegalArgumentException e) {
      return new MemberRequests.Answer(400, "malformed access batch: " + e.getMessage());
    } catch (StoreException e) {
      if (e.error() != StoreError.UNAVAILABLE) throw e;
      return MemberRequests.Answer.failed(503, e);
    }
  }
}
