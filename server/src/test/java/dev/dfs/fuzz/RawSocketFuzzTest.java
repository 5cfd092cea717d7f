package dev.dfs.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dfs.testing.DfsTestServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Raw-socket fuzzing of a real in-process server: tens of thousands of malformed and hostile
 * requests (see {@link HostileRequests}) from a seeded generator, most of them validly signed.
 * Asserts no 5xx other than 501/503/507, no ERROR log line, an answer to every request within a
 * bound, XML bombs refused with a 4xx, the server healthy afterwards and nothing written outside
 * its data directory. Prints the seed (replay with {@code -Ddfs.fuzz.seed=N}) and the status
 * counts. {@code -Ddfs.fuzz.seconds=N} / {@code -Ddfs.fuzz.requests=N} run longer.
 */
class RawSocketFuzzTest {
  private static final int WORKERS = 8;
  private static final int READ_TIMEOUT_MS = 30_000;
  private static final long SEED = Long.getLong("dfs.fuzz.seed", System.nanoTime());
  private static final long SECONDS = Long.getLong("dfs.fuzz.seconds", 75);
  private static final long REQUESTS = Long.getLong("dfs.fuzz.requests", 30_000);

  /**
   * {@code -Ddfs.fuzz.trace=xml:403} prints a few requests of that family and status with the
   * answer.
   */
  private static final String TRACE = System.getProperty("dfs.fuzz.trace", "");

  private final AtomicLong traced = new AtomicLong();

  private final Map<Integer, LongAdder> statuses = new ConcurrentSkipListMap<>();
  private final Map<String, LongAdder> families = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> familyNanos = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> familyStatuses = new ConcurrentSkipListMap<>();
  private final List<String> failures = new ArrayList<>();
  private final AtomicLong sent = new AtomicLong();

  /** The fuzzer's signatures are valid: hostile requests reach the handlers, not just auth. */
  @Test
  void signedRawRequestsGetPastAuthentication(@TempDir Path root) throws Exception {
    try (DfsTestServer server = DfsTestServer.start(root.resolve("data"));
        RawConnection c = new RawConnection(server.port(), READ_TIMEOUT_MS)) {
      server.client().createBucket(b -> b.bucket("fuzz"));
      TestSigner signer =
          new TestSigner(DfsTestServer.ACCESS_KEY, DfsTestServer.SECRET_KEY, "us-east-1");
      String host = "127.0.0.1:" + server.port();
      FuzzRequest put =
          new FuzzRequest("t", "PUT", "/fuzz/a%20b%C3%A9~?x-id=PutObject")
              .body("hi")
              .header("x-amz-meta-k", "v");
      put.sign(signer, host, HostileRequests.sha256Hex(put.body));
      assertThat(c.exchange(put.wire(host), false, false).status()).isEqualTo(200);
      FuzzRequest list = new FuzzRequest("t", "GET", "/fuzz?list-type=2&prefix=a%20&max-keys=5");
      list.sign(signer, host, "UNSIGNED-PAYLOAD");
      assertThat(c.exchange(list.wire(host), false, false).status()).isEqualTo(200);
      FuzzRequest unsigned = new FuzzRequest("t", "GET", "/fuzz/a%20b%C3%A9~");
      assertThat(c.exchange(unsigned.wire(host), false, false).status()).isEqualTo(403);
    }
  }

  @Test
  void hostileRequestsNeverBreakTheServer(@TempDir Path root) throws Exception {
    System.out.println(
        "RawSocketFuzzTest seed " + SEED + " (replay: -Ddfs.fuzz.seed=" + SEED + ")");
    Path data = root.resolve("data");
    try (LogCapture log = LogCapture.attach();
        DfsTestServer server = DfsTestServer.start(data)) {
      S3Client s3 = server.client();
      s3.createBucket(b -> b.bucket(HostileRequests.BUCKET));
      String uploadId =
          s3.createMultipartUpload(b -> b.bucket(HostileRequests.BUCKET).key("mp")).uploadId();
      long started = System.nanoTime();
      runWorkers(server, s3, uploadId, started + TimeUnit.SECONDS.toNanos(SECONDS));
      double seconds = (System.nanoTime() - started) / 1e9;
      report(seconds, log);

      assertThat(failures).as("requests that broke the rules (seed %d)", SEED).isEmpty();
      assertThat(log.errors()).as("ERROR log lines (seed %d)", SEED).isEmpty();
      assertHealthy(server, s3);
    }
    assertNothingOutside(root);
  }

  private void runWorkers(DfsTestServer server, S3Client s3, String uploadId, long deadline)
      throws Exception {
    SplittableRandom master = new SplittableRandom(SEED);
    TestSigner signer =
        new TestSigner(DfsTestServer.ACCESS_KEY, DfsTestServer.SECRET_KEY, "us-east-1");
    String host = "127.0.0.1:" + server.port();
    List<Thread> threads = new ArrayList<>();
    for (int w = 0; w < WORKERS; w++) {
      HostileRequests gen = new HostileRequests(master.split(), signer, host, uploadId);
      threads.add(
          Thread.ofPlatform()
              .name("fuzz-" + w)
              .start(() -> work(gen, server.port(), host, s3, deadline)));
    }
    for (Thread t : threads) t.join();
  }

