import dev.dfs.store.PutObjectRequest;
import dev.dfs.store.local.LocalStore;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Random;

/**
 * Times large PUTs inside the engine (no HTTP, no client): hashing, chunk file writes, fsync.
 *   java -cp server/target/dfs-0.9.0.jar bench/tools/PutProbe.java DATA_DIR [MiB] [RUNS]
 */
public class PutProbe {
  public static void main(String[] a) throws Exception {
    long size = (a.length > 1 ? Long.parseLong(a[1]) : 1024) << 20;
    int runs = a.length > 2 ? Integer.parseInt(a[2]) : 3;
    byte[] pattern = new byte[1 << 20];
    new Random(1).nextBytes(pattern);
    try (LocalStore s = LocalStore.open(Path.of(a[0]))) {
      if (s.bucket("probe").isEmpty()) s.createBucket("probe", "us-east-1");
      for (int r = 0; r < runs; r++) {
        InputStream body = new InputStream() {
          long left = size;
          public int read() { throw new UnsupportedOperationException(); }
          public int read(byte[] b, int off, int len) {
            if (left == 0) return -1;
            int n = (int) Math.min(Math.min(len, left), pattern.length - (int) ((size - left) % pattern.length));
            System.arraycopy(pattern, (int) ((size - left) % pattern.length), b, off, n);
            left -= n;
            return n;
          }
        };
        long t0 = System.nanoTime();
        s.putObject(PutObjectRequest.simple("probe", "big", size), body);
        double sec = (System.nanoTime() - t0) / 1e9;
        System.out.printf("put %d MiB: %.2f s, %.0f MB/s%n", size >> 20, sec, size / sec / 1e6);
      }
    }
  }
}
