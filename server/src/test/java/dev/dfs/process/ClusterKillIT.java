package dev.dfs.process;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The process-level fault test: three real {@code dfs server} processes on 127.0.0.1 and a
 * writer that sends each PUT to the next node in turn (followers forward to the leader). Each round
 * SIGKILLs, mid-load, the leader, then a follower, then the node the writer's current request is
 * talking to, restarting each before the next kill. Checked: writes go on being acknowledged with
 * one node down; the restarted node catches up; every acknowledged object reads back byte for byte
 * from every node; every node's metadata digest ({@code /api/v1/cluster/digest}) is the same at the
 * same applied index. Then two of three nodes are killed: a write is refused with 503 (not a hang),
 * and once they return nothing acknowledged is missing.
 *
 * <p>Modes: the short one runs in the normal build: one round, each kill once the writer has
 * acknowledged a few writes since the last restart and while its next ones are in flight, a paced
 * writer of bodies up to 300 KB that rests while a killed node restarts (so the objects to read
 * back stay few), the two nodes of the last phase restarted in parallel. {@code
 * -Ddfs.kill.rounds=N} (or env {@code DFS_KILL_ROUNDS}) runs the soak instead: N rounds with {@link
 * #SOAK_LOAD} of unpaced, unbounded load (bodies up to 1.1 MB) before each kill. {@code
 * -Ddfs.kill=off} (or env {@code DFS_KILL=off}) skips the test. Each node's output is kept in
 * {@code target/cluster-kill-logs/} for a failure's diagnosis. The short mode starts a node JVM
 * eight times, which is most of its time: 5 to 8 minutes on a 2-core machine shared with five other
 * builds (load 25 to 40).
 */
