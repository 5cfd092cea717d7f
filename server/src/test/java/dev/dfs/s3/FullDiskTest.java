package dev.dfs.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dfs.store.local.LocalStore;
import dev.dfs.store.local.LocalStoreOptions;
import dev.dfs.testing.DfsTestServer;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.retries.DefaultRetryStrategy;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The local engine on a volume that fills up: a tmpfs of a few MiB the test mounts (skipped where
 * mounting is not permitted). Writes are refused with 507 InsufficientStorage and leave nothing
 * behind, deletes keep working, writes resume without a restart once space is freed, and every
 * acknowledged object reads back.
 */
class FullDiskTest {
  private static final int MIB = 1 << 20;

  @Test
  void writesAre507DeletesWorkAndWritesResumeOnceSpaceIsFreed(@TempDir Path tmp) throws Exception {
    Path mount = mountTmpfs(tmp, 24);
    try {
      LocalStoreOptions options =
          LocalStoreOptions.defaults().withBackgroundSweep(false).withDiskReserveBytes(6L * MIB);
      try (DfsTestServer server =
          DfsTestServer.start(LocalStore.open(mount.resolve("data"), options))) {
        S3Client s3 = noRetries(server);
        s3.createBucket(b -> b.bucket("full"));
        Map<String, byte[]> acknowledged = new LinkedHashMap<>();
        for (int i = 0; i < 5; i++) acknowledged.put("small-" + i, put(s3, "small-" + i, 1000, i));
        int refusedAt = -1;
        long errorNanos = 0;
        for (int i = 0; i < 40; i++) {
          long t0 = System.nanoTime();
          try {
            acknowledged.put("big-" + i, put(s3, "big-" + i, MIB, 100 + i));
          } catch (S3Exception e) {
            errorNanos = System.nanoTime() - t0;
            assertInsufficientStorage(e);
            refusedAt = i;
            break;
          }
        }
        assertThat(refusedAt).as("the volume filled up").isPositive();
        System.out.printf(
            "full disk: %d MiB objects acknowledged, refusal answered in %.1f ms%n",
            refusedAt, errorNanos / 1e6);
        // another process fills the volume further, into the reserve: every data write is
        // refused, big or inline-sized, PUT or UploadPart; CreateMultipartUpload is metadata
        Path filler = fillTo(mount, 3L * MIB);
        assertThatThrownBy(() -> put(s3, "inline", 100, 7))
            .isInstanceOfSatisfying(S3Exception.class, FullDiskTest::assertInsufficientStorage);
        assertThatThrownBy(() -> put(s3, "big", MIB, 8))
            .isInstanceOfSatisfying(S3Exception.class, FullDiskTest::assertInsufficientStorage);
        String upload = s3.createMultipartUpload(b -> b.bucket("full").key("mp")).uploadId();
        assertThatThrownBy(
                () ->
                    s3.uploadPart(
                        b -> b.bucket("full").key("mp").uploadId(upload).partNumber(1),
                        RequestBody.fromBytes(bytes(MIB, 9))))
            .isInstanceOfSatisfying(S3Exception.class, FullDiskTest::assertInsufficientStorage);
        // nothing partial is visible
        assertThat(s3.listObjectsV2(b -> b.bucket("full")).contents())
            .extracting(o -> o.key())
            .containsExactlyInAnyOrderElementsOf(acknowledged.keySet());
        assertThat(s3.listParts(b -> b.bucket("full").key("mp").uploadId(upload)).parts())
            .isEmpty();
        try (var tmpFiles = Files.list(mount.resolve("data").resolve("tmp"))) {
          assertThat(tmpFiles.toList()).as("temp files left behind").isEmpty();
        }

        // deletes commit inside the reserve (what each takes from it is the metadata's share)
        long before = Files.getFileStore(mount).getUsableSpace();
        for (int i = 0; i < 5; i++) {
          String key = "small-" + i;
          s3.deleteObject(b -> b.bucket("full").key(key));
          acknowledged.remove(key);
        }
        long metadataBytes = before - Files.getFileStore(mount).getUsableSpace();
        System.out.printf(
            "full disk: 5 deletes of inline objects took %d bytes of the reserve%n", metadataBytes);
        s3.deleteObject(b -> b.bucket("full").key("big-0"));
        acknowledged.remove("big-0");
        // the operator frees space: writes work again at once, without a restart
        Files.delete(filler);
        long t0 = System.nanoTime();
        acknowledged.put("after", put(s3, "after", MIB, 55));
        System.out.printf(
            "full disk: first 1 MiB PUT after freeing space took %.1f ms%n",
            (System.nanoTime() - t0) / 1e6);
        s3.uploadPart(
            b -> b.bucket("full").key("mp").uploadId(upload).partNumber(1),
            RequestBody.fromBytes(bytes(1000, 9)));
        s3.abortMultipartUpload(b -> b.bucket("full").key("mp").uploadId(upload));
        for (Map.Entry<String, byte[]> e : acknowledged.entrySet()) {
          assertThat(s3.getObjectAsBytes(b -> b.bucket("full").key(e.getKey())).asByteArray())
              .as(e.getKey())
              .isEqualTo(e.getValue());
        }
      }
    } finally {
      unmount(mount);
    }
  }

