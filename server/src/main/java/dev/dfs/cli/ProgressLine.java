package dev.dfs.cli;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * Progress of a long copy on standard error: a line at most every two seconds ("backup: 1,204
 * files, 3.1 GiB, 212.4 MiB/s") and {@link #done()} for the last one. Not thread-safe.
 */
final class ProgressLine implements BackupFiles.Progress {
  private static final long EVERY_NANOS = 2_000_000_000L;

  private final PrintWriter err;
  private final String what;
  private final long started = System.nanoTime();
  private long lastPrinted = started;
  private long files;
  private long bytes;

  ProgressLine(PrintWriter err, String what) {
    this.err = err;
    this.what = what;
  }

  @Override
  public void file(long size) {
    files++;
    bytes += size;
    long now = System.nanoTime();
    if (now - lastPrinted >= EVERY_NANOS) {
      lastPrinted = now;
      print(now);
    }
  }

  /** Prints the final counts. */
  void done() {
    print(System.nanoTime());
  }

  long files() {
    return files;
  }

  long bytes() {
    return bytes;
  }

  private void print(long now) {
    double seconds = Math.max(1e-3, (now - started) / 1e9);
    err.printf(
        Locale.ROOT,
        "%s: %,d files, %s, %s/s%n",
        what,
        files,
        size(bytes),
        size((long) (bytes / seconds)));
    err.flush();
  }

  static String size(long n) {
    if (n < 1024) return n + " B";
    String[] units = {"KiB", "MiB", "GiB", "TiB"};
    double v = n;
    int u = -1;
    while (v >= 1024 && u < units.length - 1) {
      v /= 1024;
      u++;
    }
    return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
  }
}
