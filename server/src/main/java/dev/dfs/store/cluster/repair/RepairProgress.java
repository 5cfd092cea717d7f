package dev.dfs.store.cluster.repair;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Counts what the repair worker copied and derives its rate over the last minute. Thread-safe (one
 * monitor).
 */
final class RepairProgress {
  private static final long WINDOW_NANOS = 60_000_000_000L;

  private record Sample(long atNanos, long bytes) {}

  private final Deque<Sample> samples = new ArrayDeque<>();
  private long chunks;
  private long bytes;
  private long failures;

  synchronized void copied(long length) {
    chunks++;
    bytes += length;
    long now = System.nanoTime();
    samples.addLast(new Sample(now, length));
    trim(now);
  }

  synchronized void failed() {
    failures++;
  }

  synchronized long chunks() {
    return chunks;
  }

  synchronized long bytes() {
    return bytes;
  }

  synchronized long failures() {
    return failures;
  }

  /** Mean size of the copies so far (0: none). */
  synchronized long meanChunk() {
    return chunks == 0 ? 0 : bytes / chunks;
  }

  /** Bytes per second over the last minute (since the first copy in it, at least a second). */
  synchronized double rate() {
    long now = System.nanoTime();
    trim(now);
    if (samples.isEmpty()) return 0;
    long sum = 0;
    for (Sample s : samples) sum += s.bytes();
    double seconds = Math.max(1.0, (now - samples.peekFirst().atNanos()) / 1e9);
    return sum / seconds;
  }

  private void trim(long now) {
    while (!samples.isEmpty() && now - samples.peekFirst().atNanos() > WINDOW_NANOS)
      samples.removeFirst();
  }
}
