package dev.dfs.store.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dfs.store.CompletedPart;
import dev.dfs.store.ListQuery;
import dev.dfs.store.ObjectInfo;
import dev.dfs.store.ObjectRead;
import dev.dfs.store.ObjectRef;
import dev.dfs.store.PartInfo;
import dev.dfs.store.PartUploadRequest;
import dev.dfs.store.ReadRequest;
import dev.dfs.store.StoreException;
import dev.dfs.store.UploadInfo;
import dev.dfs.store.WriteCondition;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Many threads put, overwrite, delete and read the same and different keys. Every body is
 * self-describing (a seed and length header, then bytes derived from the seed), so any read can
 * check that it saw one whole write. Afterwards every object reads back consistently and the
 * sweeper finds no leaked chunk files.
 */
class ConcurrencyTest {
  @TempDir Path dir;

  static byte[] body(long seed, int size) {
    byte[] b = TestSupport.bytes(Math.max(size, 12), seed);
    ByteBuffer.wrap(b).putLong(seed).putInt(b.length);
    return b;
  }

  static void checkWhole(byte[] got) {
    assertThat(got.length).isGreaterThanOrEqualTo(12);
    ByteBuffer h = ByteBuffer.wrap(got);
    long seed = h.getLong();
    int size = h.getInt();
    assertThat(got).isEqualTo(body(seed, size));
  }

  @Test
  void mixedOperationsStayConsistent() throws Exception {
    int threads = 8;
    int opsPerThread = 150;
    List<Throwable> failures = new ArrayList<>();
    try (LocalStore store = LocalStore.open(dir, TestSupport.smallOptions())) {
      store.createBucket("b", "r");
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        final int thread = t;
        futures.add(
            pool.submit(
                () -> {
                  Random rnd = new Random(thread);
                  for (int i = 0; i < opsPerThread; i++) {
                    String key =
                        rnd.nextBoolean()
                            ? "shared-" + rnd.nextInt(3)
                            : "own-" + thread + "-" + rnd.nextInt(5);
                    int op = rnd.nextInt(10);
                    if (op < 5) {
                      int size = rnd.nextInt(4) == 0 ? 50 : 500 + rnd.nextInt(4000);
                      byte[] data = body(thread * 1_000_000L + i, size);
                      ObjectInfo info = TestSupport.put(store, "b", key, data);
                      assertThat(info.etag()).isEqualTo(TestSupport.md5Hex(data));
                    } else if (op < 7) {
                      store.delete(ObjectRef.current("b", key), null);
                    } else {
                      try (ObjectRead r = store.open(ReadRequest.of("b", key));
                          InputStream in = r.stream(null)) {
                        byte[] got = in.readAllBytes();
                        checkWhole(got);
                        assertThat(TestSupport.md5Hex(got)).isEqualTo(r.info().etag());
                      } catch (StoreException e) {
                        assertThat(e.error()).isEqualTo(dev.dfs.store.StoreError.NO_SUCH_KEY);
                      }
                    }
                  }
                  return null;
                }));
      }
      for (Future<?> f : futures) {
        try {
          f.get();
        } catch (Exception e) {
          failures.add(e.getCause() == null ? e : e.getCause());
        }
      }
      pool.shutdown();
      assertThat(failures).isEmpty();

      int chunked = 0;
      for (ObjectInfo o : store.list("b", new ListQuery("", null, null, 1000)).objects()) {
        checkWhole(TestSupport.get(store, "b", o.key()));
        if (o.size() > 100) chunked++;
      }
      assertThat(store.sweepNow()).isZero();
      assertThat(TestSupport.filesUnder(dir.resolve("chunks"))).hasSize(chunked);
      assertThat(TestSupport.filesUnder(dir.resolve("tmp"))).isEmpty();
    }
  }

  @Test
  void concurrentUploadsOfTheSamePartKeepOne() throws Exception {
    try (LocalStore store = LocalStore.open(dir, TestSupport.smallOptions())) {
      store.createBucket("b", "r");
      UploadInfo u = store.createUpload("b", "k", null, null, null);
      ExecutorService pool = Executors.newFixedThreadPool(4);
      List<Future<PartInfo>> futures = new ArrayList<>();
      for (int t = 0; t < 16; t++) {
        byte[] data = body(t, 2500 + t);
        int number = 1 + t % 2;
        futures.add(
            pool.submit(
                () ->
                    store.uploadPart(
                        new PartUploadRequest(
                            "b", "k", u.uploadId(), number, data.length, null, null),
                        new ByteArrayInputStream(data))));
      }
      for (Future<PartInfo> f : futures) f.get();
      pool.shutdown();
      List<PartInfo> parts = store.listParts("b", "k", u.uploadId(), 0, 100).parts();
      assertThat(parts).hasSize(2);
      assertThat(TestSupport.filesUnder(dir.resolve("chunks"))).hasSize(2);
      store.completeUpload(
          "b",
          "k",
          u.uploadId(),
          parts.stream().map(p -> new CompletedPart(p.partNumber(), p.etag(), null)).toList(),
          WriteCondition.NONE);
      byte[] all = TestSupport.get(store, "b", "k");
      assertThat(all.length).isEqualTo(parts.get(0).size() + parts.get(1).size());
      assertThat(store.sweepNow()).isZero();
    }
  }
}
