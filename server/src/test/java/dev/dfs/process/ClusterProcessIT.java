package dev.dfs.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Three real {@code dfs server} processes with {@code STORAGE_ENV=cluster} on 127.0.0.1: a writer
 * load goes to whichever node admits writes (the leader; forwarding from followers is the HTTP
 * front's job), a follower and then the leader are killed with SIGKILL mid-load and started again,
 * and at the end every acknowledged object reads back byte for byte from every node. Writes keep
 * being acknowledged with one node down.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class ClusterProcessIT {
  private static final String SECRET = "process-cluster-secret-0123456789";
  private static final String BUCKET = "cluster";
  private static final int[] SIZES = {10, 1000, 70_000, 300_000, 1_500_000};

  private final Map<String, byte[]> acked = new ConcurrentHashMap<>();

  /**
   * The last key number written, across load phases. A key is never written twice: a PUT that
   * failed at every node may still have committed (the leader died after committing it, before
   * answering), so a key reused with a new body could read back as that body while {@link #acked}
   * holds the old one's digest. (The count restarted at {@code acked.size()} each phase until
   * 2026-12-06, which reused the numbers of keys never acknowledged; a CI run failed once with one
   * key "differing" on a node, which this would explain; the nodes' logs were gone, so it is not
   * confirmed.)
   */
  private final AtomicInteger keys = new AtomicInteger();

  private final DfsProcess[] nodes = new DfsProcess[3];
  private final S3Client[] clients = new S3Client[3];
  private Path root;
  private int[] ports;
  private String seeds;
  private Map<String, String> env;

  @Test
  void acknowledgedWritesSurviveSigkillOfAFollowerAndOfTheLeader(@TempDir Path dir)
      throws Exception {
    root = dir;
    ports = new int[] {freePortPair(), freePortPair(), freePortPair()};
    seeds = "n1=127.0.0.1:" + ports[0] + ",n2=127.0.0.1:" + ports[1] + ",n3=127.0.0.1:" + ports[2];
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
    try {
      for (int i = 0; i < 3; i++) start(i);
      int leader = awaitWriter(BUCKET);
      loadWhile(() -> killAndRestart((leader + 1) % 3)); // a follower
      int next = awaitWriter(null);
      loadWhile(() -> killAndRestart(next)); // the leader
      awaitWriter(null);
      assertThat(acked).hasSizeGreaterThan(10);
      for (int i = 0; i < 3; i++) verifyEventually(i);
    } finally {
      for (int i = 0; i < 3; i++) stop(i);
    }
  }

  private void start(int i) throws Exception {
    nodes[i] =
        DfsProcess.start(
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
    if (nodes[i] != null) nodes[i].close();
    clients[i] = null;
    nodes[i] = null;
  }

  private Void killAndRestart(int i) throws Exception {
    Thread.sleep(2_000); // mid-load
    nodes[i].kill();
    stop(i);
    Thread.sleep(3_000); // writes go on with one node down
    start(i);
    return null;
  }

  /**
   * Runs {@code fault} on this thread while a writer thread keeps writing; returns when both end.
   */
  private void loadWhile(java.util.concurrent.Callable<Void> fault) throws Exception {
    AtomicBoolean stop = new AtomicBoolean();
    Thread writer =
        Thread.ofVirtual()
            .start(
                () -> {
                  Random random = new Random();
                  while (!stop.get()) {
                    int n = keys.incrementAndGet();
                    byte[] body = new byte[SIZES[n % SIZES.length]];
                    random.nextBytes(body);
                    String key = "k" + n;
                    for (int i = 0; i < 3 && !stop.get(); i++) {
                      S3Client c = clients[i];
                      if (c == null) continue;
                      try {
                        c.putObject(b -> b.bucket(BUCKET).key(key), RequestBody.fromBytes(body));
                        acked.put(key, sha256(body));
                        break;
                      } catch (RuntimeException notHereOrDown) {
                        // a follower (503), a killed node, or no quorum right now: try the next
                        // node
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

  /** Waits until some node admits a write (creating {@code bucket} if given); returns its index. */
  private int awaitWriter(String bucket) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (System.nanoTime() < deadline) {
      for (int i = 0; i < 3; i++) {
        if (clients[i] == null) continue;
        try {
          if (bucket != null) {
            clients[i].createBucket(b -> b.bucket(bucket));
          } else {
            clients[i].putObject(b -> b.bucket(BUCKET).key("probe"), RequestBody.fromString("p"));
          }
          return i;
        } catch (S3Exception e) {
          // 503: not the leader; 404: a node that just restarted and has not caught up yet
          // answers from its own metadata (checking the bucket) before it refuses the write
          if (e.statusCode() != 503 && e.statusCode() != 404) throw e;
        } catch (RuntimeException down) {
          // not serving yet
        }
      }
      Thread.sleep(250);
    }
    throw new AssertionError("no node admitted writes within 120 s");
  }

  /** Every acknowledged object reads back from node {@code i} (its metadata may lag a moment). */
  private void verifyEventually(int i) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    List<String> wrong = new ArrayList<>();
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

  private static byte[] sha256(byte[] b) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(b);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A port p such that p and p + 1 (the node's Raft port) were both free just now. */
  static int freePortPair() throws IOException {
    for (int attempt = 0; attempt < 100; attempt++) {
      try (ServerSocket a = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
        int p = a.getLocalPort();
        if (p >= 65534) continue;
        try (ServerSocket b = new ServerSocket(p + 1, 50, InetAddress.getLoopbackAddress())) {
          return p;
        } catch (IOException taken) {
          // try another
        }
      }
    }
    throw new IOException("no two adjacent free ports found");
  }
}