@Timeout(value = 15, unit = TimeUnit.MINUTES)
class ClusterKillIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SECRET = "kill-test-cluster-secret-0123456789";
  private static final String BUCKET = "killed";

  /**
   * Body sizes the writer cycles through: inline, one block, several replica blocks; the soak adds
   * 1.1 MB.
   */
  private static final int[] SIZES = {10, 1000, 70_000, 300_000};

  private static final int[] SOAK_SIZES = {10, 1000, 70_000, 300_000, 1_100_000};

  /**
   * Pause between two writes in the short mode: enough objects to check, few enough to read back
   * quickly.
   */
  private static final Duration CI_PACE = Duration.ofMillis(100);

  private static final Duration WAIT = Duration.ofSeconds(120);

  /** Load before each kill in the long mode. */
  private static final Duration SOAK_LOAD = Duration.ofMillis(1_500);

  /** Writes acknowledged since the last restart before each kill in the short mode. */
  private static final int CI_LOAD_WRITES = 3;

  /**
   * Writes the short mode's writer may send beyond those awaited, so that some are in flight at the
   * kill.
   */
  private static final int CI_IN_FLIGHT = 3;

  private enum Victim {
    LEADER,
    FOLLOWER,
    CLIENTS_NODE
  }

  private final Map<String, byte[]> acked = new ConcurrentHashMap<>();
  private final DfsProcess[] nodes = new DfsProcess[3];
  private final S3Client[] clients = new S3Client[3];
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

  /** The node the writer's request in flight goes to. */
  private final AtomicInteger talkingTo = new AtomicInteger();

  /** Numbers the writer's keys, across rounds. */
  private final AtomicInteger seq = new AtomicInteger();

  private volatile String lastError;

  /**
   * The short mode's writer rests once this many writes are acknowledged (the soak's never does).
   */
  private volatile int writeUpTo = Integer.MAX_VALUE;

  private Path root;
  private int[] ports;
  private Map<String, String> env;

  @Test
  void acknowledgedWritesSurviveKillsOfLeaderFollowerAndTheClientsNode(@TempDir Path dir)
      throws Exception {
    org.junit.jupiter.api.Assumptions.assumeFalse(skipped(), "skipped: -Ddfs.kill=off");
    root = dir;
    ports =
        new int[] {
          ClusterProcessIT.freePortPair(),
          ClusterProcessIT.freePortPair(),
          ClusterProcessIT.freePortPair()
        };
    String seeds =
        "n1=127.0.0.1:" + ports[0] + ",n2=127.0.0.1:" + ports[1] + ",n3=127.0.0.1:" + ports[2];
    env =
        Map.of(
            "STORAGE_ENV",
            "cluster",
            "DFS_CLUSTER_SECRET",
            SECRET,
            "DFS_CLUSTER_SEEDS",
            seeds,
            "DFS_MASTER_KEY",
            Base64.getEncoder().encodeToString(new byte[32]));
    long began = System.nanoTime();
    deleteKeptLogs();
    try {
      // at the same moment, as a compose file starts them: that once left one node holding a
      // different entry 0 as committed (see VerifiedCommitRpc), answering every append of each
      // later leader with INCONSISTENCY at index 0, so the first kill of the leader lost the quorum
      startAll(0, 1, 2);
      createBucket();
      for (int round = 0; round < rounds(); round++) {
        for (Victim v : Victim.values()) loadWhile(() -> killMidLoadAndRestart(v));
      }
      assertThat(acked).hasSizeGreaterThan(10);
      for (int i = 0; i < 3; i++) verifyEventually(i);
      assertDigestsAgree();
      JsonNode onLeader = status(leader());
      for (JsonNode m : onLeader.get("members")) {
        assertThat(m.hasNonNull("matchIndex"))
            .as("the leader knows every member's match index: %s", onLeader)
            .isTrue();
      }

      twoOfThreeDownRefusesWritesAndLosesNothing();
      System.out.printf(
          "%d writes acknowledged and verified on every node in %d s%n",
          acked.size(), (System.nanoTime() - began) / 1_000_000_000);
    } finally {
      for (int i = 0; i < 3; i++) stop(i);
    }
  }

  private static void deleteKeptLogs() throws java.io.IOException {
    for (int i = 1; i <= 3; i++) {
      Files.deleteIfExists(
          DfsProcess.jar().resolveSibling("cluster-kill-logs").resolve("n" + i + ".log"));
    }
  }

  /** Whether the test is switched off ({@code -Ddfs.kill=off} or env {@code DFS_KILL=off}). */
  private static boolean skipped() {
    return "off"
        .equals(
            System.getProperty("dfs.kill", System.getenv().getOrDefault("DFS_KILL", "")).trim());
  }

  /** The long mode's rounds, or 0 for the short mode. */
  private static int soakRounds() {
    String r =
        System.getProperty("dfs.kill.rounds", System.getenv().getOrDefault("DFS_KILL_ROUNDS", ""));
    return r.isBlank() ? 0 : Math.max(1, Integer.parseInt(r.trim()));
  }

  private static int rounds() {
    return Math.max(1, soakRounds());
  }

  /** Starts the given nodes in parallel and waits until all of them serve. */
  private void startAll(int... which) throws Exception {
    List<Thread> starting = new ArrayList<>();
    Map<Integer, Exception> failed = new ConcurrentHashMap<>();
    for (int i : which) {
      starting.add(
          Thread.ofVirtual()
              .start(
                  () -> {
                    try {
                      start(i);
                    } catch (Exception e) {
                      failed.put(i, e);
                    }
                  }));
    }
    for (Thread t : starting) t.join();
    for (Exception e : failed.values()) throw e;
  }

  private void start(int i) throws Exception {
    // a restart on a machine shared with other builds can take long: a JVM and a Raft catch-up
    nodes[i] =
        DfsProcess.start(
            Duration.ofSeconds(240),
            root.resolve("n" + (i + 1)),
            env,
            "--node-id",
            "n" + (i + 1),
            "--cluster-address",
            "127.0.0.1:" + ports[i]);
    clients[i] = nodes[i].client();
  }

  private void stop(int i) throws Exception {
    if (clients[i] != null) clients[i].close();
    if (nodes[i] != null) keepLog(i);
    if (nodes[i] != null) nodes[i].close();
    clients[i] = null;
    nodes[i] = null;
  }

  private void createBucket() throws Exception {
    await(
        "the bucket created through some node",
        () -> {
          for (int i = 0; i < 3; i++) {
            try {
              clients[i].createBucket(b -> b.bucket(BUCKET));
              return true;
            } catch (S3Exception e) {
              if (e.statusCode() == 409) return true; // an earlier try committed
            } catch (RuntimeException notYet) {
              // no leader yet
            }
          }
          return false;
        });
  }

  /**
   * Kills the victim mid-load, checks writes go on without it, restarts it and waits until it
   * caught up.
   */
  private Void killMidLoadAndRestart(Victim victim) throws Exception {
    awaitLoad();
    int i =
        switch (victim) {
          case LEADER -> leader();
          case FOLLOWER -> (leader() + 1) % 3;
          case CLIENTS_NODE -> talkingTo.get();
        };
    System.out.printf(
        "%s: SIGKILL n%d (%s), %d writes acknowledged so far%n",
        java.time.Instant.now(), i + 1, victim, acked.size());
    nodes[i].kill();
    stop(i);
    int before = acked.size();
    allowWrites(before + 3);
    try {
      await(
          "writes acknowledged with n" + (i + 1) + " (" + victim + ") down",
          () -> acked.size() >= before + 3);
    } catch (AssertionError e) {
      dumpLogs();
      throw e;
    }
    start(i);
    long commit = status(leader()).get("commitIndex").asLong();
    int restarted = i;
    await(
        "n" + (i + 1) + " caught up to index " + commit,
        () -> {
          JsonNode s = statusOrNull(restarted);
          return s != null && s.get("appliedIndex").asLong() >= commit;
        });
    return null;
  }

  /**
   * Lets the writer's load run before a kill: a fixed time (long mode) or a few acknowledged writes
   * (short).
   */
  private void awaitLoad() throws InterruptedException {
    if (soakRounds() > 0) {
      Thread.sleep(SOAK_LOAD.toMillis());
      return;
    }
    int before = acked.size();
    allowWrites(before + CI_LOAD_WRITES + CI_IN_FLIGHT);
    await("load before the kill", () -> acked.size() >= before + CI_LOAD_WRITES);
  }

  /**
   * Lets the short mode's writer go on until {@code count} writes are acknowledged (then it rests).
   */
  private void allowWrites(int count) {
    if (soakRounds() == 0) writeUpTo = count;
  }

  /**
   * Appends node {@code i}'s output (before its process is gone and its log deleted) to {@code
   * target/cluster-kill-logs/nI.log}, one file per node across its restarts, for a failure's
   * diagnosis.
   */
  private void keepLog(int i) {
    try {
      Path dir = DfsProcess.jar().resolveSibling("cluster-kill-logs");
      Files.createDirectories(dir);
      Files.write(
          dir.resolve("n" + (i + 1) + ".log"),
          nodes[i].output(),
          java.nio.file.StandardOpenOption.CREATE,
          java.nio.file.StandardOpenOption.APPEND);
    } catch (java.io.IOException e) {
      System.out.println("n" + (i + 1) + ": log not kept: " + e);
    }
  }

  /** Prints the end of every running node's log (for a failure's diagnosis). */
  private void dumpLogs() {
    for (int i = 0; i < 3; i++) {
      if (nodes[i] == null) continue;
      try {
        List<String> lines = nodes[i].output();
        System.out.println("---- n" + (i + 1) + " log tail ----");
        lines.subList(Math.max(0, lines.size() - 40), lines.size()).forEach(System.out::println);
      } catch (java.io.IOException e) {
        System.out.println("n" + (i + 1) + ": log unreadable: " + e);
      }
    }
    System.out.println("last writer error: " + lastError);
  }

  /** Runs {@code fault} on this thread while a writer sends PUTs round-robin to the three nodes. */
  private void loadWhile(java.util.concurrent.Callable<Void> fault) throws Exception {
    AtomicBoolean stop = new AtomicBoolean();
    Thread writer =
        Thread.ofVirtual()
            .start(
                () -> {
                  Random random = new Random();
                  int next = 0;
                  while (!stop.get()) {
                    if (acked.size() >= writeUpTo) {
                      rest(Duration.ofMillis(20));
                      continue;
                    }
                    int n = seq.incrementAndGet();
                    int[] sizes = soakRounds() > 0 ? SOAK_SIZES : SIZES;
                    byte[] body = new byte[sizes[n % sizes.length]];
                    random.nextBytes(body);
                    String key = "k" + n;
                    for (int attempt = 0; attempt < 3 && !stop.get(); attempt++) {
                      int i = next++ % 3;
                      S3Client c = clients[i];
                      if (c == null) continue;
                      talkingTo.set(i);
                      try {
                        c.putObject(b -> b.bucket(BUCKET).key(key), RequestBody.fromBytes(body));
                        acked.put(key, sha256(body));
                        if (soakRounds() == 0) Thread.sleep(CI_PACE.toMillis());
                        break;
                      } catch (InterruptedException e) {
                        return;
                      } catch (RuntimeException downOrNoQuorum) {
                        // a killed node, an election, no quorum right now: try the next node
                        lastError = "n" + (i + 1) + ": " + downOrNoQuorum;
                      }
                    }
                  }
                });
    try {
      fault.call();
    } finally {
      stop.set(true);
      writer.join();
    }
  }

  /**
   * Kills two of three nodes: a write fails with 503 instead of hanging; when they return nothing
   * acknowledged is lost.
   */
  private void twoOfThreeDownRefusesWritesAndLosesNothing() throws Exception {
    int leader = leader();
    int[] down = {(leader + 1) % 3, (leader + 2) % 3};
    for (int i : down) {
      nodes[i].kill();
      stop(i);
    }
    long started = System.nanoTime();
    S3Exception refused = null;
    try {
      clients[leader].putObject(
          b -> b.bucket(BUCKET).key("without-quorum"), RequestBody.fromString("x"));
    } catch (S3Exception e) {
      refused = e;
    }
    System.out.printf(
        "write without quorum answered in %d ms%n", (System.nanoTime() - started) / 1_000_000);
    assertThat(refused).as("a write with two of three nodes down").isNotNull();
    assertThat(refused.statusCode()).isEqualTo(503);
    startAll(down);
    for (int i = 0; i < 3; i++) verifyEventually(i);
    assertDigestsAgree();
  }

  /** The index of the leader, as some running node reports it. */
  private int leader() throws Exception {
    int[] found = {-1};
    await(
        "a known leader",
        () -> {
          for (int i = 0; i < 3; i++) {
            JsonNode s = statusOrNull(i);
            if (s != null && s.hasNonNull("leaderId") && s.get("inQuorum").asBoolean()) {
              int l = Integer.parseInt(s.get("leaderId").asText().substring(1)) - 1;
              if (nodes[l] != null) {
                found[0] = l;
                return true;
              }
            }
          }
          return false;
        });
    return found[0];
  }

  private JsonNode status(int i) throws Exception {
    return get(i, "/api/v1/cluster");
  }

  private JsonNode statusOrNull(int i) {
    try {
      return nodes[i] == null ? null : status(i);
    } catch (Exception e) {
      return null;
    }
  }

  private JsonNode get(int i, String path) throws Exception {
    HttpRequest r =
        HttpRequest.newBuilder(nodes[i].endpoint().resolve(path))
            .header("X-Api-Key", apiKey(i))
            .timeout(Duration.ofSeconds(10))
            .GET()
            .build();
    HttpResponse<String> resp = http.send(r, HttpResponse.BodyHandlers.ofString());
    if (resp.statusCode() != 200)
      throw new IllegalStateException(path + " on n" + (i + 1) + ": " + resp.body());
    return JSON.readTree(resp.body());
  }

  private String apiKey(int i) throws Exception {
    Properties p = new Properties();
    try (InputStream in =
        Files.newInputStream(root.resolve("n" + (i + 1)).resolve("root-credentials.properties"))) {
      p.load(in);
    }
    return p.getProperty("apiKey");
  }

  /**
   * Reads every node's digest until all three were taken at the same applied index (entries may
   * still be applied on one), then requires them equal.
   */
  private void assertDigestsAgree() throws Exception {
    List<JsonNode> last = new ArrayList<>();
    await(
        "three digests at one applied index",
        () -> {
          last.clear();
          for (int i = 0; i < 3; i++) {
            try {
              last.add(get(i, "/api/v1/cluster/digest"));
            } catch (Exception e) {
              return false;
            }
          }
          Set<Long> at = new HashSet<>();
          for (JsonNode d : last) at.add(d.get("appliedIndex").asLong());
          return at.size() == 1;
        });
    Set<String> digests = new HashSet<>();
    for (JsonNode d : last) digests.add(d.get("sha256").asText());
    assertThat(digests).as("metadata digests at one applied index: %s", last).hasSize(1);
  }

  /** Every acknowledged object reads back from node {@code i} byte for byte. */
  private void verifyEventually(int i) throws Exception {
    List<String> wrong = new ArrayList<>();
    long deadline = System.nanoTime() + WAIT.toNanos();
    do {
      wrong.clear();
      for (Map.Entry<String, byte[]> e : acked.entrySet()) {
        try {
          byte[] got =
              clients[i].getObjectAsBytes(b -> b.bucket(BUCKET).key(e.getKey())).asByteArray();
          if (!MessageDigest.isEqual(sha256(got), e.getValue())) wrong.add(e.getKey() + " differs");
        } catch (RuntimeException ex) {
          wrong.add(e.getKey() + ": " + ex.getMessage());
        }
      }
      if (wrong.isEmpty()) return;
      Thread.sleep(500);
    } while (System.nanoTime() < deadline);
    throw new AssertionError(
        "node n"
            + (i + 1)
            + ": "
            + wrong.size()
            + " of "
            + acked.size()
            + " acknowledged objects wrong, e.g. "
            + wrong.subList(0, Math.min(5, wrong.size())));
  }

  private static void rest(Duration d) {
    try {
      Thread.sleep(d);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void await(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) throw new AssertionError("timed out waiting for " + what);
      Thread.sleep(100);
    }
  }

  private static byte[] sha256(byte[] b) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(b);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
