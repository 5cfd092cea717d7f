package dev.dfs.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Reads the server's RSS through a {@link RssProbe} every {@code intervalNanos} on its own daemon
 * thread, from {@link #start} until {@link #stop}. Thread-safe: the progress line reads {@link
 * #latest} while samples are taken.
 */
final class RssSampler implements AutoCloseable {
  private final RssProbe probe;
  private final long intervalNanos;
  private final List<RssSummary.Sample> samples = new ArrayList<>();
  private int failed;
  private long startNanos;
  private @Nullable Thread thread;

  RssSampler(RssProbe probe, java.time.Duration interval) {
    this.probe = probe;
    this.intervalNanos = interval.toNanos();
  }

  /** Takes a first sample now, then one every interval. */
  synchronized void start() {
    startNanos = System.nanoTime();
    thread = Thread.ofPlatform().name("bench-rss").daemon(true).start(this::loop);
  }

  private void loop() {
    long next = startNanos;
    while (!Thread.currentThread().isInterrupted()) {
      sampleOnce();
      next += intervalNanos;
      long wait = next - System.nanoTime();
      if (wait > 0) {
        try {
          TimeUnit.NANOSECONDS.sleep(wait);
        } catch (InterruptedException e) {
          return; // stop() was called
        }
      }
    }
  }

  private void sampleOnce() {
    try {
      long bytes = probe.residentBytes();
      synchronized (this) {
        samples.add(new RssSummary.Sample((System.nanoTime() - startNanos) / 1e9, bytes));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      synchronized (this) {
        failed++; // counted in the report; a soak must not stop because one scrape timed out
      }
    }
  }

  /** The most recent reading, or -1 before the first. */
  synchronized long latest() {
    return samples.isEmpty() ? -1 : samples.get(samples.size() - 1).bytes();
  }

  /** Stops sampling, takes a last sample and summarises; null when nothing could be read. */
  @Nullable RssSummary stop() throws InterruptedException {
    close();
    sampleOnce();
    synchronized (this) {
      return RssSummary.of(probe.source(), samples, failed);
    }
  }

  @Override
  public void close() throws InterruptedException {
    Thread t;
    synchronized (this) {
      t = thread;
      thread = null;
    }
    if (t != null) {
      t.interrupt();
      t.join(10_000);
    }
  }
}
