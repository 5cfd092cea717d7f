package dev.dfs.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Kills a real server with SIGKILL while concurrent clients overwrite objects, complete multipart
 * uploads and delete batches with DeleteObjects, several times, and checks after every restart:
 * every acknowledged PUT or multipart upload reads back byte for byte (or was replaced by the one
 * write to that key that was in flight at the kill), every acknowledged delete stays deleted,
 * nothing half-written is listed, and planted orphan chunk files are swept. Some rounds aim the
 * kill at the moment a CompleteMultipartUpload or a DeleteObjects request was sent.
 *
 * <p>CI runs the short mode (3 rounds). {@code -Ddfs.chaos=true} runs many more cycles ({@code
 * -Ddfs.chaos.rounds=N}, default 30) with more multipart and DeleteObjects writers.
 */
class CrashRecoveryIT {
  private static final boolean CHAOS = Boolean.getBoolean("dfs.chaos");
  private static final int ROUNDS = CHAOS ? Integer.getInteger("dfs.chaos.rounds", 30) : 3;
  private static final int WRITERS = 8;
  private static final int MULTIPART_WRITERS = CHAOS ? 2 : 1;
  private static final int DELETE_WRITERS = CHAOS ? 2 : 1;
  private static final int KEYS_PER_WRITER = 12;
  private static final int[] SIZES = {0, 1, 1000, 70_000, 300_000, 1_500_000};
  private static final int PART = 5 << 20; // S3's smallest part but the last

  /** Where a round's kill is aimed. */
  private enum KillPoint {
    ANY_TIME,
    IN_COMPLETE_MULTIPART,
    IN_DELETE_OBJECTS
  }

  /** Per key: the last acknowledged payload seed, and the seed of a write in flight. */
  private final Map<String, Long> acked = new ConcurrentHashMap<>();

  private final Map<String, Long> inFlight = new ConcurrentHashMap<>();

  /** Keys a DeleteObjects in flight names, and keys whose delete was acknowledged. */
  private final Set<String> deleting = ConcurrentHashMap.newKeySet();

  private final Set<String> deleted = ConcurrentHashMap.newKeySet();

  @Test
  void acknowledgedWritesSurviveSigkill(@TempDir Path data) throws Exception {
    try (DfsProcess first = DfsProcess.start(data);
        S3Client client = first.client()) {
      client.createBucket(b -> b.bucket("crash"));
      first.terminate();
    }
    Random random = new Random(42);
    KillPoint[] points = KillPoint.values();
    for (int round = 0; round < ROUNDS; round++) {
      try (DfsProcess server = DfsProcess.start(data);
          S3Client client = server.client()) {
        verify(client, round);
        runLoadThenKill(
            server, client, 700 + random.nextInt(900), round, points[round % points.length]);
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
      assertThat(server.output())
          .as("exit %d", exit)
          .anyMatch(line -> line.contains("stopped cleanly"));
    }
  }

  /**
   * Runs every writer, then kills the server: after {@code millis}, or for an aimed round as soon
   * after that as the aimed request has been sent (plus up to 3 ms), or at the latest 10 s later.
   */
  @SuppressWarnings(
      "FutureReturnValueIgnored") // the writers stop through stop and the pool's shutdown, not
  // their futures
  private void runLoadThenKill(
      DfsProcess server, S3Client client, long millis, int round, KillPoint point)
      throws Exception {
    AtomicBoolean stop = new AtomicBoolean();
    CountDownLatch aimed = new CountDownLatch(1);
    AtomicBoolean armed = new AtomicBoolean();
    int threads = WRITERS + MULTIPART_WRITERS + DELETE_WRITERS;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    for (int w = 0; w < WRITERS; w++) {
      int writer = w;
      pool.submit(
          () -> putLoop(client, new Random(round * 1000L + writer), "w" + writer + "/k", stop));
    }
    for (int w = 0; w < MULTIPART_WRITERS; w++) {
      Random r = new Random(round * 1000L + 100 + w);
      String prefix = "mp" + w + "/k";
      Runnable signal =
          point == KillPoint.IN_COMPLETE_MULTIPART
              ? () -> {
                if (armed.get()) aimed.countDown();
              }
              : () -> {};
      pool.submit(() -> multipartLoop(client, r, prefix, stop, signal));
    }
    for (int w = 0; w < DELETE_WRITERS; w++) {
      Random r = new Random(round * 1000L + 200 + w);
      String prefix = "del" + w + "/k";
      Runnable signal =
          point == KillPoint.IN_DELETE_OBJECTS
              ? () -> {
                if (armed.get()) aimed.countDown();
              }
              : () -> {};
      pool.submit(() -> deleteLoop(client, r, prefix, stop, signal));
    }
    Thread.sleep(millis);
    boolean hit = false;
    if (point != KillPoint.ANY_TIME) {
      armed.set(true);
      hit = aimed.await(10, TimeUnit.SECONDS);
      Thread.sleep(new Random(round).nextInt(4));
    }
    server.kill();
    System.out.printf(
        "round %d: SIGKILL after %d ms, aimed at %s%s; acknowledged so far: %d objects, %d deletes%n",
        round,
        millis,
        point,
        point == KillPoint.ANY_TIME ? "" : hit ? " (request in flight)" : " (none sent in 10 s)",
        acked.size(),
        deleted.size());
    stop.set(true);
    pool.shutdown();
    assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
  }

  private void putLoop(S3Client client, Random r, String prefix, AtomicBoolean stop) {
    while (!stop.get()) {
      if (!put(client, prefix + r.nextInt(KEYS_PER_WRITER), r.nextLong())) return;
    }
  }

  /** One PUT; false when the server died under it (the write may or may not have landed). */
  private boolean put(S3Client client, String key, long seed) {
    deleted.remove(key);
    inFlight.put(key, seed);
    try {
      client.putObject(b -> b.bucket("crash").key(key), RequestBody.fromBytes(payload(key, seed)));
      acked.put(key, seed);
      inFlight.remove(key);
      return true;
    } catch (RuntimeException e) {
      return false;
    }
  }

  /**
   * Whole uploads of one 5 MiB part and a short last part; {@code completing} runs just before
   * Complete.
   */
  private void multipartLoop(
      S3Client client, Random r, String prefix, AtomicBoolean stop, Runnable completing) {
    while (!stop.get()) {
      String key = prefix + r.nextInt(4);
      long seed = r.nextLong();
      byte[] body = payload(key, seed);
      try {
        String id = client.createMultipartUpload(b -> b.bucket("crash").key(key)).uploadId();
        List<CompletedPart> parts = new ArrayList<>();
        for (int n = 1, from = 0; from < body.length; n++, from += PART) {
          int number = n;
          byte[] part =
              java.util.Arrays.copyOfRange(body, from, Math.min(body.length, from + PART));
          String etag =
              client
                  .uploadPart(
                      b -> b.bucket("crash").key(key).uploadId(id).partNumber(number),
                      RequestBody.fromBytes(part))
                  .eTag();
          parts.add(CompletedPart.builder().partNumber(number).eTag(etag).build());
        }
        deleted.remove(key);
        inFlight.put(key, seed);
        completing.run();
        client.completeMultipartUpload(
            b -> b.bucket("crash").key(key).uploadId(id).multipartUpload(m -> m.parts(parts)));
        acked.put(key, seed);
        inFlight.remove(key);
      } catch (RuntimeException e) {
        return;
      }
    }
  }

  /**
   * PUTs a batch of keys, then removes them all with one DeleteObjects; {@code deleting} runs just
   * before it.
   */
  private void deleteLoop(
      S3Client client, Random r, String prefix, AtomicBoolean stop, Runnable sending) {
    while (!stop.get()) {
      List<String> keys = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        String key = prefix + r.nextInt(10);
        if (keys.contains(key)) continue;
        if (!put(client, key, r.nextLong())) return;
        keys.add(key);
      }
      deleting.addAll(keys);
      sending.run();
      try {
        client.deleteObjects(
            b ->
                b.bucket("crash")
                    .delete(
                        d ->
                            d.objects(
                                keys.stream()
                                    .map(k -> ObjectIdentifier.builder().key(k).build())
                                    .toList())));
      } catch (RuntimeException e) {
        return;
      }
      keys.forEach(acked::remove);
      deleted.addAll(keys);
      deleting.removeAll(keys);
    }
  }

