package dev.dfs.store.cluster;

import dev.dfs.store.ClusterStatus;
import dev.dfs.store.ClusterStatus.Member;
import dev.dfs.store.ClusterStatus.Role;
import dev.dfs.store.ClusterView;
import dev.dfs.store.cluster.data.NodeInfo;
import dev.dfs.store.cluster.data.RepairQueue;
import dev.dfs.store.cluster.meta.ClusterSettings;
import dev.dfs.store.cluster.meta.GroupState;
import dev.dfs.store.cluster.meta.RaftMembership;
import dev.dfs.store.cluster.meta.RaftMetaLog;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * The {@link ClusterView} of one node: roles, term and indexes from its Raft server's local state
 * ({@link RaftMetaLog#state()}), peers' zones, endpoints, capacity, repair counters and health from
 * the {@link PeerDirectory} (as of each peer's last poll), this node's own from {@code self}. No
 * method but {@link #readBarrier()} does network I/O. Thread-safe.
 */
final class RaftClusterView implements ClusterView {
  private final ClusterSettings settings;
  private final RaftMetaLog raft;
  private final PeerDirectory peers;
  private final Supplier<NodeInfo> self;
  private final RepairQueue repairs;
  private final int replicationFactor;
  private final LongSupplier failovers;
  private final Supplier<ClusterStatus.Repair> repair;
  private final Clock clock;
  private final SecretKeySpec key;

  /** Requests the HTTP front forwarded to the leader ({@link #forwarded}). */
  private final java.util.concurrent.atomic.LongAdder forwarded =
      new java.util.concurrent.atomic.LongAdder();

  private final Optional<dev.dfs.store.ClusterAdmin> admin;

  RaftClusterView(
      ClusterSettings settings,
      RaftMetaLog raft,
      PeerDirectory peers,
      Supplier<NodeInfo> self,
      RepairQueue repairs,
      int replicationFactor,
      LongSupplier failovers,
      Supplier<ClusterStatus.Repair> repair,
      Clock clock,
      dev.dfs.store.ClusterAdmin admin) {
    this.admin = Optional.ofNullable(admin);
    this.settings = settings;
    this.raft = raft;
    this.peers = peers;
    this.self = self;
    this.repairs = repairs;
    this.replicationFactor = replicationFactor;
    this.failovers = failovers;
    this.repair = repair;
    this.clock = clock;
    this.key = new SecretKeySpec(settings.secret().getBytes(StandardCharsets.UTF_8), "HmacSHA256");
  }

  @Override
  public String nodeId() {
    return settings.nodeId();
  }

  @Override
  public boolean admitsWrites() {
    return raft.writable();
  }

  @Override
  public Optional<Member> leader() {
    GroupState s = state();
    if (s == null || s.leaderId().isEmpty()) return Optional.empty();
    String id = s.leaderId().get();
    return configuration().stream()
        .filter(m -> m.id().equals(id))
        .findFirst()
        .map(m -> member(m, s));
  }

  @Override
  public boolean inQuorum() {
    GroupState s = state();
    if (s == null || s.leaderId().isEmpty()) return false;
    long timeout = raft.electionTimeout().toMillis();
    if (s.leader()) {
      long heard = s.contacts().values().stream().filter(c -> c.millisAgo() <= timeout).count();
      long voters = configuration().stream().filter(RaftMembership.Member::voting).count();
      return heard + 1 > voters / 2;
    }
    GroupState.Contact l = s.contacts().get(s.leaderId().get());
    return l != null && l.millisAgo() <= timeout;
  }

  @Override
  public void readBarrier() {
    raft.readBarrier();
  }

  @Override
  public ClusterStatus status() {
    GroupState s = state();
    ClusterStatus.Repair upkeep = repair.get();
    List<Member> members = new ArrayList<>();
    for (RaftMembership.Member m : configuration())
      members.add(dead(member(m, s), upkeep.deadNodes()));
    members.sort(Comparator.comparing(Member::id));
    return new ClusterStatus(
        nodeId(),
        s == null ? Optional.empty() : s.leaderId(),
        s == null ? 0 : s.term(),
        s == null ? -1 : s.commitIndex(),
        s == null ? -1 : s.appliedIndex(),
        members,
        repairs.size(),
        replicationFactor,
        new ClusterStatus.Counters(
            s == null ? 0 : s.leaderChanges(),
            s == null ? 0 : s.commits(),
            s == null ? 0 : s.commitNanos(),
            s == null ? 0 : s.commitEntries(),
            forwarded.sum(),
            failovers.getAsLong(),
            raft.readBarriersSent(),
            raft.readBarrierCallers()),
        upkeep);
  }

  /** The member, shown DEAD when this node declared it dead. */
  private static Member dead(Member m, List<String> dead) {
    if (!dead.contains(m.id())) return m;
    return new Member(
        m.id(),
        m.role(),
        m.zone(),
        ClusterStatus.Health.DEAD,
        m.clusterAddress(),
        m.s3Endpoint(),
        m.capacityBytes(),
        m.usedBytes(),
        m.matchIndex(),
        m.lastSeen(),
        m.voting(),
        m.chunksRepaired(),
        m.bytesRepaired());
  }

  @Override
  public Optional<ClusterStatus.MetadataDigest> metadataDigest() {
    try {
      var d = raft.metadataDigest();
      return Optional.of(
          new ClusterStatus.MetadataDigest(
              nodeId(),
              d.at() == null ? -1 : d.at().term(),
              d.at() == null ? -1 : d.at().index(),
              HexFormat.of().formatHex(d.sha256())));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  @Override
  public void forwarded() {
    forwarded.increment();
  }

  @Override
  public Optional<dev.dfs.store.ClusterAdmin> admin() {
    return admin;
  }

  /**
   * The members of the configuration in force here (voters and learners); while the Raft server
   * cannot tell (starting), the seeds as voters.
   */
  private List<RaftMembership.Member> configuration() {
    try {
      List<RaftMembership.Member> conf = raft.membership().members();
      if (!conf.isEmpty()) return conf;
    } catch (IOException | RuntimeException e) {
      // starting or stopping: fall back to the seeds
    }
    return settings.seeds().stream()
        .map(p -> new RaftMembership.Member(p.id(), p.address().raft().toString(), true))
        .toList();
  }

  private Member member(RaftMembership.Member conf, @Nullable GroupState s) {
    String id = conf.id();
    String address = MembershipService.node(conf).address().getAuthority();
    Role role =
        !conf.voting()
            ? Role.LEARNER
            : s == null || s.leaderId().isEmpty()
                ? Role.UNKNOWN
                : s.leaderId().get().equals(id) ? Role.LEADER : Role.FOLLOWER;
    GroupState.Contact contact = s == null ? null : s.contacts().get(id);
    long match = contact == null ? -1 : contact.matchIndex();
    if (id.equals(nodeId())) {
      NodeInfo me = self.get();
      return new Member(
          id,
          role,
          me.zone(),
          ClusterStatus.Health.HEALTHY,
          address,
          me.s3Endpoint(),
          me.capacityBytes(),
          me.usedBytes(),
          s != null && s.leader() ? s.appliedIndex() : match,
          clock.instant(),
          conf.voting(),
          me.chunksRepaired(),
          me.bytesRepaired());
    }
    Optional<PeerDirectory.Seen> seen = peers.seen(id);
    NodeInfo info = seen.map(PeerDirectory.Seen::info).orElse(null);
    Instant lastSeen = seen.map(PeerDirectory.Seen::at).orElse(null);
    return new Member(
        id,
        role,
        info == null ? "" : info.zone(),
        peers.health(id),
        address,
        info == null ? Optional.<URI>empty() : info.s3Endpoint(),
        info == null ? -1 : info.capacityBytes(),
        info == null ? -1 : info.usedBytes(),
        match,
        lastSeen,
        conf.voting(),
        info == null ? -1 : info.chunksRepaired(),
        info == null ? -1 : info.bytesRepaired());
  }

  /** The Raft server's state now, or null while it cannot tell (starting, stopping). */
  private @Nullable GroupState state() {
    try {
      return raft.state();
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  @Override
  public String sign(String canonical) {
    return hmac(key, canonical);
  }

  /** HMAC-SHA256, lower-case hex, of {@code text} under {@code secret} (UTF-8). */
  static String hmacHex(String secret, String text) {
    return hmac(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"), text);
  }

  private static String hmac(SecretKeySpec key, String text) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 missing from this JDK", e);
    }
  }

  @Override
  public boolean verify(String canonical, String signature) {
    if (signature == null) return false;
    return MessageDigest.isEqual(
        sign(canonical).getBytes(StandardCharsets.US_ASCII),
        signature.getBytes(StandardCharsets.US_ASCII));
  }
}
