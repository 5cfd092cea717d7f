package dev.dfs.store.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dfs.lifecycle.LifecycleDay;
import dev.dfs.store.ObjectStore;
import dev.dfs.store.PutObjectRequest;
import dev.dfs.store.local.LocalStore;
import dev.dfs.testing.DfsTestServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The tiering tests' cluster: three in-process nodes, each serving S3 with a one-second lifecycle
 * day, and another in-process DFS (local engine) as the S3 remote, holding the bucket {@value
 * #REMOTE_BUCKET}. Two S3 tiers on it are defined through a follower's admin API (after a directory
 * tier is refused there): {@code remote} serves GLACIER_IR under the prefix {@code c1/}, {@code
 * vault} serves GLACIER under {@code c1v/}. The remote's PutObject of {@code c1/} keys passes
 * {@link #gate} first, so a test can hold a transition's upload. For tests; not thread-safe.
 */
final class TieredCluster implements AutoCloseable {
  static final Duration WAIT = Duration.ofSeconds(60);
  static final String REMOTE_BUCKET = "cold";

  final ThreeNodeCluster cluster;
  final DfsTestServer[] servers = new DfsTestServer[3];
  private final S3Client[] clients = new S3Client[3];
  final DfsTestServer remote;
  final S3Client remoteClient;
  final Gate gate;

  /** Holds the remote's PutObject calls while armed, so a transition's upload can be paused. */
  static final class Gate {
    volatile CountDownLatch release = new CountDownLatch(0);
    final CountDownLatch entered = new CountDownLatch(1);

    void arm() {
      release = new CountDownLatch(1);
    }

    void pass() throws InterruptedException {
      CountDownLatch r = release;
      if (r.getCount() == 0) return;
      entered.countDown();
      if (!r.await(60, TimeUnit.SECONDS)) throw new AssertionError("gate never released");
    }
  }

  private TieredCluster(Path temp) throws Exception {
    gate = new Gate();
    remote = DfsTestServer.start(gated(LocalStore.open(temp.resolve("remote")), gate));
    remoteClient = remote.client();
    remoteClient.createBucket(b -> b.bucket(REMOTE_BUCKET));
    cluster = new ThreeNodeCluster(temp.resolve("cluster"));
  }

  /** Starts the remote, the three nodes and their S3 servers, and defines the two tiers. */
  static TieredCluster start(Path temp) throws Exception {
    TieredCluster t = new TieredCluster(temp);
    try {
      t.startNodes();
    } catch (Exception | AssertionError e) {
      t.close();
      throw e;
    }
    return t;
  }

  /** Starts the nodes and their S3 servers and defines the tiers. */
  private void startNodes() throws Exception {
    cluster.startAll();
    int leader = cluster.awaitLeader();
    for (int i = 0; i < 3; i++) {
      servers[i] = DfsTestServer.start(cluster.store(i), new LifecycleDay(Duration.ofSeconds(1)));
      cluster.node(i).advertise(servers[i].endpoint());
    }
    cluster.awaitQuorum();
    for (int i = 0; i < 3; i++) {
      int node = i;
      await(
          "n" + (i + 1) + " knows the leader's endpoint",
          () ->
              node == leader
                  || cluster.node(node).view().leader().flatMap(m -> m.s3Endpoint()).isPresent());
    }
    tiersThroughAFollower(leader);
  }

  /** The remote's store, whose PutObject of a {@code c1/} key waits at {@code gate} first. */
  private static ObjectStore gated(LocalStore store, Gate gate) {
    return (ObjectStore)
        Proxy.newProxyInstance(
            ObjectStore.class.getClassLoader(),
            new Class<?>[] {ObjectStore.class},
            (proxy, method, args) -> {
              if (method.getName().equals("putObject")
                  && ((PutObjectRequest) args[0]).key().startsWith("c1/")) {
                gate.pass();
              }
              try {
                return method.invoke(store, args);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
            });
  }

  /** Defines the two S3 tiers through a follower (forwarded to the leader); a directory is 400. */
  private void tiersThroughAFollower(int leader) throws Exception {
    int follower = (leader + 1) % 3;
    HttpResponse<String> dir =
        admin(
            follower,
            "POST",
            "{\"name\":\"d\",\"type\":\"directory\",\"storageClasses\":[\"STANDARD_IA\"],"
                + "\"path\":\"/tmp/x\"}");
    assertThat(dir.statusCode()).isEqualTo(400);
    assertThat(dir.body()).contains("reachable by every node");
    assertThat(admin(follower, "POST", s3Tier("remote", "GLACIER_IR", "c1/")).statusCode())
        .isEqualTo(201);
    assertThat(admin(follower, "POST", s3Tier("vault", "GLACIER", "c1v/")).statusCode())
        .isEqualTo(201);
    HttpResponse<String> list = admin((leader + 2) % 3, "GET", null);
    assertThat(list.statusCode()).isEqualTo(200);
    assertThat(list.body()).contains("\"remote\"").contains("\"vault\"").doesNotContain("secret-");
  }

  private String s3Tier(String name, String storageClass, String prefix) {
    return "{\"name\":\""
        + name
        + "\",\"type\":\"s3\",\"storageClasses\":[\""
        + storageClass
        + "\"],\"endpoint\":\""
        + remote.endpoint()
        + "\",\"bucket\":\""
        + REMOTE_BUCKET
        + "\",\"prefix\":\""
        + prefix
        + "\",\"region\":\"us-east-1\",\"accessKey\":\""
        + DfsTestServer.ACCESS_KEY
        + "\",\"secretKey\":\""
        + DfsTestServer.SECRET_KEY
        + "\"}";
  }

  /** {@code method} on node {@code node}'s {@code /api/v1/tiers} as an admin. */
  HttpResponse<String> admin(int node, String method, @Nullable String body) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(servers[node].endpoint() + "/api/v1/tiers"))
            .header("X-Api-Key", DfsTestServer.API_KEY)
            .header("Content-Type", "application/json")
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    try (HttpClient http = HttpClient.newHttpClient()) {
      return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
  }

  /** Node {@code node}'s S3 client (made once, closed with the fixture). */
  S3Client client(int node) {
    if (clients[node] == null) clients[node] = servers[node].client();
    return clients[node];
  }

  /** The storage class HEAD reports for {@code bucket/key} through {@code c} (null: STANDARD). */
  static @Nullable String cls(S3Client c, String bucket, String key) {
    return c.headObject(h -> h.bucket(bucket).key(key)).storageClassAsString();
  }

  /** How many chunks the versions on node {@code node} reference (the first 100). */
  int referencedChunks(int node) {
    try {
      return cluster.node(node).local().referencedChunks(null, 100).size();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** How many records under {@code prefix} node {@code node}'s tier ledger holds. */
  int ledger(int node, String prefix) {
    try {
      return cluster.node(node).local().systemTable("tiers").scan(prefix).size();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Waits until no node's tier ledger holds an intent or a copy to free. */
  void awaitLedgerEmpty() {
    for (int i = 0; i < 3; i++) {
      int node = i;
      await(
          "n" + (i + 1) + "'s tier ledger empty",
          () -> ledger(node, "intent/") == 0 && ledger(node, "free/") == 0);
    }
  }

  /** How many objects the remote bucket holds under {@code prefix}. */
  int remoteObjects(String prefix) {
    return remoteClient.listObjectsV2(l -> l.bucket(REMOTE_BUCKET).prefix(prefix)).keyCount();
  }

  static byte[] bytes(int n, long seed) {
    byte[] b = new byte[n];
    new Random(seed).nextBytes(b);
    return b;
  }

  static void await(String what, BooleanSupplier condition) {
    ThreeNodeCluster.await(what, WAIT, condition);
  }

  @Override
  public void close() throws Exception {
    for (S3Client c : clients) if (c != null) c.close();
    for (DfsTestServer s : servers) if (s != null) s.close();
    cluster.close();
    remoteClient.close();
    remote.close();
  }
}
