package dev.dfs.store.cluster;

import dev.dfs.store.ClusterAdmin;
import dev.dfs.store.ClusterAdmin.Refused;
import dev.dfs.store.ClusterAdmin.Refused.Kind;
import dev.dfs.store.ClusterLayout;
import dev.dfs.store.StoreException;
import dev.dfs.store.cluster.data.ChunkClient;
import dev.dfs.store.cluster.data.MemberRequests;
import dev.dfs.store.cluster.data.Node;
import dev.dfs.store.cluster.data.NodeState;
import dev.dfs.store.cluster.meta.GroupState;
import dev.dfs.store.cluster.meta.RaftMembership;
import dev.dfs.store.cluster.meta.RaftMetaLog;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Membership changes of the metadata group, wherever they are asked for: the operator's (through
 * {@link #call}) and a joining node's ({@code op=join}, a {@link MemberRequests} on the chunk
 * service, signed with the cluster secret). A node that is not the leader hands the request to the
 * leader's chunk service once ({@code hop=1}); the leader applies it through {@link
 * RaftMembership}, with the rules Raft alone does not have:
 *
 * <ul>
 *   <li>a removal must leave a live majority among the voters that remain (live: the leader heard
 *       from it within the election timeout), and the leader itself is not removed (transfer
 *       leadership first);
 *   <li>only a live learner is promoted (a dead one would count in the quorum at once);
 *   <li>one change at a time (RaftMembership refuses while one is in progress; a lock here keeps
 *       two operators' calls on the leader from racing that check).
 * </ul>
 *
 * Operations: {@code join} (id, address: the joiner's cluster address), {@code promote} (id),
 * {@code remove} (id), {@code transfer} (id, optional), {@code drain} (id; see {@link
 * Decommission}, which also refuses removing a node that may hold the only copies of chunks),
 * {@code layout-stage} (changes), {@code layout-apply} (version), {@code layout-revert} (see {@link
 * LayoutService}). Thread-safe.
 */
final class MembershipService implements MemberRequests, ClusterAdmin {
  private static final Logger log = LoggerFactory.getLogger(MembershipService.class);
  private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,31}");
  private static final Pattern ADDRESS = Pattern.compile("[A-Za-z0-9.-]{1,253}:[0-9]{1,5}");

  /** How long a forwarded change may take (a promotion waits for the learner to catch up). */
  static final Duration CHANGE_TIMEOUT = Duration.ofSeconds(60);

  private final String selfId;
  private final RaftMetaLog raft;
  private final ChunkClient client;
  private final Object changeLock = new Object();
  private final Decommission decommission;
  private final LayoutService layout;

  MembershipService(
      String selfId,
      RaftMetaLog raft,
      ChunkClient client,
      Decommission decommission,
      LayoutService layout) {
    this.layout = layout;
    this.selfId = selfId;
    this.raft = raft;
    this.client = client;
    this.decommission = decommission;
  }

  @Override
  public Drain drain(String nodeId) {
    call(Map.of("op", "drain", "id", nodeId));
    return decommission.progress(nodeId);
  }

  @Override
  public ClusterLayout layout() {
    try {
      raft.readBarrier(); // every change acknowledged before, on whichever node, is applied here
      return layout.report(true);
    } catch (IOException | StoreException e) {
      throw new Refused(Kind.UNAVAILABLE, "cannot read the layout now: " + e.getMessage());
    }
  }

  @Override
  public ClusterLayout layoutStatus() {
    try {
      return layout.report(false);
    } catch (IOException | StoreException e) {
      throw new Refused(Kind.UNAVAILABLE, "cannot read the layout now: " + e.getMessage());
    }
  }

  @Override
  public ClusterLayout stageLayout(List<ClusterLayout.Assignment> changes) {
    call(Map.of("op", "layout-stage", "changes", LayoutRequests.encode(changes)));
    return layout();
  }

  @Override
  public ClusterLayout applyLayout(long version) {
    call(Map.of("op", "layout-apply", "version", Long.toString(version)));
    return afterChange();
  }

  @Override
  public ClusterLayout revertLayout() {
    call(Map.of("op", "layout-revert"));
    return afterChange();
  }

  /**
   * The layout once this node applied the change just made, without predicting moves (nothing is
   * staged).
   */
  private ClusterLayout afterChange() {
    try {
      raft.readBarrier();
      return layout.report(false);
    } catch (IOException | StoreException e) {
      throw new Refused(
          Kind.UNAVAILABLE,
          "the change is made but the layout cannot be read now: " + e.getMessage());
    }
  }

  @Override
  public void promote(String nodeId) {
    call(Map.of("op", "promote", "id", nodeId));
  }

  @Override
  public void remove(String nodeId) {
    call(Map.of("op", "remove", "id", nodeId));
  }

  @Override
  public String transferLeadership(Optional<String> nodeId) {
    return call(
        nodeId.map(id -> Map.of("op", "transfer", "id", id)).orElse(Map.of("op", "transfer")));
  }

  /**
   * Runs {@code op} with {@code params} on the leader (here or forwarded); returns the leader's
   * answer text.
   */
  String call(Map<String, String> params) {
    Answer a = handle(params);
    if (a.status() == 200) return a.text();
    throw new Refused(kind(a.status()), a.text());
  }

  @Override
  public Answer handle(Map<String, String> params) {
    try {
      if (raft.state().leader()) return new Answer(200, applyHere(params));
      if (params.containsKey("hop"))
        return answer(new Refused(Kind.UNAVAILABLE, "the leader moved; try again"));
      Node leader =
          leaderNode()
              .orElseThrow(
                  () ->
                      new Refused(
                          Kind.UNAVAILABLE,
                          "no leader is known now; try again once the cluster has one"));
      Map<String, String> forwarded = new HashMap<>(params);
      forwarded.put("hop", "1");
      return client.member(leader, forwarded, CHANGE_TIMEOUT);
    } catch (Refused e) {
      return answer(e);
    } catch (IllegalStateException e) {
      return answer(new Refused(Kind.CONFLICT, Answer.reason(e)));
    } catch (StoreException | IOException e) {
      return answer(new Refused(Kind.UNAVAILABLE, Answer.reason(e)));
    }
  }

  private String applyHere(Map<String, String> params) throws IOException {
    String op = params.getOrDefault("op", "");
    String id = params.get("id");
    synchronized (changeLock) {
      switch (op) {
        case "join" -> join(validId(id), params.get("address"));
        case "promote" -> promoteHere(validId(id));
        case "remove" -> removeHere(validId(id));
        case "drain" -> decommission.drainHere(validId(id));
        case "layout-stage" ->
            layout.stageHere(LayoutRequests.decode(params.getOrDefault("changes", "")));
        case "layout-apply" -> layout.applyHere(LayoutRequests.version(params.get("version")));
        case "layout-revert" -> layout.revertHere();
        case "transfer" -> {
          return transfer(id == null || id.isEmpty() ? Optional.empty() : Optional.of(validId(id)));
        }
        default -> throw new Refused(Kind.INVALID, "unknown membership operation '" + op + "'");
      }
      return "ok";
    }
  }

  private void join(String id, @Nullable String address) throws IOException {
    if (address == null || !ADDRESS.matcher(address).matches()) {
      throw new Refused(Kind.INVALID, "a join needs the node's cluster address host:port");
    }
    String raftAddress = raftAddress(address);
    Optional<RaftMembership.Member> known = raft.membership().member(id);
    if (known.isPresent()) {
      if (known.get().raftAddress().equals(raftAddress)) return;
      throw new Refused(
          Kind.CONFLICT,
          "node "
              + id
              + " is already a member at another address ("
              + known.get().raftAddress()
              + "); remove it first to replace it");
    }
    raft.membership().addLearner(id, raftAddress);
    log.info("node {} at {} joined the metadata group as a learner", id, address);
  }

  private void promoteHere(String id) throws IOException {
    RaftMembership.Member m = existing(id);
    if (m.voting()) throw new Refused(Kind.CONFLICT, "node " + id + " already votes");
    if (!live(raft.state()).containsKey(id)) {
      throw new Refused(
          Kind.CONFLICT,
          "node "
              + id
              + " is not in touch with the leader; a voter that is down"
              + " would weaken the quorum at once");
    }
    raft.membership().promote(id);
    log.info("node {} promoted to voter", id);
  }

  private void removeHere(String id) throws IOException {
    RaftMembership.Member m = existing(id);
    GroupState s = raft.state();
    if (id.equals(selfId)) {
      throw new Refused(
          Kind.CONFLICT,
          "node "
              + id
              + " is the leader; transfer leadership first"
              + " (dfs admin cluster transfer-leader)");
    }
    if (m.voting()) {
      List<String> remaining =
          raft.membership().members().stream()
              .filter(RaftMembership.Member::voting)
              .map(RaftMembership.Member::id)
              .filter(v -> !v.equals(id))
              .toList();
      Map<String, Long> live = live(s);
      long liveLeft = remaining.stream().filter(live::containsKey).count();
      if (liveLeft < remaining.size() / 2 + 1) {
        throw new Refused(
            Kind.CONFLICT,
            "removing voter "
                + id
                + " would leave "
                + remaining.size()
                + " voters of which only "
                + liveLeft
                + " are live, fewer than a majority; bring nodes back first");
      }
    }
    decommission.checkRemovable(id);
    raft.membership().remove(id);
    decommission.retire(id);
    log.info("node {} removed from the metadata group", id);
  }

  private String transfer(Optional<String> target) throws IOException {
    Map<String, Long> live = live(raft.state());
    List<RaftMembership.Member> voters =
        raft.membership().members().stream()
            .filter(RaftMembership.Member::voting)
            .filter(v -> !v.id().equals(selfId))
            .toList();
    String to =
        target.orElseGet(
            () ->
                voters.stream()
                    .filter(v -> live.containsKey(v.id()))
                    .max(Comparator.comparingLong(v -> live.get(v.id())))
                    .map(RaftMembership.Member::id)
                    .orElseThrow(
                        () ->
                            new Refused(
                                Kind.CONFLICT, "no other live voter to hand leadership to")));
    if (to.equals(selfId)) return to;
    if (voters.stream().noneMatch(v -> v.id().equals(to))) {
      throw new Refused(Kind.CONFLICT, "node " + to + " is not a voter; promote it first");
    }
    if (!live.containsKey(to))
      throw new Refused(Kind.CONFLICT, "node " + to + " is not in touch with the leader");
    raft.membership().transferLeadership(to);
    log.info("leadership handed from {} to {}", selfId, to);
    return to;
  }

  /**
   * On the leader: the members it heard from within the election timeout (and itself), with their
   * match index.
   */
  private Map<String, Long> live(GroupState s) {
    long timeout = raft.electionTimeout().toMillis();
    Map<String, Long> out = new HashMap<>();
    s.contacts()
        .forEach(
            (id, c) -> {
              if (c.millisAgo() <= timeout) out.put(id, c.matchIndex());
            });
    out.put(selfId, s.appliedIndex());
    return out;
  }

  private RaftMembership.Member existing(String id) throws IOException {
    return raft.membership()
        .member(id)
        .orElseThrow(() -> new Refused(Kind.NOT_FOUND, "no member " + id));
  }

  /** The leader's chunk service, from the configuration (its Raft address, port − 1). */
  private Optional<Node> leaderNode() throws IOException {
    Optional<String> leader = raft.state().leaderId();
    if (leader.isEmpty()) return Optional.empty();
    return raft.membership().member(leader.get()).map(m -> node(m));
  }

  /** A member as the chunk transport addresses it: its chunk service is on its Raft port − 1. */
  static Node node(RaftMembership.Member m) {
    String a = m.raftAddress();
    int colon = a.lastIndexOf(':');
    int port = Integer.parseInt(a.substring(colon + 1)) - 1;
    return new Node(
        m.id(),
        URI.create("http://" + a.substring(0, colon) + ":" + port),
        null,
        1,
        NodeState.ACTIVE);
  }

  private static String raftAddress(String clusterAddress) {
    int colon = clusterAddress.lastIndexOf(':');
    int port = Integer.parseInt(clusterAddress.substring(colon + 1));
    if (port < 1 || port > 65534)
      throw new Refused(Kind.INVALID, "port out of range in " + clusterAddress);
    return clusterAddress.substring(0, colon) + ":" + (port + 1);
  }

  private static String validId(@Nullable String id) {
    if (id == null || !ID.matcher(id).matches())
      throw new Refused(Kind.INVALID, "bad node id '" + id + "'");
    return id;
  }

  /** The answer to a refused request: the kind's HTTP status, and why. */
  static Answer answer(Refused e) {
    int status =
        switch (e.kind()) {
          case NOT_FOUND -> 404;
          case CONFLICT -> 409;
          case INVALID -> 400;
          case UNAVAILABLE -> 503;
        };
    return Answer.failed(status, e);
  }

  private static Kind kind(int status) {
    return switch (status) {
      case 404 -> Kind.NOT_FOUND;
      case 409 -> Kind.CONFLICT;
      case 400 -> Kind.INVALID;
      default -> Kind.UNAVAILABLE;
    };
  }
}