  private void work(HostileRequests gen, int port, String host, S3Client s3, long deadline) {
    try (RawConnection c = new RawConnection(port, READ_TIMEOUT_MS)) {
      long mine = 0;
      while (System.nanoTime() < deadline && sent.incrementAndGet() <= REQUESTS) {
        if (mine++ % 500 == 0) restoreFixtures(s3);
        FuzzRequest r = gen.next();
        families.computeIfAbsent(r.family, f -> new LongAdder()).increment();
        int status;
        long t0 = System.nanoTime();
        try {
          RawConnection.Response answer = c.exchange(r.wire(host), r.endOutput, r.isHead());
          status = answer.status();
          if (TRACE.equals(r.family + ":" + status) && traced.incrementAndGet() <= 8) {
            System.out.println(
                "TRACE " + r.describe(host) + "\n  -> " + status + " " + answer.bodyStart());
          }
          familyNanos.computeIfAbsent(r.family, f -> new LongAdder()).add(System.nanoTime() - t0);
        } catch (RawConnection.Hang e) {
          fail("no answer within " + READ_TIMEOUT_MS + " ms", r, host);
          continue;
        } catch (IOException e) {
          status = -2; // could not connect: counted, and the health check afterwards decides
        }
        statuses.computeIfAbsent(status, s -> new LongAdder()).increment();
        familyStatuses.computeIfAbsent(r.family + " " + status, s -> new LongAdder()).increment();
        check(status, r, host);
      }
    }
  }

  /** Fuzzed deletes may remove the fixtures; put them back so requests keep reaching handlers. */
  private static void restoreFixtures(S3Client s3) {
    try {
      if (!s3.listBuckets().buckets().stream()
          .anyMatch(b -> b.name().equals(HostileRequests.BUCKET))) {
        s3.createBucket(b -> b.bucket(HostileRequests.BUCKET));
      }
      s3.putObject(
          b -> b.bucket(HostileRequests.BUCKET).key("a"), RequestBody.fromString("fixture a"));
      s3.putObject(
          b -> b.bucket(HostileRequests.BUCKET).key("dir/b"), RequestBody.fromString("fixture b"));
    } catch (RuntimeException e) {
      // a fuzzed policy, ACL or lock setting may refuse this; the fuzzing goes on regardless
    }
  }

  private void check(int status, FuzzRequest r, String host) {
    // 505 is Jetty's right answer to "HTTP/0.9" or "HTTP/9.9" on the wire
    boolean versionRefused = status == 505 && r.raw != null;
    if (status >= 500 && status != 501 && status != 503 && status != 507 && !versionRefused) {
      fail("status " + status, r, host);
    } else if (r.bomb && status != -1 && !(status >= 400 && status < 500) && status != 501) {
      fail("XML with a DOCTYPE or entities answered " + status + " instead of a 4xx", r, host);
    } else if (status == -1 && r.raw == null && !r.endOutput) {
      fail("connection closed without an answer to a well-framed request", r, host);
    }
  }

  private void fail(String what, FuzzRequest r, String host) {
    synchronized (failures) {
      if (failures.size() < 25) failures.add(what + " <- " + r.describe(host));
    }
  }

  private void report(double seconds, LogCapture log) {
    Map<Integer, Long> counts = new TreeMap<>();
    statuses.forEach((s, n) -> counts.put(s, n.sum()));
    Map<String, Long> fams = new TreeMap<>();
    families.forEach((f, n) -> fams.put(f, n.sum()));
    Map<String, String> meanMs = new TreeMap<>();
    familyNanos.forEach(
        (f, n) ->
            meanMs.put(
                f, String.format(java.util.Locale.ROOT, "%.1f", n.sum() / 1e6 / fams.get(f))));
    long total = counts.values().stream().mapToLong(Long::longValue).sum();
    System.out.printf(
        "RawSocketFuzzTest: %d requests in %.1f s (seed %d, %d workers)%n",
        total, seconds, SEED, WORKERS);
    System.out.println("  status counts (-1: closed without an answer): " + counts);
    System.out.println("  families: " + fams + ", mean ms per request: " + meanMs);
    StringBuilder byFamily = new StringBuilder();
    familyStatuses.forEach((k, n) -> byFamily.append(k).append('=').append(n.sum()).append(' '));
    System.out.println("  family status: " + byFamily);
    System.out.println(
        "  WARN log lines: " + log.warnings() + ", ERROR log lines: " + log.errors().size());
    log.firstWarnings().forEach(w -> System.out.println("  WARN " + w));
    failures.forEach(f -> System.out.println("  FAILURE " + f));
    log.errors().stream().limit(10).forEach(e -> System.out.println("  ERROR " + e));
  }

  private static void assertHealthy(DfsTestServer server, S3Client s3) throws Exception {
    s3.createBucket(b -> b.bucket("fuzz-after"));
    s3.putObject(b -> b.bucket("fuzz-after").key("k"), RequestBody.fromString("still fine"));
    assertThat(s3.getObjectAsBytes(b -> b.bucket("fuzz-after").key("k")).asUtf8String())
        .isEqualTo("still fine");
    HttpResponse<String> health =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(server.endpoint() + "/api/v1/health"))
                    .timeout(java.time.Duration.ofSeconds(30))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
  }

  /** No key became a path: nothing named after the marker anywhere, and nothing beside data/. */
  private static void assertNothingOutside(Path root) throws IOException {
    try (Stream<Path> beside = Files.list(root)) {
      assertThat(beside.map(p -> p.getFileName().toString()).toList()).containsExactly("data");
    }
    List<Path> places =
        List.of(
            root,
            root.getParent(),
            Path.of("").toAbsolutePath(),
            Path.of(System.getProperty("java.io.tmpdir")));
    for (Path place : places) {
      try (Stream<Path> walk = Files.walk(place, place.startsWith(root) ? Integer.MAX_VALUE : 2)) {
        List<Path> hits =
            walk.filter(
                    p ->
                        p.getFileName() != null
                            && p.getFileName().toString().contains(HostileValues.MARKER))
                .toList();
        assertThat(hits).as("files named after a fuzzed key under %s", place).isEmpty();
      } catch (java.io.UncheckedIOException e) {
        // another session removed a file while we walked a shared directory: not ours to judge
      }
    }
  }
}
