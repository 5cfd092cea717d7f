package dev.dfs.store.cluster.repair;

import dev.dfs.store.ClusterStatus;
import dev.dfs.store.cluster.data.Node;
import dev.dfs.store.local.ChunkId;
import dev.dfs.store.local.ChunkVolume.StoredChunk;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The leader's orphan sweep: removes replicas no metadata references (what a failed write, a write
 * whose commit outcome was unknown and did not apply, a lost delete, or a crash between writing and
 * committing leaves), on every node, never racing a write in progress.
 *
 * <p>A pass walks the chunk id space in batches: every live member lists its chunks after the
 * cursor (one page each; the batch ends at the lowest last id of a full page), then one read
 * barrier, then each listed replica is judged by the {@link OrphanCheck} (no commit in doubt, not
 * pinned by a writer or reader of this node, referenced nowhere). A replica found an orphan becomes
 * a suspect ({@link OrphanSuspects}); it is removed only when a later pass, at least {@code grace}
 * after the first sighting, finds it an orphan again, and every pass in between found it so. So a
 * chunk lives at least {@code grace} after its metadata is gone or after it was written without
 * any.
 *
 * <p>Why a write in progress is never harmed: its chunk is pinned on the leader from before its
 * first byte until its metadata applied, and a replica still being written is a temp file, not
 * listed; a write that went in doubt closes write admission, which stops the sweep ({@code leads}
 * is false) until it resolved; a write begun under a former leader either committed before the new
 * leader's first entry (then the barrier shows it) or never will (its entry carries its term and
 * applies as nothing in another). The grace period is the margin on top (a lagging clock, a long
 * transfer).
 *
 * <p>Runs on the leader only (it is the cluster's; a repeated removal is harmless), throttled to
 * {@link #CHECKS_PER_SECOND} replica checks, with its cursor and its suspects in files ({@code
 * gc-cursor}, {@code gc-suspects} beside it) so a restarted or re-elected node resumes the pass and
 * the grace periods where they were. A pass starts at most every {@code grace / 4} (at least every
 * second). One thread; {@link #close} stops it.
 */
public final class OrphanSweep implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(OrphanSweep.class);
  static final int PAGE = 1_000;

  /** Replica checks per second at most (listing, barrier and lookups are paced by it). */
  public static final int CHECKS_PER_SECOND = 5_000;

  private static final int MAX_SUSPECTS = 500_000;
  private static final long IDLE_MILLIS = 500;
  static final String SUSPECTS_FILE = "gc-suspects";

  /** Removes one node's replica of a chunk (a missing one is fine). */
  @FunctionalInterface
  public interface Remover {
    void remove(Node node, ChunkId id) throws IOException;
  }

  /**
   * What the sweep works with.
   *
   * @param members every member now (this node included)
   * @param dead ids of the members declared dead (not listed)
   * @param leads whether this node is the leader and admits writes now (none in doubt)
   */
  public record Wiring(
      NodeListing listing,
      Supplier<List<Node>> members,
      Supplier<Set<String>> dead,
      BooleanSupplier leads,
      ChunkCatalog catalog,
      OrphanCheck check,
      Remover remover,
      Clock clock) {}

  private final Wiring w;
  private final Duration grace;
  private final Duration period;
  private final PassCursor cursor;
  private final ByteThrottle throttle = new ByteThrottle(CHECKS_PER_SECOND);
  private final OrphanSuspects suspects;
  private final CountDownLatch stop = new CountDownLatch(1);
  private final AtomicLong removed = new AtomicLong();
  private final AtomicLong bytesRemoved = new AtomicLong();
  private final AtomicLong passes = new AtomicLong();

  /** The sweep's thread; null for a sweep that runs only when {@link #step} is called. */
  private @Nullable Thread thread;

  private OrphanSweep(Wiring wiring, Duration grace, PassCursor cursor, OrphanSuspects suspects) {
    this.w = wiring;
    this.suspects = suspects;
    this.grace = grace;
    Duration quarter = grace.dividedBy(4);
    this.period = quarter.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : quarter;
    this.cursor = cursor;
  }

  /**
   * Opens the cursor ({@code cursorFile}) and the suspects (beside it) and starts the sweep's
   * thread.
   */
  public static OrphanSweep start(Wiring wiring, Duration grace, Path cursorFile)
      throws IOException {
    OrphanSweep s = open(wiring, grace, cursorFile);
    s.thread = Thread.ofPlatform().daemon().name("dfs-orphan-sweep").start(s::loop);
    return s;
  }

  /** A sweep that runs only when {@link #step} is called (tests). */
  static OrphanSweep open(Wiring wiring, Duration grace, Path cursorFile) throws IOException {
    return new OrphanSweep(
        wiring,
        grace,
        PassCursor.open(cursorFile),
        OrphanSuspects.open(cursorFile.resolveSibling(SUSPECTS_FILE), MAX_SUSPECTS));
  }

  private void loop() {
    while (stop.getCount() > 0) {
      boolean busy = false;
      try {
        busy = step();
      } catch (InterruptedIOException e) {
        return;
      } catch (IOException | RuntimeException e) {
        if (stop.getCount() > 0) log.warn("orphan sweep batch failed (retried): {}", e.toString());
      } finally {
        save(false);
      }
      try {
        if (!busy && stop.await(IDLE_MILLIS, TimeUnit.MILLISECONDS)) return;
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  /** Writes the suspects (at most every few seconds unless {@code force}), then the cursor. */
  private void save(boolean force) {
    try {
      suspects.save(w.clock().instant(), force);
      cursor.save();
    } catch (IOException e) {
      log.warn("orphan sweep cursor or suspects not saved (kept in memory): {}", e.toString());
    }
  }

  /** One batch when this node leads and a pass runs or is due; whether it did one. */
  boolean step() throws IOException {
    // suspects are kept while another node leads: see OrphanSuspects for why that is safe
    if (!w.leads().getAsBoolean()) return false;
    Instant now = w.clock().instant();
    // a running pass has its start time, unless its cursor file lost it: then one starts anew
    Instant started = cursor.running() ? cursor.started() : null;
    if (started == null) {
      Instant last = cursor.lastEnded();
      if (last != null && Duration.between(last, now).compareTo(period) < 0) return false;
      cursor.start(now);
      started = now;
    }
    Batch batch = list(cursor.after());
    w.catalog()
        .readBarrier(); // after the listing: every commit that could reference a listed chunk is
    // applied
    if (!w.leads().getAsBoolean())
      return false; // lost the lead or a commit went in doubt: redo the batch later
    long pass = started.toEpochMilli();
    for (Map.Entry<Node, List<StoredChunk>> e : batch.held().entrySet()) {
      for (StoredChunk c : e.getValue()) judge(e.getKey(), c, pass, w.clock().instant());
    }
    ChunkId end = batch.end();
    if (end == null) {
      suspects.passEnded(pass);
      cursor.finish(w.clock().instant());
      passes.incrementAndGet();
      return false;
    }
    cursor.advance(end);
    return true;
  }

  /** Each live member's chunks after {@code after} up to {@code end} (null: to the last id). */
  private record Batch(Map<Node, List<StoredChunk>> held, @Nullable ChunkId end) {}

  private Batch list(@Nullable ChunkId after) {
    Set<String> dead = w.dead().get();
    Map<Node, List<StoredChunk>> pages = new LinkedHashMap<>();
    ChunkId end = null;
    for (Node n : w.members().get()) {
      if (dead.contains(n.id())) continue;
      try {
        List<StoredChunk> page = w.listing().list(n, after, PAGE);
        pages.put(n, page);
        if (page.size() >= PAGE) {
          ChunkId last = page.get(page.size() - 1).id();
          if (end == null || FullPass.compare(last, end) < 0) end = last;
        }
      } catch (IOException | RuntimeException e) {
        log.debug(
            "orphan sweep: {} did not list its chunks ({}); checked next pass",
            n.id(),
            e.toString());
      }
    }
    Map<Node, List<StoredChunk>> held = new LinkedHashMap<>();
    for (Map.Entry<Node, List<StoredChunk>> e : pages.entrySet()) {
      List<StoredChunk> upTo = new ArrayList<>();
      for (StoredChunk c : e.getValue()) {
        if (end != null && FullPass.compare(c.id(), end) > 0) break;
        upTo.add(c);
      }
      held.put(e.getKey(), upTo);
    }
    return new Batch(held, end);
  }

  private void judge(Node node, StoredChunk c, long pass, Instant now) throws IOException {
    throttle.acquire(1);
    if (!w.check().orphanNow(c.id())) {
      suspects.forget(node.id(), c.id());
      return;
    }
    if (!suspects.sighted(node.id(), c.id(), pass, now, grace)) return;
    try {
      w.remover().remove(node, c.id());
      removed.incrementAndGet();
      bytesRemoved.addAndGet(Math.max(0, c.length()));
      log.debug("orphan sweep removed chunk {} on {}", c.id(), node.id());
    } catch (IOException e) {
      log.debug(
          "orphan sweep could not remove chunk {} on {} (next pass): {}",
          c.id(),
          node.id(),
          e.toString());
    }
    suspects.forget(node.id(), c.id());
  }

  /** The sweep's figures for the cluster status. */
  public ClusterStatus.Gc status() {
    return new ClusterStatus.Gc(
        grace.toSeconds(),
        cursor.running(),
        cursor.lastEnded(),
        passes.get(),
        suspects.size(),
        removed.get(),
        bytesRemoved.get(),
        w.check().kept());
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
    save(true);
  }
}
