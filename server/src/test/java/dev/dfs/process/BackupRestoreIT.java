package dev.dfs.process;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dfs.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

/**
 * {@code dfs admin backup} of a real server while several clients write (single PUTs of every size
 * class, SSE-S3, multipart uploads) and one overwrites and deletes a few keys over and over (so
 * chunk files are freed during the copy); then {@code dfs restore} into a new data directory and a
 * second server on it: every object acknowledged before the backup started reads back byte for
 * byte, every listed object is whole and one that was written, nothing started after the backup
 * finished is there, and a user's access key made before the backup still signs requests (identity
 * store and master key came along). A damaged or cut backup and a non-empty target are refused.
 */
class BackupRestoreIT {
  private static final int[] SIZES = {0, 1, 1000, 70_000, 300_000, 1_500_000};
  private static final int PART = 5 << 20;
  private static final String BUCKET = "backed";

  /** What was sent under a key: the payload's seed and size, multipart or not. */
  record Written(long seed, int size, boolean multipart) {}

  private final Map<String, Written> written = new ConcurrentHashMap<>();
  private final Map<String, Long> ackedAt = new ConcurrentHashMap<>();
  private final Map<String, Long> startedAt = new ConcurrentHashMap<>();
  private final Map<String, Set<Long>> churnSeeds = new ConcurrentHashMap<>();
  private final AtomicBoolean stop = new AtomicBoolean();
  private final List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();

  record Run(int code, String out, String err) {}

