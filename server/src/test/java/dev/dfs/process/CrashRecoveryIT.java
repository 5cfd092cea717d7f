package dev.dfs.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Kills a real server with SIGKILL while concurrent clients overwrite objects, several times,
 * and checks after every restart: every acknowledged PUT reads back byte for byte (or was
 * replaced by the one write to that key that was in flight at the kill), nothing half-written
 * is listed, and planted orphan chunk files are swept.
 */
class CrashRecoveryIT {
  private static final int WRITERS = 8;
  private static final int KEYS_PER_WRITER = 12;
  private static final int[] SIZES = {0, 1, 1000, 70_000, 300_000, 1_500_000};
  private static final int ROUNDS = 3;

  /** Per key: the last acknowledged payload seed, and the seed of a write in flight. */
  private final Map<String, Long> acked = new ConcurrentHashMap<>();
  private final Map<String, Long> inFlight = new ConcurrentHashMap<>();

  @Test
  void acknowledgedWritesSurviveSigkill(@TempDir Path data) throws Exception {
    try (DfsProcess first = DfsProcess.start(data);
        S3Client client = first.client()) {
      client.createBucket(b -> b.bucket("crash"));
      first.terminate();
    }
    Random random = new Random(42);
    for (int round = 0; round < ROUNDS; round++) {
      try (DfsProcess server = DfsProcess.start(data);
          S3Client client = server.client()) {
        verify(client, round);
        runLoadThenKill(server, client, 700 + random.nextInt(900), round);
      }
    }
    Path orphan = plantOrphans(data);
    try (DfsProcess server = DfsProcess.start(data);
        S3Client client = server.client()) {
      verify(client, ROUNDS);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      while (orphan != null && Files.exists(orphan) && System.nanoTime() < deadline) {
        Thread.sleep(100);
      }
      if (orphan != null) {
        assertThat(orphan).as("orphan chunk file removed by the sweep").doesNotExist();
      }
      // The JVM reports death by SIGTERM as 143 even after a clean shutdown; the log says so.
      int exit = server.terminate();
      assertThat(exit).as("exit on SIGTERM").isIn(0, 143);
      assertThat(server.output()).as("exit %d", exit)
          .anyMatch(line -> line.contains("stopped cleanly"));
    }
  }

  private void runLoadThenKill(DfsProcess server, S3Client client, long millis, int round)
      throws Exception {
    AtomicBoolean stop = new AtomicBoolean();
    ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
    for (int w = 0; w < WRITERS; w++) {
      int writer = w;
      pool.submit(() -> {
        Random r = new Random(round * 1000L + writer);
        while (!stop.get()) {
          String key = "w" + writer + "/k" + r.nextInt(KEYS_PER_WRITER);
          long seed = r.nextLong();
          inFlight.put(key, seed);
          try {
            byte[] body = payload(seed);
            client.putObject(b -> b.bucket("crash").key(key), RequestBody.fromBytes(body));
            acked.put(key, seed);
            inFlight.remove(key);
          } catch (RuntimeException e) {
            return; // the server died under us: this write may or may not have landed
          }
        }
        return;
      });
    }
    Thread.sleep(millis);
    server.kill();
    stop.set(true);
    pool.shutdown();
    assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
  }

  private void verify(S3Client client, int round) {
    Map<String, S3Object> listed = new HashMap<>();
    client.listObjectsV2Paginator(b -> b.bucket("crash")).contents()
        .forEach(o -> listed.put(o.key(), o));
    for (Map.Entry<String, Long> e : acked.entrySet()) {
      assertThat(listed).as("round %d: acknowledged %s listed", round, e.getKey())
          .containsKey(e.getKey());
    }
    for (S3Object o : listed.values()) {
      byte[] got;
      try {
        got = client.getObjectAsBytes(b -> b.bucket("crash").key(o.key())).asByteArray();
      } catch (NoSuchKeyException missing) {
        throw new AssertionError("round " + round + ": listed but unreadable: " + o.key());
      }
      List<Long> candidates = new ArrayList<>();
      if (acked.containsKey(o.key())) candidates.add(acked.get(o.key()));
      if (inFlight.containsKey(o.key())) candidates.add(inFlight.get(o.key()));
      boolean matches = candidates.stream().anyMatch(seed -> java.util.Arrays.equals(payload(seed), got));
      assertThat(matches)
          .as("round %d: %s holds an acknowledged or in-flight payload, whole", round, o.key())
          .isTrue();
      assertThat(o.size()).isEqualTo(got.length);
      // What was in flight and landed is now the acknowledged state for later rounds.
      if (inFlight.containsKey(o.key()) && java.util.Arrays.equals(payload(inFlight.get(o.key())), got)) {
        acked.put(o.key(), inFlight.get(o.key()));
      }
    }
    inFlight.clear();
  }

  /** Simulates a crash between chunk rename and metadata commit: an unreferenced chunk file. */
  private static Path plantOrphans(Path data) throws Exception {
    Path chunks = data.resolve("chunks");
    if (!Files.isDirectory(chunks)) return null;
    Path existing;
    try (Stream<Path> files = Files.walk(chunks)) {
      existing = files.filter(Files::isRegularFile).findFirst().orElse(null);
    }
    if (existing == null) return null;
    // Same fan-out directory (named by the id's first two bytes), so it is a well-formed id.
    String name = existing.getFileName().toString();
    Path orphan = existing.resolveSibling(name.substring(0, 4) + "0".repeat(name.length() - 4));
    Files.copy(existing, orphan);
    Files.setLastModifiedTime(orphan, java.nio.file.attribute.FileTime.fromMillis(
        System.currentTimeMillis() - 60_000));
    return orphan;
  }

  static byte[] payload(long seed) {
    Random r = new Random(seed);
    byte[] b = new byte[SIZES[Math.floorMod(seed, SIZES.length)]];
    r.nextBytes(b);
    return b;
  }
}
