package dev.dfs.server.cluster;

import dev.dfs.store.ClusterStatus;
import dev.dfs.store.ClusterView;
import dev.dfs.store.StoreError;
import dev.dfs.store.StoreException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A {@link ClusterView} a test steers: which node leads, whether this one admits writes, whether
 * the read barrier fails; it counts barrier calls and signs with a fixed test secret (the same on
 * every node, as the real cluster secret). Thread-safe.
 */
final class TestClusterView implements ClusterView {
  static final byte[] SECRET = "test-cluster-secret".getBytes(StandardCharsets.UTF_8);

  private final String nodeId;
  private volatile boolean admitsWrites;
  private volatile Optional<ClusterStatus.Member> leader = Optional.empty();
  private volatile boolean barrierFails;
  final AtomicInteger barriers = new AtomicInteger();

  /** Requests the front forwarded to the leader ({@link #forwarded()}). */
  final AtomicInteger forwarded = new AtomicInteger();

  TestClusterView(String nodeId) {
    this.nodeId = nodeId;
  }

  /** A member as a view reports it: healthy, with its S3 endpoint. */
  static ClusterStatus.Member member(String id, ClusterStatus.Role role, URI s3) {
    return new ClusterStatus.Member(
        id,
        role,
        "",
        ClusterStatus.Health.HEALTHY,
        "127.0.0.1:0",
        Optional.of(s3),
        -1,
        -1,
        -1,
        null);
  }

  /** This node follows (or, when it is {@code leader}, is) {@code leader}. */
  void follow(ClusterStatus.Member leader) {
    this.leader = Optional.of(leader);
    this.admitsWrites = leader.id().equals(nodeId);
  }

  /** No leader known (an election, no quorum). */
  void noLeader() {
    this.leader = Optional.empty();
    this.admitsWrites = false;
  }

  void failBarrier(boolean fails) {
    this.barrierFails = fails;
  }

  @Override
  public void forwarded() {
    forwarded.incrementAndGet();
  }

  @Override
  public String nodeId() {
    return nodeId;
  }

  @Override
  public boolean admitsWrites() {
    return admitsWrites;
  }

  @Override
  public Optional<ClusterStatus.Member> leader() {
    return leader;
  }

  @Override
  public boolean inQuorum() {
    return leader.isPresent();
  }

  @Override
  public void readBarrier() {
    barriers.incrementAndGet();
    if (barrierFails) throw new StoreException(StoreError.UNAVAILABLE, "no leader confirmed");
  }

  @Override
  public ClusterStatus status() {
    return new ClusterStatus(
        nodeId,
        leader.map(ClusterStatus.Member::id),
        1,
        0,
        0,
        leader.map(List::of).orElse(List.of()),
        0,
        3,
        ClusterStatus.Counters.ZERO);
  }

  @Override
  public String sign(String canonical) {
    return sign(SECRET, canonical);
  }

  static String sign(byte[] secret, String canonical) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(canonical.getBytes(StandardCharsets.UTF_8)));
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public boolean verify(String canonical, String signature) {
    return MessageDigest.isEqual(
        sign(canonical).getBytes(StandardCharsets.UTF_8),
        signature.getBytes(StandardCharsets.UTF_8));
  }
}