  /**
   * With no reserve the metadata database itself runs out of space (RocksDB stops writing, its
   * "background error" state); it must say 507 and become writable again by itself once space is
   * freed, without a restart.
   */
  @Test
  void metadataDatabaseResumesAfterRunningOutOfSpace(@TempDir Path tmp) throws Exception {
    Path mount = mountTmpfs(tmp, 16);
    try {
      LocalStoreOptions options =
          LocalStoreOptions.defaults().withBackgroundSweep(false).withDiskReserveBytes(0);
      try (DfsTestServer server =
          DfsTestServer.start(LocalStore.open(mount.resolve("data"), options))) {
        S3Client s3 = noRetries(server);
        s3.createBucket(b -> b.bucket("full"));
        Map<String, byte[]> acknowledged = new LinkedHashMap<>();
        Path filler = fillTo(mount, 0);
        boolean refused = false;
        for (int i = 0; i < 20_000 && !refused; i++) {
          try {
            acknowledged.put("k" + i, put(s3, "k" + i, 2000, i));
          } catch (S3Exception e) {
            assertInsufficientStorage(e);
            refused = true;
          }
        }
        assertThat(refused).as("writes were refused on the full volume").isTrue();
        System.out.printf(
            "no reserve: %d inline PUTs acknowledged after the volume filled%n",
            acknowledged.size());
        Files.delete(filler);
        long t0 = System.nanoTime();
        long deadline = t0 + TimeUnit.SECONDS.toNanos(60);
        while (true) {
          try {
            acknowledged.put("after", put(s3, "after", 2000, 1));
            break;
          } catch (S3Exception e) {
            assertInsufficientStorage(e);
            assertThat(System.nanoTime()).as("writable again within 60 s").isLessThan(deadline);
            Thread.sleep(200);
          }
        }
        System.out.printf(
            "no reserve: writable again %.1f s after space was freed%n",
            (System.nanoTime() - t0) / 1e9);
        for (Map.Entry<String, byte[]> e : acknowledged.entrySet()) {
          assertThat(s3.getObjectAsBytes(b -> b.bucket("full").key(e.getKey())).asByteArray())
              .as(e.getKey())
              .isEqualTo(e.getValue());
        }
      }
    } finally {
      unmount(mount);
    }
  }

  private static S3Client noRetries(DfsTestServer server) {
    return server.client(
        b -> b.overrideConfiguration(c -> c.retryStrategy(DefaultRetryStrategy.doNotRetry())));
  }

  private static void assertInsufficientStorage(S3Exception e) {
    assertThat(e.statusCode()).as(e.toString()).isEqualTo(507);
    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InsufficientStorage");
    assertThat(e.awsErrorDetails().errorMessage()).contains("full");
  }

  private static byte[] put(S3Client s3, String key, int size, int seed) {
    byte[] data = bytes(size, seed);
    s3.putObject(b -> b.bucket("full").key(key), RequestBody.fromBytes(data));
    return data;
  }

  static byte[] bytes(int size, int seed) {
    byte[] b = new byte[size];
    new Random(seed).nextBytes(b);
    return b;
  }

  /** Mounts a tmpfs of {@code mib} MiB under {@code parent}; skips the test where not allowed. */
  static Path mountTmpfs(Path parent, int mib) throws Exception {
    Path mount = Files.createDirectory(parent.resolve("volume"));
    int exit =
        run("mount", "-t", "tmpfs", "-o", "size=" + mib + "m,mode=0700", "tmpfs", mount.toString());
    Assumptions.assumeTrue(
        exit == 0,
        "mounting a tmpfs is not permitted here (needs root or CAP_SYS_ADMIN): full-disk test skipped");
    return mount;
  }

  static void unmount(Path mount) throws Exception {
    if (run("umount", mount.toString()) != 0) run("umount", "-l", mount.toString());
  }

  private static int run(String... command) throws IOException, InterruptedException {
    Process p;
    try {
      p =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
    } catch (IOException e) {
      return -1; // no mount binary: treated as not permitted
    }
    if (!p.waitFor(30, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      return -1;
    }
    return p.exitValue();
  }

  /**
   * Writes a file into {@code dir} until at most {@code leave} bytes stay free on its volume (0: to
   * the last byte, the write's ENOSPC ends it); returns the file.
   */
  static Path fillTo(Path dir, long leave) throws IOException {
    Path filler = dir.resolve("filler");
    byte[] block = new byte[4096];
    try (OutputStream out = Files.newOutputStream(filler)) {
      while (Files.getFileStore(dir).getUsableSpace() > leave) {
        out.write(block);
        out.flush();
      }
    } catch (IOException full) {
      // ENOSPC: the volume is full
    }
    return filler;
  }
}
