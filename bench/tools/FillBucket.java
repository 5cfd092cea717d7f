import dev.dfs.bench.KeyLayout;
import dev.dfs.store.PutObjectRequest;
import dev.dfs.store.local.LocalStore;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Fills bucket dfs-bench with empty objects through the engine API (much faster than HTTP):
 *   java -cp server/target/dfs-0.9.0.jar bench/tools/FillBucket.java DATA_DIR KEYS PREFIXES
 * Keys follow dev.dfs.bench.KeyLayout("bench", PREFIXES, 1), as `dfs bench --mode list` expects.
 * Run it while no server uses DATA_DIR.
 */
public class FillBucket {
  public static void main(String[] a) throws Exception {
    Path dir = Path.of(a[0]);
    long keys = Long.parseLong(a[1]);
    int prefixes = Integer.parseInt(a[2]);
    KeyLayout layout = new KeyLayout("bench", prefixes, 1);
    long t0 = System.nanoTime();
    try (LocalStore s = LocalStore.open(dir)) {
      if (s.bucket("dfs-bench").isEmpty()) s.createBucket("dfs-bench", "us-east-1");
      AtomicLong next = new AtomicLong();
      try (var ex = Executors.newFixedThreadPool(64)) {
        for (int t = 0; t < 64; t++) {
          ex.submit(() -> {
            for (long i; (i = next.getAndIncrement()) < keys; ) {
              s.putObject(PutObjectRequest.simple("dfs-bench", layout.key(i), 0), new ByteArrayInputStream(new byte[0]));
            }
            return null;
          });
        }
      }
    }
    System.out.printf("filled %d keys in %.1f s%n", keys, (System.nanoTime() - t0) / 1e9);
  }
}
