package dev.dfs.store.cluster.meta;

import dev.dfs.store.StoreError;
import dev.dfs.store.StoreException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.ratis.proto.RaftProtos.RaftPeerRole;
import org.apache.ratis.protocol.ClientId;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.protocol.SetConfigurationRequest;
import org.apache.ratis.protocol.TransferLeadershipRequest;
import org.apache.ratis.server.RaftConfiguration;
import org.apache.ratis.server.RaftServer;

/**
 * Membership of the metadata group: who is a voter and who a non-voting learner (a Ratis
 * <i>listener</i>: it receives and applies the log but neither votes nor counts for a commit), and
 * the one-step changes between them. Obtained from {@link RaftMetaLog#membership()}.
 *
 * <p>Changes run on the leader only (elsewhere they fail with {@link StoreError#UNAVAILABLE};
 * routing to the leader is the caller's job) and one at a time: a change is refused with {@link
 * IllegalStateException} while the previous one has not committed (Raft's joint configuration still
 * in force, or its entry not yet committed). Whether a removal keeps a quorum is the caller's rule
 * ({@code MembershipService}); this class only applies Raft's. Each call blocks until Ratis answers
 * (a new voter first catches up with the log). Thread-safe.
 */
public final class RaftMembership {
  /**
   * One member of the current configuration. {@code raftAddress} is host:port of its Raft server.
   */
  public record Member(String id, String raftAddress, boolean voting) {}

  private final RaftServer server;
  private final RaftGroupId group;
  private final RaftPeerId self;
  private final ClientId clientId = ClientId.randomId();
  private final AtomicLong callIds = new AtomicLong();
  private final long timeoutMillis;

  RaftMembership(RaftServer server, RaftGroupId group, RaftPeerId self, long timeoutMillis) {
    this.server = server;
    this.group = group;
    this.self = self;
    this.timeoutMillis = timeoutMillis;
  }

  /** Every member of the configuration in force on this node (voters and learners), in id order. */
  public List<Member> members() throws IOException {
    RaftConfiguration conf = conf();
    List<Member> out = new ArrayList<>();
    Collection<RaftPeer> listeners = conf.getAllPeers(RaftPeerRole.LISTENER);
    for (RaftPeer p : conf.getAllPeers())
      out.add(new Member(p.getId().toString(), p.getAddress(), true));
    for (RaftPeer p : listeners) out.add(new Member(p.getId().toString(), p.getAddress(), false));
    out.sort(Comparator.comparing(Member::id));
    return List.copyOf(out);
  }

  /** A learner's peer entry. */
  static RaftPeer learner(String id, String raftAddress) {
    return RaftPeer.newBuilder()
        .setId(id)
        .setAddress(raftAddress)
        .setStartupRole(RaftPeerRole.LISTENER)
        .build();
  }

  /**
   * Whether this node holds a configuration from the group's log that names {@code id}. A joining
   * node starts with a configuration of its own (the seeds, itself a learner), which is not in any
   * log: it has joined only once the leader's configuration reached it.
   */
  public boolean joined(String id) throws IOException {
    return conf().getLogEntryIndex() >= 0 && member(id).isPresent();
  }

  /** The member {@code id}, if it is in the configuration. */
  public Optional<Member> member(String id) throws IOException {
    return members().stream().filter(m -> m.id().equals(id)).findFirst();
  }

  /**
   * Whether a membership change is still in progress: a joint configuration (old and new voters) is
   * in force, or the newest configuration's entry is not committed yet.
   */
  public boolean changing() throws IOException {
    RaftConfiguration conf = conf();
    long committed = server.getDivision(group).getRaftLog().getLastCommittedIndex();
    return !conf.getPreviousPeers().isEmpty() || conf.getLogEntryIndex() > committed;
  }

  /** Adds {@code id} at {@code raftAddress} as a learner; nothing if it is already a member. */
  public void addLearner(String id, String raftAddress) throws IOException {
    if (member(id).isPresent()) return;
    List<RaftPeer> listeners = new ArrayList<>(peers(false));
    listeners.add(learner(id, raftAddress));
    set(peers(true), listeners);
  }

  /** Makes the learner {@code id} a voter (Ratis first brings its log up to date). */
  public void promote(String id) throws IOException {
    Member m = member(id).orElseThrow(() -> new IllegalArgumentException("no member " + id));
    if (m.voting()) return;
    List<RaftPeer> voters = new ArrayList<>(peers(true));
    voters.add(
        RaftPeer.newBuilder()
            .setId(id)
            .setAddress(m.raftAddress())
            .setStartupRole(RaftPeerRole.FOLLOWER)
            .build());
    List<RaftPeer> listeners =
        peers(false).stream().filter(p -> !p.getId().toString().equals(id)).toList();
    set(voters, listeners);
  }

  /** Removes {@code id} (voter or learner) from the group. */
  public void remove(String id) throws IOException {
    if (member(id).isEmpty()) throw new IllegalArgumentException("no member " + id);
    set(
        peers(true).stream().filter(p -> !p.getId().toString().equals(id)).toList(),
        peers(false).stream().filter(p -> !p.getId().toString().equals(id)).toList());
  }

  /** Hands leadership to the voter {@code target}; returns once it leads or the attempt failed. */
  public void transferLeadership(String target) throws IOException {
    requireLeader();
    RaftClientReply r =
        server.transferLeadership(
            new TransferLeadershipRequest(
                clientId,
                self,
                group,
                callIds.incrementAndGet(),
                RaftPeerId.valueOf(target),
                timeoutMillis));
    if (!r.isSuccess())
      throw new IOException("leadership transfer to " + target + " failed: " + r.getException());
  }

  private void set(List<RaftPeer> voters, List<RaftPeer> listeners) throws IOException {
    requireLeader();
    if (changing())
      throw new IllegalStateException("another membership change is still in progress");
    SetConfigurationRequest.Arguments args =
        SetConfigurationRequest.Arguments.newBuilder()
            .setServersInNewConf(voters)
            .setListenersInNewConf(listeners)
            .build();
    RaftClientReply r =
        server.setConfiguration(
            new SetConfigurationRequest(clientId, self, group, callIds.incrementAndGet(), args));
    if (!r.isSuccess()) throw new IOException("membership change failed: " + r.getException());
  }

  private List<RaftPeer> peers(boolean voters) throws IOException {
    RaftConfiguration conf = conf();
    return List.copyOf(
        voters ? conf.getCurrentPeers() : conf.getCurrentPeers(RaftPeerRole.LISTENER));
  }

  private RaftConfiguration conf() throws IOException {
    return server.getDivision(group).getRaftConf();
  }

  private void requireLeader() throws IOException {
    if (!server.getDivision(group).getInfo().isLeader()) {
      throw new StoreException(
          StoreError.UNAVAILABLE, "membership changes run on the leader; this node is not it");
    }
  }
}
