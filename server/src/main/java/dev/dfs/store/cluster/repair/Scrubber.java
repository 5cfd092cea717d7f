package dev.dfs.store.cluster.repair;

import dev.dfs.store.cluster.data.RepairRequest;
import dev.dfs.store.cluster.data.ReplicaFault;
import dev.dfs.store.local.ChunkId;
import dev.dfs.store.local.ChunkVolume;
import dev.dfs.store.local.ChunkVolume.StoredChunk;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's scrub: a slow pass over every replica in its {@link ChunkVolume}, in id order,
 * reading each referenced chunk whole through the volume's verified read (every block's CRC) at
 * most {@code bytesPerSecond}. A replica whose file length disagrees with the metadata's, or whose
 * read fails, is damaged: it is moved to {@code quarantine/} and queued for repair (DAMAGED, this
 * node), which copies a healthy replica back. Chunks no metadata references are skipped (they are
 * the sweeper's). A pass starts at most every {@code period}; the position within a pass is kept in
 * a cursor file, so a restart resumes it. One thread; thread-safe counters; {@link #close} stops
 * it.
 */
public final class Scrubber implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Scrubber.class);
  private static final int PAGE = 100;
  private static final int BLOCK = 256 * 1024;

  private final ChunkVolume volume;
  private final ChunkCatalog catalog;
  private final DurableRepairQueue queue;
  private final String selfId;
  private final ByteThrottle throttle;
  private final Duration period;
  private final PassCursor cursor;
  private final Clock clock;
  private final CountDownLatch stop = new CountDownLatch(1);
  private final AtomicLong chunks = new AtomicLong();
  private final AtomicLong bytes = new AtomicLong();
  private final AtomicLong corrupt = new AtomicLong();
  private final AtomicReference<Instant> lastPass = new AtomicReference<>();

  /** The scrubbing thread; null when the scrub bandwidth is 0 (off). */
  private @Nullable Thread thread;

  private Scrubber(
      ChunkVolume volume,
      ChunkCatalog catalog,
      DurableRepairQueue queue,
      String selfId,
      RepairSettings settings,
      PassCursor cursor,
      Clock clock) {
    this.volume = volume;
    this.catalog = catalog;
    this.queue = queue;
    this.selfId = selfId;
    this.throttle = new ByteThrottle(settings.scrubBytesPerSecond());
    this.period = settings.scrubPeriod();
    this.cursor = cursor;
    this.clock = clock;
    this.lastPass.set(cursor.lastEnded());
  }

  /**
   * Starts scrubbing, unless the scrub bandwidth is 0 (off): then returns a scrubber that never
   * runs.
   */
  public static Scrubber start(
      ChunkVolume volume,
      ChunkCatalog catalog,
      DurableRepairQueue queue,
      String selfId,
      RepairSettings settings,
      Path cursorFile,
      Clock clock)
      throws IOException {
    Scrubber s =
        new Scrubber(volume, catalog, queue, selfId, settings, PassCursor.open(cursorFile), clock);
    if (settings.scrubBytesPerSecond() > 0)
      s.thread = Thread.ofPlatform().daemon().name("dfs-scrub").start(s::loop);
    return s;
  }

  private void loop() {
    while (stop.getCount() > 0) {
      try {
        if (!cursor.running() && !due()) {
          if (stop.await(1, TimeUnit.SECONDS)) return;
          continue;
        }
        if (!cursor.running()) cursor.start(clock.instant());
        step();
      } catch (InterruptedException | InterruptedIOException e) {
        return;
      } catch (IOException | RuntimeException e) {
        log.warn("scrub step failed (retried): {}", e.toString());
        try {
          if (stop.await(5, TimeUnit.SECONDS)) return;
        } catch (InterruptedException ie) {
          return;
        }
      } finally {
        saveCursor();
      }
    }
  }

  private boolean due() {
    Instant started = cursor.started();
    return started == null || Duration.between(started, clock.instant()).compareTo(period) >= 0;
  }

  /** Scrubs the next page of chunks, or ends the pass. */
  private void step() throws IOException {
    List<StoredChunk> page = volume.list(cursor.after(), PAGE);
    for (StoredChunk c : page) {
      if (stop.getCount() == 0) return;
      scrub(c);
      cursor.advance(c.id());
    }
    if (page.size() < PAGE) {
      Instant started = cursor.started();
      cursor.finish(clock.instant());
      lastPass.set(cursor.lastEnded());
      // the pass's length is the operator's (and bench/scrub-cost.sh's) full-pass time; a pass
      // resumed after a restart counts the time the node was down
      log.info(
          "scrub pass ended after {} ms: {} replica(s), {} byte(s) verified, {} damaged since start",
          started == null ? -1 : Duration.between(started, cursor.lastEnded()).toMillis(),
          chunks.get(),
          bytes.get(),
          corrupt.get());
    }
  }

  private void scrub(StoredChunk c) throws IOException {
    OptionalLong length = catalog.length(c.id());
    if (length.isEmpty()) return; // unreferenced: an orphan or a write not committed yet
    long len = length.getAsLong();
    String damage =
        c.length() != len
            ? "length " + c.length() + " where the metadata says " + len
            : verify(c.id(), len);
    if (damage == null) {
      chunks.incrementAndGet();
      bytes.addAndGet(len);
      return;
    }
    if (catalog.length(c.id()).isEmpty()) return; // deleted while we read it
    Path moved = volume.quarantine(c.id());
    corrupt.incrementAndGet();
    log.warn(
        "scrub: replica of chunk {} is damaged ({}); moved to {} and queued for repair",
        c.id(),
        damage,
        moved);
    queue.report(new RepairRequest(c.id(), selfId, ReplicaFault.MISSING, clock.instant()), len);
  }

  /** Reads the chunk whole through the verified read; null when intact, else what failed. */
  private @Nullable String verify(ChunkId id, long len) throws InterruptedIOException {
    byte[] buf = new byte[BLOCK];
    try (InputStream in = volume.openRead(id, len, 0, len)) {
      long left = len;
      while (left > 0) {
        int want = (int) Math.min(buf.length, left);
        throttle.acquire(want);
        int n = in.readNBytes(buf, 0, want);
        if (n < want) return "ended early";
        left -= n;
      }
      return null;
    } catch (ChunkVolume.MissingChunkException e) {
      return null; // deleted or quarantined meanwhile: nothing to verify
    } catch (InterruptedIOException e) {
      throw e;
    } catch (IOException e) {
      // never null: an exception without a message (e.g. a bare EOFException) is damage too
      String message = e.getMessage();
      return message != null ? message : e.toString();
    }
  }

  private void saveCursor() {
    try {
      cursor.save();
    } catch (IOException e) {
      log.warn("scrub cursor not saved: {}", e.toString());
    }
  }

  public long scrubbedChunks() {
    return chunks.get();
  }

  public long scrubbedBytes() {
    return bytes.get();
  }

  public long corrupt() {
    return corrupt.get();
  }

  /** When the last pass ended (null: none yet). */
  public @Nullable Instant lastPass() {
    return lastPass.get();
  }

  @Override
  public void close() {
    stop.countDown();
    Thread t = thread;
    if (t != null) {
      try {
        t.join(Duration.ofSeconds(15));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    saveCursor();
  }
}