  static Run dfs(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = Main.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int code = cli.execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  @Timeout(value = 6, unit = TimeUnit.MINUTES)
  void backupDuringWritesRestoresEveryAcknowledgedObject(@TempDir Path dir) throws Exception {
    Path dataA = dir.resolve("a");
    Path backup = dir.resolve("backup");
    Path dataB = dir.resolve("b");
    String aliceKey;
    String aliceSecret;
    long backupStarted;
    long backupDone;
    Run taken;
    try (DfsProcess a = DfsProcess.start(dataA)) {
      String endpoint = a.endpoint().toString();
      S3Client s3 = a.client();
      s3.createBucket(b -> b.bucket(BUCKET));
      Run user =
          dfs(
              "admin",
              "user",
              "add",
              "alice",
              "--endpoint",
              endpoint,
              "--data-dir",
              dataA.toString());
      assertThat(user.code()).as(user.err()).isZero();
      Run key =
          dfs(
              "admin",
              "key",
              "create",
              "alice",
              "--json",
              "--endpoint",
              endpoint,
              "--data-dir",
              dataA.toString());
      assertThat(key.code()).as(key.err()).isZero();
      var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(key.out());
      aliceKey = json.get("accessKeyId").asText();
      aliceSecret = json.get("secretKey").asText();

      List<Thread> load = new ArrayList<>();
      for (int t = 0; t < 3; t++) {
        int writer = t;
        load.add(Thread.ofPlatform().start(() -> write(a.client(), writer)));
      }
      load.add(Thread.ofPlatform().start(() -> churn(a.client())));
      long warm = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
      while (ackedAt.size() < 30 && System.nanoTime() < warm && failures.isEmpty())
        Thread.sleep(100);
      backupStarted = System.nanoTime();
      taken =
          dfs(
              "admin",
              "backup",
              backup.toString(),
              "--endpoint",
              endpoint,
              "--data-dir",
              dataA.toString());
      backupDone = System.nanoTime();
      Thread.sleep(500);
      stop.set(true);
      for (Thread t : load) t.join(60_000);
      assertThat(taken.code())
          .as(
              taken.err()
                  + "\nserver log:\n"
                  + String.join(
                      "\n", a.output().stream().filter(l -> !l.contains(" INFO ")).toList()))
          .isZero();
      assertThat(failures).as("writes failed during the backup").isEmpty();
    }
    assertThat(taken.out()).contains("written to " + backup);
    assertThat(taken.err()).contains("WARNING: this backup contains the server's master key");
    assertThat(backup.resolve("master.key")).exists();

    Files.writeString(Files.createDirectories(dir.resolve("busy")).resolve("x"), "x");
    Run busy = dfs("restore", backup.toString(), "--data-dir", dir.resolve("busy").toString());
    assertThat(busy.code()).isEqualTo(1);
    assertThat(busy.err()).contains("is not empty");

    Run restored = dfs("restore", backup.toString(), "--data-dir", dataB.toString());
    assertThat(restored.code()).as(restored.err()).isZero();
    try (DfsProcess b = DfsProcess.start(dataB)) {
      verify(b.client(), backupStarted, backupDone);
      S3Client alice = b.client(aliceKey, aliceSecret);
      assertThat(alice.listBuckets().buckets()).isNotNull();
    }

    damagedBackupsAreRefused(dir, backup);
  }

  private void damagedBackupsAreRefused(Path dir, Path backup) throws Exception {
    Path chunk;
    try (Stream<Path> s = Files.walk(backup.resolve("chunks"))) {
      chunk = s.filter(Files::isRegularFile).findFirst().orElseThrow();
    }
    byte[] bytes = Files.readAllBytes(chunk);
    bytes[bytes.length / 2] ^= 1;
    Files.write(chunk, bytes);
    Run damaged = dfs("restore", backup.toString(), "--data-dir", dir.resolve("c").toString());
    assertThat(damaged.code()).isEqualTo(1);
    assertThat(damaged.err()).contains("does not match its checksum");
    Files.delete(backup.resolve("dfs-backup.manifest"));
    Run cut = dfs("restore", backup.toString(), "--data-dir", dir.resolve("d").toString());
    assertThat(cut.code()).isEqualTo(1);
    assertThat(cut.err()).contains("not a complete DFS backup");
  }

  private void verify(S3Client s3, long backupStarted, long backupDone) {
    Map<String, S3Object> listed = new ConcurrentHashMap<>();
    s3.listObjectsV2Paginator(b -> b.bucket(BUCKET))
        .contents()
        .forEach(o -> listed.put(o.key(), o));
    int expected = 0;
    for (Map.Entry<String, Long> e : ackedAt.entrySet()) {
      if (e.getValue() >= backupStarted) continue;
      expected++;
      assertThat(listed)
          .as("acknowledged before the backup: " + e.getKey())
          .containsKey(e.getKey());
    }
    assertThat(expected).as("objects acknowledged before the backup").isGreaterThan(10);
    for (S3Object o : listed.values()) {
      byte[] got = s3.getObjectAsBytes(b -> b.bucket(BUCKET).key(o.key())).asByteArray();
      assertThat((long) got.length).as(o.key()).isEqualTo(o.size());
      if (o.key().startsWith("churn/")) {
        assertThat(
                churnSeeds.get(o.key()).stream()
                    .anyMatch(seed -> java.util.Arrays.equals(got, payload(seed, got.length))))
            .as("churned key " + o.key() + " is one whole write")
            .isTrue();
        continue;
      }
      Written w = written.get(o.key());
      assertThat(w).as("listed key was written: " + o.key()).isNotNull();
      assertThat(startedAt.get(o.key()))
          .as("started after the backup: " + o.key())
          .isLessThan(backupDone);
      assertThat(got).as(o.key()).isEqualTo(payload(w.seed(), w.size()));
    }
  }

  private void write(S3Client s3, int writer) {
    Random random = new Random(writer);
    for (int n = 0; !stop.get(); n++) {
      String key = "w" + writer + "/" + n;
      boolean multipart = writer == 0 && n % 5 == 4;
      Written w =
          new Written(
              random.nextLong(), multipart ? PART + 1000 : SIZES[n % SIZES.length], multipart);
      written.put(key, w);
      startedAt.put(key, System.nanoTime());
      byte[] body = payload(w.seed(), w.size());
      try {
        if (multipart) {
          multipart(s3, key, body);
        } else {
          s3.putObject(
              b ->
                  b.bucket(BUCKET)
                      .key(key)
                      .serverSideEncryption(writer == 1 ? ServerSideEncryption.AES256 : null),
              RequestBody.fromBytes(body));
        }
        ackedAt.put(key, System.nanoTime());
      } catch (RuntimeException e) {
        if (!stop.get()) failures.add(e);
        return;
      }
    }
  }

  private static void multipart(S3Client s3, String key, byte[] body) {
    String id =
        s3.createMultipartUpload(
                b -> b.bucket(BUCKET).key(key).serverSideEncryption(ServerSideEncryption.AES256))
            .uploadId();
    List<CompletedPart> parts = new ArrayList<>();
    for (int p = 0; p * PART < body.length; p++) {
      int from = p * PART;
      int number = p + 1;
      byte[] part = java.util.Arrays.copyOfRange(body, from, Math.min(body.length, from + PART));
      String etag =
          s3.uploadPart(
                  b -> b.bucket(BUCKET).key(key).uploadId(id).partNumber(number),
                  RequestBody.fromBytes(part))
              .eTag();
      parts.add(CompletedPart.builder().partNumber(number).eTag(etag).build());
    }
    s3.completeMultipartUpload(
        b -> b.bucket(BUCKET).key(key).uploadId(id).multipartUpload(m -> m.parts(parts)));
  }

  /** Overwrites and deletes a few keys without pause, so chunk files are freed during the copy. */
  private void churn(S3Client s3) {
    Random random = new Random(99);
    for (int n = 0; !stop.get(); n++) {
      String key = "churn/" + (n % 4);
      try {
        if (n % 3 == 2) {
          s3.deleteObject(b -> b.bucket(BUCKET).key(key));
          continue;
        }
        long seed = random.nextLong();
        churnSeeds.computeIfAbsent(key, k -> ConcurrentHashMap.newKeySet()).add(seed);
        s3.putObject(
            b -> b.bucket(BUCKET).key(key),
            RequestBody.fromBytes(payload(seed, 200_000 + (n % 7) * 1000)));
      } catch (RuntimeException e) {
        if (!stop.get()) failures.add(e);
        return;
      }
    }
  }

  static byte[] payload(long seed, int size) {
    byte[] b = new byte[size];
    new Random(seed).nextBytes(b);
    return b;
  }
}
