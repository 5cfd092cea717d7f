package dev.dfs.process;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Three {@code dfs server} processes forming one cluster on a {@link NodeNetwork} (a fourth can
 * join: {@link #grow}), and the faults the nemesis suite applies to them: SIGKILL and restart
 * (optionally with a skewed clock), SIGSTOP/SIGCONT, and their status and membership and layout
 * changes through the management API. Clients give up after a few seconds, so a paused or cut-off
 * node costs the load little. Only ever signals the processes it started. Not thread-safe except
 * {@link #client} and {@link #statusOrNull}, which the load calls.
 */
final class NemesisCluster implements AutoCloseable {
  /** The initial members (the seeds). */
  static final int SEEDS = 3;

  /** The most nodes a run has: the seeds and one that joins. */
  static final int MAX_NODES = 4;

  static final String SECRET = "nemesis-cluster-secret-0123456789";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration WAIT = Duration.ofSeconds(90);
  private static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(6);

  private final Path root;
  private final NodeNetwork net;
  private final Map<String, String> env;
  private final DfsProcess[] nodes = new DfsProcess[MAX_NODES];
  private final S3Client[] clients = new S3Client[MAX_NODES];
  private final boolean[] paused = new boolean[MAX_NODES];
  private final long[] skewMillis = new long[MAX_NODES];
  private volatile int size = SEEDS;
  private volatile long maxSkewMillis;
  private volatile JsonNode appliedRebalance;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

  NemesisCluster(Path root, NodeNetwork net) {
    this.root = root;
    this.net = net;
    StringBuilder seeds = new StringBuilder();
    for (int i = 0; i < SEEDS; i++) {
      if (i > 0) seeds.append(',');
      seeds.append(id(i)).append('=').append(net.address(i)).append(':').append(net.clusterPort(i));
    }
    Map<String, String> e = new HashMap<>();
    e.put("STORAGE_ENV", "cluster");
    e.put("DFS_CLUSTER_SECRET", SECRET);
    e.put("DFS_CLUSTER_SEEDS", seeds.toString());
    e.put("DFS_MASTER_KEY", Base64.getEncoder().encodeToString(new byte[32]));
    e.put("DFS_CLUSTER_GC_GRACE", "2"); // orphans go within seconds of the load's end
    e.put("DFS_REPAIR_BANDWIDTH", "0");
    e.put(
        "DFS_REPAIR_PASS_PERIOD", "10"); // replicas no queue knows of are found soon after healing
    this.env = Map.copyOf(e);
  }

  static String id(int i) {
    return "n" + (i + 1);
  }

  /**
   * How many nodes the cluster has: the seeds, and the joined one once {@link #grow} started it.
   */
  int size() {
    return size;
  }

  /** The largest clock offset any node ran with so far, in milliseconds (absolute). */
  long maxSkewMillis() {
    return maxSkewMillis;
  }

  /** The clock offset node {@code i} runs with now (0: none). */
  long skewMillis(int i) {
    return skewMillis[i];
  }

  Path dataDir(int i) {
    return root.resolve(id(i));
  }

  /** Starts every node at once (a JVM start on a loaded 2-core machine takes long). */
  void startAll() throws Exception {
    List<Thread> starting = new ArrayList<>();
    Exception[] failed = new Exception[SEEDS];
    for (int i = 0; i < SEEDS; i++) {
      int n = i;
      starting.add(
          Thread.ofVirtual()
              .start(
                  () -> {
                    try {
                      start(n);
                    } catch (Exception e) {
                      failed[n] = e;
                    }
                  }));
    }
    for (Thread t : starting) t.join();
    for (Exception e : failed) if (e != null) throw e;
  }

  /** Starts node {@code i} (its data dir kept) with the system clock. */
  void start(int i) throws Exception {
    start(i, 0);
  }

  /**
   * Starts node {@code i} (its data dir kept) with its clock {@code clockOffsetMillis} off the
   * system's (the server's {@code DFS_TEST_CLOCK_OFFSET_MS} test hook; 0: none). Node 4 (index
   * {@code SEEDS}) is not a seed: it joins the cluster as a learner.
   */
  void start(int i, long clockOffsetMillis) throws Exception {
    Map<String, String> e = env;
    if (clockOffsetMillis != 0) {
      e = new HashMap<>(env);
      e.put("DFS_TEST_CLOCK_OFFSET_MS", Long.toString(clockOffsetMillis));
    }
    DfsProcess p =
        DfsProcess.start(
            Duration.ofSeconds(180),
            net.launcher(i),
            net.address(i),
            dataDir(i),
            e,
            "--node-id",
            id(i),
            "--cluster-address",
            net.address(i) + ":" + net.clusterPort(i));
    synchronized (this) {
      nodes[i] = p;
      paused[i] = false;
      clients[i] = p.client(CLIENT_TIMEOUT);
      skewMillis[i] = clockOffsetMillis;
      maxSkewMillis = Math.max(maxSkewMillis, Math.abs(clockOffsetMillis));
      if (i >= size) size = i + 1;
    }
  }

  /** SIGKILL; the node is down until {@link #start}. */
  void kill(int i) throws Exception {
    DfsProcess p;
    S3Client c;
    synchronized (this) {
      p = nodes[i];
      c = clients[i];
      nodes[i] = null;
      clients[i] = null;
    }
    if (p == null) return;
    if (paused[i]) signal(p, "CONT");
    paused[i] = false;
    p.kill();
    c.close();
    p.close();
  }

  /** SIGSTOP: the process freezes (its sockets stay open, peers time out). */
  void pause(int i) throws Exception {
    signal(nodes[i], "STOP");
    paused[i] = true;
  }

  /** SIGCONT. */
  void resume(int i) throws Exception {
    if (nodes[i] != null && paused[i]) signal(nodes[i], "CONT");
    paused[i] = false;
  }

  boolean running(int i) {
    return nodes[i] != null;
  }

  private static void signal(DfsProcess p, String signal) throws IOException, InterruptedException {
    Process kill =
        new ProcessBuilder("kill", "-" + signal, Long.toString(p.pid())).inheritIO().start();
    if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
      throw new IOException("kill -" + signal + " " + p.pid() + " failed");
    }
  }

  /** Node {@code i}'s client, or null while it is down. */
  synchronized S3Client client(int i) {
    return clients[i];
  }

  JsonNode status(int i) throws Exception {
    return get(i, "/api/v1/cluster");
  }

  JsonNode statusOrNull(int i) {
    try {
      return nodes[i] == null || paused[i] ? null : status(i);
    } catch (Exception e) {
      return null;
    }
  }

  private JsonNode get(int i, String path) throws Exception {
    return call(i, "GET", path, null);
  }

  /** A management API call on node {@code i}; throws unless it answers 200. */
  JsonNode call(int i, String method, String path, String jsonBody) throws Exception {
    DfsProcess p = nodes[i];
    if (p == null) throw new IllegalStateException(id(i) + " is down");
    HttpRequest r =
        HttpRequest.newBuilder(p.endpoint().resolve(path))
            .header("X-Api-Key", apiKey(i))
            .header("Content-Type", "application/json")
            .timeout(Duration.ofSeconds(20))
            .method(
                method,
                jsonBody == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(jsonBody))
            .build();
    HttpResponse<String> resp = http.send(r, HttpResponse.BodyHandlers.ofString());
    if (resp.statusCode() != 200) {
      throw new IllegalStateException(
          method + " " + path + " on " + id(i) + ": " + resp.statusCode() + " " + resp.body());
    }
    return JSON.readTree(resp.body());
  }

  /**
   * Node {@code SEEDS} (n4) joins: started with the seeds as its seeds (so it asks to be added as a
   * learner), promoted to voter once it caught up, then staged into the data layout (capacity 1,
   * its own zone none) and the layout applied as the next version, so a quarter of the copies move
   * to it. Each call is retried through the leader until it is accepted (a learner is promoted only
   * once it caught up; a fault may move the leader meanwhile). Returns the layout version applied.
   */
  long grow() throws Exception {
    int n = SEEDS;
    start(n);
    String id = id(n);
    retry(
        "promote " + id,
        () -> {
          int l = leader();
          for (JsonNode m : status(l).get("members")) {
            if (m.get("id").asText().equals(id) && m.get("voting").asBoolean())
              return m; // a lost answer's promotion
          }
          return call(l, "POST", "/api/v1/cluster/members/" + id + "/promote", null);
        });
    long[] applied = {0};
    retry(
        "layout with " + id + " applied",
        () -> {
          int l = leader();
          JsonNode layout = call(l, "GET", "/api/v1/cluster/layout", null);
          boolean listed = false;
          for (JsonNode node : layout.get("nodes")) listed |= node.get("id").asText().equals(id);
          if (listed) {
            applied[0] = layout.get("version").asLong();
            return layout;
          }
          call(
              l,
              "PUT",
              "/api/v1/cluster/layout",
              "{\"assign\":[{\"node\":\"" + id + "\",\"capacity\":1,\"state\":\"active\"}]}");
          JsonNode done =
              call(
                  l,
                  "POST",
                  "/api/v1/cluster/layout",
                  "{\"version\":" + (layout.get("version").asLong() + 1) + "}");
          applied[0] = done.get("version").asLong();
          appliedRebalance = done.get("rebalance");
          return done;
        });
    return applied[0];
  }

  /**
   * The {@code rebalance} figures the layout apply answered with (null before {@link #grow} applied
   * one).
   */
  JsonNode appliedRebalance() {
    return appliedRebalance;
  }

  /** Hands the leadership to node {@code i} (retried until it leads). */
  void transferLeader(int i) throws Exception {
    retry(
        "leadership to " + id(i),
        () -> {
          call(leader(), "POST", "/api/v1/cluster/transfer-leader?node=" + id(i), null);
          if (leader() != i) throw new IllegalStateException(id(i) + " does not lead yet");
          return null;
        });
  }

  /**
   * Waits until every node applied layout {@code version} alone (older versions retired, nothing
   * moving); returns the leader's {@code rebalance} figures then.
   */
  JsonNode awaitLayoutSettled(long version) throws Exception {
    List<String> last = new ArrayList<>();
    try {
      await(
          "layout version " + version + " settled on every node",
          () -> {
            last.clear();
            for (int i = 0; i < size; i++) {
              JsonNode s = statusOrNull(i);
              JsonNode layout = s == null ? null : s.get("layout");
              if (layout == null || layout.isNull()) return false;
              last.add(
                  id(i)
                      + ": version "
                      + layout.get("version")
                      + " active "
                      + layout.get("activeVersions")
                      + " moving "
                      + layout.get("rebalance").get("moving"));
              if (layout.get("version").asLong() != version
                  || layout.get("activeVersions").size() != 1
                  || layout.get("rebalance").get("moving").asBoolean()) return false;
            }
            return true;
          });
    } catch (AssertionError e) {
      throw new AssertionError(e.getMessage() + ": " + last, e);
    }
    return status(leader()).get("layout").get("rebalance");
  }

  /** A management call that may fail while faults run. */
  @FunctionalInterface
  interface Call {
    Object run() throws Exception;
  }

  private static void retry(String what, Call call) throws InterruptedException {
    Exception[] last = new Exception[1];
    try {
      await(
          what,
          () -> {
            try {
              call.run();
              return true;
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
              return true;
            } catch (Exception e) {
              last[0] = e;
              return false;
            }
          });
    } catch (AssertionError e) {
      throw new AssertionError(e.getMessage() + ": " + last[0], e);
    }
  }

  private String apiKey(int i) throws IOException {
    Properties p = new Properties();
    try (InputStream in = Files.newInputStream(dataDir(i).resolve("root-credentials.properties"))) {
      p.load(in);
    }
    return p.getProperty("apiKey");
  }

  /** The leader's index, as a running node in a quorum reports it (waits for one). */
  int leader() throws InterruptedException {
    int[] found = {-1};
    await(
        "a known leader",
        () -> {
          for (int i = 0; i < size; i++) {
            JsonNode s = statusOrNull(i);
            if (s != null && s.hasNonNull("leaderId") && s.get("inQuorum").asBoolean()) {
              int l = Integer.parseInt(s.get("leaderId").asText().substring(1)) - 1;
              if (nodes[l] != null && !paused[l]) {
                found[0] = l;
                return true;
              }
            }
          }
          return false;
        });
    return found[0];
  }

  /**
   * Waits until every node is in a quorum and has applied what the leader had committed when asked.
   */
  void awaitCaughtUp() throws Exception {
    long commit = status(leader()).get("commitIndex").asLong();
    await(
        "every node applied index " + commit,
        () -> {
          for (int i = 0; i < size; i++) {
            JsonNode s = statusOrNull(i);
            if (s == null
                || !s.get("inQuorum").asBoolean()
                || s.get("appliedIndex").asLong() < commit) return false;
          }
          return true;
        });
  }

  /**
   * Waits until no node has a replica queued for repair and none counts an under-replicated chunk.
   */
  void awaitReplicationRestored() throws InterruptedException {
    List<String> last = new ArrayList<>();
    try {
      await(
          "replication restored on every node",
          () -> {
            last.clear();
            for (int i = 0; i < size; i++) {
              JsonNode s = statusOrNull(i);
              if (s == null) return false;
              long under = s.get("underReplicatedChunks").asLong();
              long toGo = s.get("repair").get("chunksToGo").asLong();
              last.add(id(i) + ": underReplicated " + under + ", chunksToGo " + toGo);
              if (under != 0 || toGo != 0) return false;
            }
            return true;
          });
    } catch (AssertionError e) {
      throw new AssertionError(e.getMessage() + ": " + last, e);
    }
  }

  /**
   * Waits until one node led while two full repair passes ended on it (so one ran wholly after this
   * call), comparing the pass's end time as that node reports it (its own clock).
   */
  void awaitFullPasses() throws Exception {
    String[] seen = new String[MAX_NODES];
    int[] changes = new int[MAX_NODES];
    for (int i = 0; i < size; i++) {
      JsonNode s = statusOrNull(i);
      seen[i] = s == null ? null : s.get("repair").path("lastFullPass").asText(null);
    }
    await(
        "two full repair passes on the leader",
        () -> {
          try {
            int l = leader();
            JsonNode s = statusOrNull(l);
            String last = s == null ? null : s.get("repair").path("lastFullPass").asText(null);
            if (last != null && !last.equals(seen[l])) {
              seen[l] = last;
              changes[l]++;
            }
            return changes[l] >= 2;
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
          }
        });
  }

  /** Waits until the leader's orphan sweep finished {@code passes} more passes than now. */
  void awaitSweepPasses(int passes) throws Exception {
    int leader = leader();
    long start = status(leader).get("repair").get("gc").get("passes").asLong();
    await(
        passes + " orphan sweep passes on " + id(leader),
        () -> {
          JsonNode s = statusOrNull(leader);
          return s != null && s.get("repair").get("gc").get("passes").asLong() >= start + passes;
        });
  }

  /**
   * Reads every node's metadata digest until all were taken at one applied index, then returns them
   * (equal when the replicas agree).
   */
  Set<String> digestsAtOneIndex() throws InterruptedException {
    List<JsonNode> last = new ArrayList<>();
    await(
        "digests of every node at one applied index",
        () -> {
          last.clear();
          for (int i = 0; i < size; i++) {
            try {
              last.add(get(i, "/api/v1/cluster/digest"));
            } catch (Exception e) {
              return false;
            }
          }
          return last.stream().map(d -> d.get("appliedIndex").asLong()).distinct().count() == 1;
        });
    Set<String> digests = new HashSet<>();
    for (JsonNode d : last)
      digests.add(d.get("appliedIndex").asLong() + ":" + d.get("sha256").asText());
    return digests;
  }

  /** The end of every running node's log, for a failure's diagnosis. */
  String logTails(int lines) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < MAX_NODES; i++) {
      if (nodes[i] == null) continue;
      try {
        List<String> all = nodes[i].output();
        b.append("---- ").append(id(i)).append(" log tail ----\n");
        all.subList(Math.max(0, all.size() - lines), all.size())
            .forEach(l -> b.append(l).append('\n'));
      } catch (IOException e) {
        b.append(id(i)).append(": log unreadable: ").append(e).append('\n');
      }
    }
    return b.toString();
  }

  /**
   * SIGTERM to every node, waiting for clean exits (chunk files and metadata then rest on disk).
   */
  void terminateAll() throws Exception {
    for (int i = 0; i < MAX_NODES; i++) {
      if (nodes[i] == null) continue;
      resume(i);
      clients[i].close();
      nodes[i].terminate();
      nodes[i].close();
      nodes[i] = null;
      clients[i] = null;
    }
  }

  static void await(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) throw new AssertionError("timed out waiting for " + what);
      Thread.sleep(200);
    }
  }

  /** Kills whatever still runs (resuming paused nodes first so nothing is left stopped). */
  @Override
  public void close() {
    for (int i = 0; i < MAX_NODES; i++) {
      try {
        kill(i);
      } catch (Exception e) {
        System.out.println("cleanup of " + id(i) + ": " + e);
      }
    }
  }
}
