import dev.dfs.store.ListPage;
import dev.dfs.store.ListQuery;
import dev.dfs.store.local.LocalStore;
import dev.dfs.store.local.LocalStoreOptions;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Times ListObjects pages inside the engine (no HTTP):
 *   java -cp server/target/dfs-0.9.0.jar bench/tools/ListProbe.java DATA_DIR [DELIMITER] [PAGES]
 * Walks bucket dfs-bench page by page (1,000 entries) under prefix bench/, wrapping around,
 * and prints p50/p90/max in milliseconds.
 */
public class ListProbe {
  public static void main(String[] a) throws Exception {
    String delim = a.length > 1 && !a[1].isEmpty() ? a[1] : null;
    int pages = a.length > 2 ? Integer.parseInt(a[2]) : 300;
    try (LocalStore s = LocalStore.open(Path.of(a[0]), LocalStoreOptions.defaults().withBackgroundSweep(false))) {
      double[] ms = new double[pages];
      String after = null;
      for (int i = -50; i < pages; i++) {
        long t0 = System.nanoTime();
        ListPage p = s.list("dfs-bench", new ListQuery("bench/", delim, after, 1000));
        long t = System.nanoTime() - t0;
        if (i >= 0) ms[i] = t / 1e6;
        after = p.truncated() ? p.nextAfter() : null;
      }
      Arrays.sort(ms);
      System.out.printf("delimiter=%s pages=%d p50=%.2f ms p90=%.2f ms max=%.2f ms%n", delim, pages, ms[pages / 2], ms[pages * 9 / 10], ms[pages - 1]);
    }
  }
}