  private void verify(S3Client client, int round) {
    Map<String, S3Object> listed = new HashMap<>();
    client
        .listObjectsV2Paginator(b -> b.bucket("crash"))
        .contents()
        .forEach(o -> listed.put(o.key(), o));
    for (Map.Entry<String, Long> e : acked.entrySet()) {
      if (deleting.contains(e.getKey())) continue; // its DeleteObjects was in flight at the kill
      assertThat(listed)
          .as("round %d: acknowledged %s listed", round, e.getKey())
          .containsKey(e.getKey());
    }
    for (String key : deleted) {
      assertThat(listed)
          .as("round %d: acknowledged delete of %s holds", round, key)
          .doesNotContainKey(key);
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
      boolean matches =
          candidates.stream()
              .anyMatch(seed -> java.util.Arrays.equals(payload(o.key(), seed), got));
      assertThat(matches)
          .as("round %d: %s holds an acknowledged or in-flight payload, whole", round, o.key())
          .isTrue();
      assertThat(o.size()).isEqualTo(got.length);
      // What was in flight and landed is now the acknowledged state for later rounds.
      if (inFlight.containsKey(o.key())
          && java.util.Arrays.equals(payload(o.key(), inFlight.get(o.key())), got)) {
        acked.put(o.key(), inFlight.get(o.key()));
      }
    }
    // A delete in flight that took effect is now acknowledged; one that did not never happened.
    for (String key : deleting) {
      if (!listed.containsKey(key)) {
        acked.remove(key);
        deleted.add(key);
      }
    }
    deleting.clear();
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
    Files.setLastModifiedTime(
        orphan, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() - 60_000));
    return orphan;
  }

  /**
   * The bytes written to {@code key} with {@code seed}: multipart keys get one full part and a
   * tail; keys that DeleteObjects removes stay small so that batches complete within a round.
   */
  static byte[] payload(String key, long seed) {
    Random r = new Random(seed);
    int size =
        key.startsWith("mp")
            ? PART + 1 + Math.floorMod(seed, 200_000)
            : key.startsWith("del")
                ? SIZES[Math.floorMod(seed, 4)]
                : SIZES[Math.floorMod(seed, SIZES.length)];
    byte[] b = new byte[size];
    r.nextBytes(b);
    return b;
  }
}
