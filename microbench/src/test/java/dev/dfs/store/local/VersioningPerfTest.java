package dev.dfs.store.local;

import dev.dfs.store.ListPage;
import dev.dfs.store.ListQuery;
import dev.dfs.store.ObjectRead;
import dev.dfs.store.PutObjectRequest;
import dev.dfs.store.ReadRequest;
import dev.dfs.store.VersioningState;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * A measurement, not a test: one key with 100,000 versions beside 10,000 other keys, against the
 * same 10,001 keys in an unversioned bucket; prints the median latency of a 1,000-key ListObjectsV2
 * page (engine level, whole bucket paged through) and of opening and reading the hot key's current
 * version, in the engine and through the AWS SDK over HTTP, and one ListObjectVersions page of the
 * hot key. Asserts nothing. Run with {@code -Ddfs.perf=true -Dtest=VersioningPerfTest}; sizes via
 * {@code -Ddfs.perf.versions=}.
 */
@EnabledIfSystemProperty(named = "dfs.perf", matches = "true")
class VersioningPerfTest {
  @TempDir Path dir;

  @Test
  void listAndGetWithManyVersions() throws Exception {
    int versions = Integer.getInteger("dfs.perf.versions", 100_000);
    int others = Integer.getInteger("dfs.perf.keys", 10_000);
    LocalStore store =
        LocalStore.open(dir, LocalStoreOptions.defaults().withBackgroundSweep(false));
    try (dev.dfs.testing.DfsTestServer server = dev.dfs.testing.DfsTestServer.start(store)) {
      store.createBucket("plain", "us-east-1");
      store.createBucket("versioned", "us-east-1");
      store.versioning().orElseThrow().setState("versioned", VersioningState.ENABLED);
      long t0 = System.nanoTime();
      fill(store, "plain", others, 1);
      fill(store, "versioned", others, versions);
      System.out.printf(
          "fill: %d versions of one key + %d keys per bucket in %.1f s%n",
          versions, others, (System.nanoTime() - t0) / 1e9);
      var s3 = server.client();
      for (String bucket : List.of("plain", "versioned")) { // warm-up, not reported
        listP50(store, bucket);
        getP50(store, bucket);
        sdkListP50(s3, bucket);
        sdkGetP50(s3, bucket);
      }
      for (String bucket : List.of("plain", "versioned")) {
        System.out.printf(
            "engine %-9s ListObjectsV2 page (1000 keys) p50 %.3f ms | GET current p50 %.3f ms%n",
            bucket, listP50(store, bucket), getP50(store, bucket));
      }
      for (String bucket : List.of("plain", "versioned")) {
        System.out.printf(
            "sdk    %-9s ListObjectsV2 page (1000 keys) p50 %.3f ms | GET current p50 %.3f ms%n",
            bucket, sdkListP50(s3, bucket), sdkGetP50(s3, bucket));
      }
      long[] lv = new long[50];
      for (int i = 0; i < lv.length; i++) {
        long s = System.nanoTime();
        s3.listObjectVersions(r -> r.bucket("versioned").prefix("m-hot").maxKeys(1000));
        lv[i] = System.nanoTime() - s;
      }
      System.out.printf(
          "sdk    versioned ListObjectVersions page (1000 versions of the hot key) p50 %.3f ms%n",
          median(lv));
    }
  }

  private static double sdkListP50(software.amazon.awssdk.services.s3.S3Client s3, String bucket) {
    List<Long> samples = new ArrayList<>();
    long start = System.nanoTime();
    while (samples.size() < 100 && System.nanoTime() - start < 10_000_000_000L) {
      String token = null;
      do {
        String t = token;
        long s = System.nanoTime();
        var page = s3.listObjectsV2(r -> r.bucket(bucket).maxKeys(1000).continuationToken(t));
        samples.add(System.nanoTime() - s);
        token = page.isTruncated() ? page.nextContinuationToken() : null;
      } while (token != null);
    }
    return median(samples.stream().mapToLong(Long::longValue).toArray());
  }

  private static double sdkGetP50(software.amazon.awssdk.services.s3.S3Client s3, String bucket) {
    long[] samples = new long[2000];
    for (int i = 0; i < samples.length; i++) {
      long s = System.nanoTime();
      s3.getObjectAsBytes(r -> r.bucket(bucket).key("m-hot"));
      samples[i] = System.nanoTime() - s;
    }
    return median(samples);
  }

  /** {@code others} keys k00000… plus key "m-hot" written {@code hot} times. */
  private static void fill(LocalStore store, String bucket, int others, int hot) throws Exception {
    byte[] body = new byte[100];
    ExecutorService pool = Executors.newFixedThreadPool(16);
    try {
      List<Future<?>> work = new ArrayList<>();
      for (int t = 0; t < 16; t++) {
        int slice = t;
        work.add(
            pool.submit(
                () -> {
                  for (int i = slice; i < others; i += 16) {
                    put(store, bucket, String.format("k%05d", i), body);
                  }
                  return null;
                }));
      }
      for (int i = 0; i < hot; i++) put(store, bucket, "m-hot", body);
      for (Future<?> f : work) f.get();
    } finally {
      pool.shutdown();
    }
  }

  private static void put(LocalStore store, String bucket, String key, byte[] body)
      throws Exception {
    store.putObject(
        PutObjectRequest.simple(bucket, key, body.length), new ByteArrayInputStream(body));
  }

  private static double listP50(LocalStore store, String bucket) throws Exception {
    long[] samples = new long[200];
    for (int i = 0; i < samples.length; i++) {
      String after = null;
      long start = System.nanoTime();
      int pages = 0;
      long pageTime = 0;
      do {
        long s = System.nanoTime();
        ListPage page = store.list(bucket, new ListQuery("", null, after, 1000));
        pageTime += System.nanoTime() - s;
        pages++;
        after = page.truncated() ? page.nextAfter() : null;
      } while (after != null);
      samples[i] = pageTime / pages;
      if (System.nanoTime() - start > 5_000_000_000L) return median(Arrays.copyOf(samples, i + 1));
    }
    return median(samples);
  }

  private static double getP50(LocalStore store, String bucket) throws Exception {
    long[] samples = new long[5000];
    for (int i = 0; i < samples.length; i++) {
      long s = System.nanoTime();
      try (ObjectRead r = store.open(ReadRequest.of(bucket, "m-hot"));
          InputStream in = r.stream(null)) {
        in.readAllBytes();
      }
      samples[i] = System.nanoTime() - s;
    }
    return median(samples);
  }

  private static double median(long[] nanos) {
    long[] s = nanos.clone();
    Arrays.sort(s);
    return s[s.length / 2] / 1e6;
  }
}
