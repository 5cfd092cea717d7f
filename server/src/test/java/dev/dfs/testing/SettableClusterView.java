package dev.dfs.testing;

import dev.dfs.store.ClusterStatus;
import dev.dfs.store.ClusterView;
import dev.dfs.store.ObjectStore;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A {@link ClusterView} whose status and quorum a test sets, and {@link #offeredBy} to make any
 * engine offer it, so the layers above a cluster (management API, CLI, metrics, readiness) are
 * tested on an in-process local server without a cluster engine. {@link #readBarrier()} returns at
 * once; signatures are not supported. Thread-safe (volatile fields).
 */
public final class SettableClusterView implements ClusterView {
  private volatile ClusterStatus status;
  private volatile boolean inQuorum = true;
  private volatile dev.dfs.store.ClusterAdmin admin;
  private volatile Optional<ClusterStatus.MetadataDigest> digest = Optional.empty();

  public SettableClusterView(ClusterStatus status) {
    this.status = status;
  }

  /**
   * {@code engine} as an {@link ObjectStore} whose {@code cluster()} is {@code view}; every other
   * call goes to {@code engine} (its own exceptions unchanged).
   */
  public static ObjectStore offeredBy(ObjectStore engine, ClusterView view) {
    return (ObjectStore)
        Proxy.newProxyInstance(
            ObjectStore.class.getClassLoader(),
            new Class<?>[] {ObjectStore.class},
            (proxy, method, args) -> {
              if (method.getName().equals("cluster") && method.getParameterCount() == 0) {
                return Optional.of(view);
              }
              try {
                return method.invoke(engine, args);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
            });
  }

  /**
   * Three nodes as n1, the leader, sees them at term 7, commit 120, applied 118: n1 healthy in zone
   * a (match 120), n2 suspect in zone b (match 117, last seen two hours before {@code now}), n3
   * down without a zone, endpoint, sizes or match index, never seen; n1 repaired 4 chunks (4 MiB),
   * n2 2 (2 KiB), n3 did not tell; 5 under-replicated chunks, factor 3, counters (2 leader changes,
   * 40 commits in 1.5 s, 9 forwarded requests, 3 failovers).
   */
  public static ClusterStatus threeNodes(Instant now) {
    long gib = 1L << 30;
    return new ClusterStatus(
        "n1",
        Optional.of("n1"),
        7,
        120,
        118,
        List.of(
            new ClusterStatus.Member(
                "n1",
                ClusterStatus.Role.LEADER,
                "a",
                ClusterStatus.Health.HEALTHY,
                "127.0.0.1:7001",
                Optional.of(URI.create("http://127.0.0.1:5001")),
                100 * gib,
                3 * gib / 2,
                120,
                now,
                true,
                4,
                4L << 20),
            new ClusterStatus.Member(
                "n2",
                ClusterStatus.Role.FOLLOWER,
                "b",
                ClusterStatus.Health.SUSPECT,
                "127.0.0.1:7002",
                Optional.of(URI.create("http://127.0.0.1:5002")),
                100 * gib,
                gib,
                117,
                now.minusSeconds(7200),
                true,
                2,
                2048),
            new ClusterStatus.Member(
                "n3",
                ClusterStatus.Role.FOLLOWER,
                "",
                ClusterStatus.Health.DOWN,
                "127.0.0.1:7003",
                Optional.empty(),
                -1,
                -1,
                -1,
                null)),
        5,
        3,
        new ClusterStatus.Counters(2, 40, 1_500_000_000L, 10, 9, 3, 4, 12));
  }

  public void status(ClusterStatus status) {
    this.status = status;
  }

  /** The admin {@link #admin()} offers (null: none). */
  public void admin(dev.dfs.store.ClusterAdmin admin) {
    this.admin = admin;
  }

  @Override
  public Optional<dev.dfs.store.ClusterAdmin> admin() {
    return Optional.ofNullable(admin);
  }

  /** What {@link #metadataDigest()} answers (empty: the node cannot compute one). */
  public void digest(Optional<ClusterStatus.MetadataDigest> digest) {
    this.digest = digest;
  }

  @Override
  public Optional<ClusterStatus.MetadataDigest> metadataDigest() {
    return digest;
  }

  public void inQuorum(boolean inQuorum) {
    this.inQuorum = inQuorum;
  }

  @Override
  public String nodeId() {
    return status.nodeId();
  }

  @Override
  public boolean admitsWrites() {
    ClusterStatus s = status;
    return inQuorum && s.leaderId().map(s.nodeId()::equals).orElse(false);
  }

  @Override
  public Optional<ClusterStatus.Member> leader() {
    ClusterStatus s = status;
    return s.leaderId()
        .flatMap(id -> s.members().stream().filter(m -> m.id().equals(id)).findFirst());
  }

  @Override
  public boolean inQuorum() {
    return inQuorum;
  }

  @Override
  public void readBarrier() {}

  @Override
  public ClusterStatus status() {
    return status;
  }

  @Override
  public String sign(String canonical) {
    throw new UnsupportedOperationException("not a real cluster");
  }

  @Override
  public boolean verify(String canonical, String signature) {
    return false;
  }
}
