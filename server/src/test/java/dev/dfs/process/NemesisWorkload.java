package dev.dfs.process;

import dev.dfs.testing.linearizability.History;
import dev.dfs.testing.linearizability.Op;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * The nemesis suite's load: client threads each running PUT (new and overwriting), GET and DELETE
 * on a small key set through a random node, every operation recorded in a {@link History} with what
 * it returned. Each write writes a unique value whose bytes are derived from its name (sizes from
 * inline to multi-block chunks), so a read's MD5 names the value it returned; bytes matching no
 * value written, or an ETag that is not the MD5 of the bytes, are recorded as damage (and the
 * read's value as {@code damaged:<md5>}, which no linearization can explain).
 *
 * <p>Each write's wall-clock window (sent, acknowledged) and each read's Last-Modified are kept
 * too, so {@link #lastModifiedOutsideTheClocks} can check that the stamp a value got lies within
 * its write's window widened by the largest clock skew of any node that led.
 *
 * <p>Outcomes: a read's error is indeterminate (a read without an answer constrains nothing); a
 * write's or delete's error too, since a timeout, a refused forward or a commit in doubt do not
 * prove that it took no effect.
 */
final class NemesisWorkload {
  static final String BUCKET = "nemesis";
  private static final int[] SIZES = {100, 20_000, 100_000, 300_000};

  private final NemesisCluster cluster;
  private final List<String> keys;
  private final History history = new History();
  private final Map<String, String> valueByMd5 = new ConcurrentHashMap<>();
  private final List<String> damage = new CopyOnWriteArrayList<>();
  private final AtomicBoolean stop = new AtomicBoolean();
  private final AtomicLong acknowledged = new AtomicLong();
  private final List<Thread> threads = new ArrayList<>();
  private int ballast;

  /**
   * Per value: when its write was sent and when it was acknowledged (wall clock, ms; absent: not
   * acknowledged).
   */
  private final Map<String, Long> sentAt = new ConcurrentHashMap<>();

  private final Map<String, Long> ackedAt = new ConcurrentHashMap<>();

  /** Reads that returned a value: value, its Last-Modified and when the read's answer came (ms). */
  private record Stamp(String key, String value, long lastModified, long readAt) {}

  private final List<Stamp> stamps = new CopyOnWriteArrayList<>();

  NemesisWorkload(NemesisCluster cluster, int keyCount) {
    this.cluster = cluster;
    List<String> k = new ArrayList<>();
    for (int i = 0; i < keyCount; i++) k.add("key-" + i);
    this.keys = List.copyOf(k);
  }

  History history() {
    return history;
  }

  /** Reads whose bytes were no value written, or whose ETag was not their MD5. */
  List<String> damage() {
    return List.copyOf(damage);
  }

  /** Operations acknowledged so far. */
  long acknowledged() {
    return acknowledged.get();
  }

  /** Starts {@code clients} client threads (numbered 0 ..). */
  void start(int clients, long seed) {
    for (int c = 0; c < clients; c++) {
      int client = c;
      Random random = new Random(seed + c);
      threads.add(Thread.ofPlatform().name("nemesis-client-" + c).start(() -> run(client, random)));
    }
  }

  /**
   * Stops the clients and waits for their operations in flight (each bounded by the client
   * timeout).
   */
  void stop() throws InterruptedException {
    stop.set(true);
    for (Thread t : threads) t.join(Duration.ofSeconds(60));
  }

  private void run(int client, Random random) {
    long n = 0;
    while (!stop.get()) {
      int node = random.nextInt(cluster.size());
      S3Client s3 = cluster.client(node);
      if (s3 == null) continue;
      String key = keys.get(random.nextInt(keys.size()));
      int roll = random.nextInt(100);
      if (roll < 45) read(s3, client, key);
      else if (roll < 85)
        write(s3, client, key, "c" + client + "-" + n++, SIZES[random.nextInt(SIZES.length)]);
      else delete(s3, client, key);
    }
  }

  /**
   * A read through node {@code node}'s client, recorded as client {@code client}; false when it got
   * no answer.
   */
  boolean read(int node, int client, String key) {
    S3Client s3 = cluster.client(node);
    return s3 != null && read(s3, client, key);
  }

  private boolean read(S3Client s3, int client, String key) {
    History.Call call = history.invoke(client, key, Op.Kind.READ, null);
    try {
      ResponseBytes<GetObjectResponse> got = s3.getObjectAsBytes(b -> b.bucket(BUCKET).key(key));
      String value = valueOf(key, got);
      call.ok(value);
      if (got.response().lastModified() != null) {
        stamps.add(
            new Stamp(
                key,
                value,
                got.response().lastModified().toEpochMilli(),
                System.currentTimeMillis()));
      }
    } catch (NoSuchKeyException e) {
      call.ok(null);
    } catch (RuntimeException e) {
      call.indeterminate();
      return false;
    }
    acknowledged.incrementAndGet();
    return true;
  }

  private String valueOf(String key, ResponseBytes<GetObjectResponse> got) {
    String md5 = md5(got.asByteArray());
    String etag = got.response().eTag() == null ? "" : got.response().eTag().replace("\"", "");
    String value = valueByMd5.get(md5);
    if (value == null) {
      damage.add(
          key
              + ": "
              + got.asByteArray().length
              + " bytes with MD5 "
              + md5
              + " that no write wrote");
      return "damaged:" + md5;
    }
    if (!etag.equals(md5))
      damage.add(key + ": value " + value + " with ETag " + etag + " (MD5 " + md5 + ")");
    return value;
  }

  private boolean write(S3Client s3, int client, String key, String value, int size) {
    byte[] body = body(value, size);
    valueByMd5.put(md5(body), value);
    History.Call call = history.invoke(client, key, Op.Kind.WRITE, value);
    sentAt.put(value, System.currentTimeMillis());
    try {
      s3.putObject(b -> b.bucket(BUCKET).key(key), RequestBody.fromBytes(body));
      ackedAt.put(value, System.currentTimeMillis());
      call.ok();
      acknowledged.incrementAndGet();
      return true;
    } catch (RuntimeException e) {
      call.indeterminate();
      return false;
    }
  }

  /**
   * Writes a multi-block value (300,000 bytes: chunk files, not inline) to the first two keys
   * through the first node, as client 200, retrying until acknowledged: the disks then hold
   * referenced chunks whatever the random load left.
   */
  void writeChunkedValues() throws InterruptedException {
    for (int k = 0; k < 2; k++) {
      String key = keys.get(k);
      int[] attempt = {0};
      NemesisCluster.await(
          "a chunked write to " + key,
          () -> {
            S3Client s3 = cluster.client(0);
            return s3 != null && write(s3, 200, key, "final-" + key + "-" + attempt[0]++, 300_000);
          });
    }
  }

  /**
   * Writes {@code count} objects of 300,000 bytes (one chunk each) to keys {@code ballast-N}
   * through any node, as client 300, retrying each until acknowledged: chunks the layout change
   * must move (each has the new node among its owners with probability 3/4).
   */
  void writeBallast(int count) throws InterruptedException {
    ballast = count;
    for (int k = 0; k < count; k++) {
      String key = "ballast-" + k;
      int[] attempt = {0};
      NemesisCluster.await(
          "a ballast write to " + key,
          () -> {
            S3Client s3 = cluster.client(attempt[0] % NemesisCluster.SEEDS);
            return s3 != null && write(s3, 300, key, key + "-" + attempt[0]++, 300_000);
          });
    }
  }

  private void delete(S3Client s3, int client, String key) {
    History.Call call = history.invoke(client, key, Op.Kind.DELETE, null);
    try {
      s3.deleteObject(b -> b.bucket(BUCKET).key(key));
      call.ok();
      acknowledged.incrementAndGet();
    } catch (RuntimeException e) {
      call.indeterminate();
    }
  }

  /**
   * Reads every key and every ballast key through every running node (as clients 100 + node),
   * retrying until each answers: a node reads its own copy first, so a copy the damage corrupted on
   * an owner is found here (the full repair pass compares listings, lengths only) and repaired
   * before the audit.
   */
  void finalReads() throws InterruptedException {
    List<String> all = new ArrayList<>(keys);
    for (int k = 0; k < ballast; k++) all.add("ballast-" + k);
    for (int node = 0; node < cluster.size(); node++) {
      for (String key : all) {
        int n = node;
        NemesisCluster.await(
            "a final read of " + key + " through " + NemesisCluster.id(node),
            () -> read(n, 100 + n, key));
      }
    }
  }

  List<String> keys() {
    return keys;
  }

  /**
   * Reads whose Last-Modified is not within their value's write window (sent .. acknowledged, or ..
   * the read for a write without an answer) widened by {@code skewMillis} each way and by 1 s below
   * (S3 times are whole seconds). Nodes share this host's clock, so a stamp outside means a node
   * stamped with a clock other than the leader's skewed one, or with a stale time; within it, two
   * writes one after the other get stamps at most {@code 2 * skewMillis} out of order.
   */
  List<String> lastModifiedOutsideTheClocks(long skewMillis) {
    List<String> out = new ArrayList<>();
    for (Stamp s : stamps) {
      Long sent = sentAt.get(s.value());
      if (sent == null) continue; // damaged bytes: reported as damage
      long latest = ackedAt.getOrDefault(s.value(), s.readAt());
      if (s.lastModified() < sent - skewMillis - 1_000 || s.lastModified() > latest + skewMillis) {
        out.add(
            s.key()
                + ": value "
                + s.value()
                + " Last-Modified "
                + java.time.Instant.ofEpochMilli(s.lastModified())
                + ", written between "
                + java.time.Instant.ofEpochMilli(sent)
                + " and "
                + java.time.Instant.ofEpochMilli(latest)
                + " (skew allowed "
                + skewMillis
                + " ms)");
      }
    }
    return out;
  }

  /**
   * Reads whose Last-Modified lies more than half of {@code skewMillis} outside their write's
   * window on the skew's side (ahead when positive): stamps a clock that far off made.
   */
  long stampsOffBy(long skewMillis) {
    long half = Math.abs(skewMillis) / 2;
    return stamps.stream()
        .filter(
            s -> {
              Long sent = sentAt.get(s.value());
              if (sent == null) return false;
              long latest = ackedAt.getOrDefault(s.value(), s.readAt());
              return skewMillis < 0
                  ? s.lastModified() < sent - half - 1_000
                  : s.lastModified() > latest + half;
            })
        .count();
  }

  /** Reads that returned a Last-Modified (for the report). */
  int stampsSeen() {
    return stamps.size();
  }

  /** The bytes of value {@code value}: its name, then bytes from a generator seeded by it. */
  static byte[] body(String value, int size) {
    byte[] b = new byte[size];
    new Random(value.hashCode()).nextBytes(b);
    byte[] name = value.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    System.arraycopy(name, 0, b, 0, Math.min(name.length, size));
    return b;
  }

  static String md5(byte[] b) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(b));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
