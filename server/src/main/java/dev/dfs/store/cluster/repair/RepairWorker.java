package dev.dfs.store.cluster.repair;

import dev.dfs.store.ClusterStatus;
import dev.dfs.store.cluster.data.Node;
import dev.dfs.store.cluster.data.ReplicaFault;
import dev.dfs.store.local.ChunkId;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The repair worker of one node: one thread that, round after round,
 *
 * <ol>
 *   <li>takes a batch from this node's {@link DurableRepairQueue} (what its readers, writers and
 *       scrub noticed, and what its full pass found), confirms each chunk is still referenced after
 *       a read barrier, and repairs it ({@link ChunkRepair}); a chunk that cannot be repaired now
 *       (a target or every source unreachable) goes back to the queue;
 *   <li>on the leader only, advances the full pass ({@link FullPass}) by one batch when one is
 *       running or due (every {@code fullPassPeriod}, and at once when the set of dead nodes grows
 *       or a new layout version is applied), persisting its cursor so a restarted node resumes it;
 *       while data moves to a new layout version ({@link Rebalancing}) it runs passes until one
 *       that started {@link #SETTLE} after the apply is clean (every owner held every chunk), then
 *       retires the older versions; once the layout is settled and no node is dead, passes also
 *       remove copies that neither owners nor former owners need;
 *   <li>flushes the queue and cursor, and sleeps a second when there was nothing to do.
 * </ol>
 *
 * Why repairs run on every node but the full pass only on the leader: a full pass must run once (it
 * is the cluster's), whereas a repair hint is this node's own knowledge, and copying a chunk is
 * idempotent (the same bytes replace the same name atomically), so two nodes repairing one chunk
 * cost bytes, never correctness. Copies share one {@link ByteThrottle}. Thread-safe; {@link #close}
 * stops the thread and flushes.
 */
public final class RepairWorker implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(RepairWorker.class);
  private static final int BATCH = 64;
  private static final long IDLE_MILLIS = 1_000;

  /**
   * How long after a layout apply a pass that may retire the older versions starts at the earliest.
   */
  public static final Duration SETTLE = Duration.ofSeconds(5);

  /** How often the moved figures are recorded in the layout while data moves. */
  private static final Duration RECORD_EVERY = Duration.ofSeconds(2);

  private final DurableRepairQueue queue;
  private final PassCursor cursor;
  private final ChunkCatalog catalog;
  private final Supplier<List<Node>> nodes;
  private final Rebalancing rebalancing;
  private final Supplier<Set<String>> dead;
  private final BooleanSupplier leads;
  private final Duration fullPassPeriod;
  private final Clock clock;
  private final ChunkRepair repair;
  private final FullPass fullPass;
  private final RepairProgress progress = new RepairProgress();
  private final CountDownLatch stop = new CountDownLatch(1);
  private Set<String> deadSeen = Set.of();
  private volatile boolean passRequested;
  private final Thread thread;
  private long seenVersion = -1;

  /** The layout when the running pass started, and when (null: started before a restart). */
  private @Nullable PassStart passStart;

  private boolean rerunWhenIdle;
  private long trackedVersion = -1;
  private long[] movedBase = {0, 0};
  private Instant lastRecorded = Instant.EPOCH;

  /**
   * Everything a worker works with; {@code nodes}: every node that may hold chunks (members and
   * layout nodes), this node included; {@code remover} removes a replica (extra copies).
   */
  public record Wiring(
      DurableRepairQueue queue,
      ChunkCatalog catalog,
      ReplicaOwners owners,
      NodeListing listing,
      dev.dfs.store.cluster.data.ReplicaCopier copier,
      Supplier<List<Node>> nodes,
      Supplier<Set<String>> dead,
      BooleanSupplier leads,
      Clock clock,
      Rebalancing rebalancing,
      OrphanSweep.Remover remover) {}

  private RepairWorker(Wiring w, PassCursor cursor, RepairSettings settings) {
    this.queue = w.queue();
    this.cursor = cursor;
    this.catalog = w.catalog();
    this.nodes = w.nodes();
    this.rebalancing = w.rebalancing();
    this.dead = w.dead();
    this.leads = w.leads();
    this.fullPassPeriod = settings.fullPassPeriod();
    this.clock = w.clock();
    this.repair =
        new ChunkRepair(
            w.owners(), w.copier(), new ByteThrottle(settings.repairBytesPerSecond()), progress);
    this.fullPass =
        new FullPass(w.catalog(), w.owners(), w.listing(), w.queue(), w.clock(), w.remover());
    this.thread = Thread.ofPlatform().daemon().name("dfs-repair").unstarted(this::loop);
  }

  /** The layout a full pass started under, and when. */
  private record PassStart(Rebalancing.Target target, Instant at) {}

  /** Opens the cursor and starts the worker's thread. */
  public static RepairWorker start(
      Wiring wiring, java.nio.file.Path cursorFile, RepairSettings settings) throws IOException {
    RepairWorker w = new RepairWorker(wiring, PassCursor.open(cursorFile), settings);
    w.thread.start();
    return w;
  }

  /** Starts a full pass within a round (on the leader), whatever the period says. */
  public void requestFullPass() {
    passRequested = true;
  }

  private void loop() {
    while (stop.getCount() > 0) {
      boolean busy = false;
      try {
        busy = repairQueued();
        busy |= passStep();
        recordMoved(false);
      } catch (InterruptedIOException e) {
        return;
      } catch (IOException | RuntimeException e) {
        if (stop.getCount() > 0) log.warn("repair round failed (retried): {}", e.toString());
      } finally {
        save();
      }
      if (!busy && !idle()) return;
    }
  }

  /** Sleeps until the next round; false when stopping. */
  private boolean idle() {
    try {
      return !stop.await(IDLE_MILLIS, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      return false;
    }
  }

  private void save() {
    try {
      queue.flush();
      cursor.save();
    } catch (IOException e) {
      log.warn("repair state not saved (kept in memory, retried): {}", e.toString());
    }
  }

  /** Repairs one batch of queued chunks; whether any was repaired (false: none, or all retried). */
  private boolean repairQueued() throws IOException {
    List<DurableRepairQueue.Entry> batch = queue.pollEntries(BATCH);
    if (batch.isEmpty()) return false;
    Map<ChunkId, List<DurableRepairQueue.Entry>> byChunk = new LinkedHashMap<>();
    for (DurableRepairQueue.Entry e : batch)
      byChunk.computeIfAbsent(e.request().chunk(), k -> new ArrayList<>()).add(e);
    try {
      catalog
          .readBarrier(); // a chunk committed elsewhere is referenced here too before we judge it
    } catch (IOException e) {
      for (DurableRepairQueue.Entry x : batch) queue.retry(x, x.length());
      throw e;
    }
    boolean repaired = false;
    for (Map.Entry<ChunkId, List<DurableRepairQueue.Entry>> c : byChunk.entrySet()) {
      repaired |= repairOne(c.getKey(), c.getValue());
    }
    return repaired;
  }

  /** Repairs one chunk; false when it went back to the queue. */
  private boolean repairOne(ChunkId id, List<DurableRepairQueue.Entry> entries) throws IOException {
    Set<String> suspect = new HashSet<>();
    for (DurableRepairQueue.Entry e : entries) {
      if (e.request().fault() == ReplicaFault.DAMAGED) suspect.add(e.request().nodeId());
    }
    OptionalLong length;
    ChunkRepair.Outcome outcome;
    try {
      length = catalog.length(id);
      // no longer referenced: not a repair (an orphan is the sweeper's)
      outcome =
          length.isEmpty()
              ? ChunkRepair.Outcome.DONE
              : repair.repair(id, length.getAsLong(), suspect);
    } catch (IOException | RuntimeException e) {
      for (DurableRepairQueue.Entry x : entries) queue.retry(x, x.length());
      throw e;
    }
    for (DurableRepairQueue.Entry e : entries) {
      if (outcome == ChunkRepair.Outcome.DONE) queue.done(e);
      else queue.retry(e, length.getAsLong());
    }
    return outcome == ChunkRepair.Outcome.DONE;
  }

  /**
   * One batch of the full pass when this node leads and a pass runs or is due; whether it did one.
   */
  private boolean passStep() throws IOException {
    if (!leads.getAsBoolean()) return false;
    Set<String> deadNow = dead.get();
    if (!deadSeen.containsAll(deadNow))
      passRequested = true; // a node died: its chunks need new homes
    deadSeen = Set.copyOf(deadNow);
    Rebalancing.Target target = rebalancing.target();
    if (target.version() != seenVersion) {
      if (seenVersion >= 0 || target.moving()) passRequested = true; // a new layout: data moves
      seenVersion = target.version();
    }
    if (rerunWhenIdle && queue.size() == 0) {
      rerunWhenIdle = false;
      passRequested = true;
    }
    if (!cursor.running()) {
      Instant last = cursor.lastEnded();
      boolean due =
          last == null || Duration.between(last, clock.instant()).compareTo(fullPassPeriod) >= 0;
      if (!due && !passRequested) return false;
      passRequested = false;
      cursor.start(clock.instant());
      fullPass.startPass();
      passStart = new PassStart(target, clock.instant());
      log.info(
          "repair: full pass started (layout version {}{})",
          target.version(),
          target.moving() ? ", moving" : "");
    }
    List<Node> live = nodes.get().stream().filter(n -> !deadNow.contains(n.id())).toList();
    ChunkId last = fullPass.step(cursor.after(), live, !target.moving() && deadNow.isEmpty());
    if (last == null) {
      cursor.finish(clock.instant());
      log.info("repair: full pass ended, {} replica(s) queued for repair", queue.size());
      passEnded();
      return false;
    }
    cursor.advance(last);
    return true;
  }

  /**
   * After a pass: retires the older layout versions when it proves the move done, else runs
   * another.
   */
  private void passEnded() {
    Rebalancing.Target now = rebalancing.target();
    if (!now.moving()) return;
    PassStart started = passStart;
    boolean proves =
        started != null
            && started.target().version() == now.version()
            && fullPass.clean()
            && !started.at().isBefore(now.appliedAt().plus(SETTLE));
    if (!proves) {
      rerunWhenIdle = true; // once the copies it queued are done
      return;
    }
    recordMoved(true);
    rebalancing.settled(now.version());
    rerunWhenIdle = true; // in case the retirement did not commit: the next pass proves it again
  }

  /**
   * On the leader while data moves: records what this worker copied since the last record (every
   * few seconds).
   */
  private void recordMoved(boolean now) {
    if (!leads.getAsBoolean()) {
      trackedVersion = -1;
      return;
    }
    Rebalancing.Target t = rebalancing.target();
    if (!t.moving()) return;
    if (t.version() != trackedVersion) {
      trackedVersion = t.version();
      movedBase = new long[] {progress.chunks(), progress.bytes()};
    }
    Instant at = clock.instant();
    if (!now && Duration.between(lastRecorded, at).compareTo(RECORD_EVERY) < 0) return;
    lastRecorded = at;
    long[] total = {progress.chunks(), progress.bytes()};
    if (total[0] == movedBase[0]) return;
    try {
      rebalancing.moved(t.version(), total[0] - movedBase[0], total[1] - movedBase[1]);
      movedBase = total;
    } catch (RuntimeException e) {
      log.debug("rebalance progress not recorded (retried): {}", e.toString());
    }
  }

  /** Replicas this worker copied since it started (cheap: what the node tells its peers). */
  public long chunksRepaired() {
    return progress.chunks();
  }

  /** Their bytes. */
  public long bytesRepaired() {
    return progress.bytes();
  }

  /** Repair figures for the cluster status (scrub figures are the scrubber's). */
  public ClusterStatus.Repair status() {
    long[] known = queue.knownBytesAndUnknownCount();
    long bytesToGo = known[0] + known[1] * progress.meanChunk();
    double rate = progress.rate();
    long eta = queue.size() == 0 ? 0 : rate > 0 ? (long) Math.ceil(bytesToGo / rate) : -1;
    return new ClusterStatus.Repair(
        queue.size(),
        bytesToGo,
        rate,
        eta,
        progress.chunks(),
        progress.bytes(),
        progress.failures(),
        cursor.running(),
        cursor.lastEnded(),
        List.copyOf(dead.get()),
        0,
        0,
        0,
        null,
        ClusterStatus.Gc.NONE,
        List.of());
  }

  /** Whether the leader's full pass is running (tests). */
  boolean passRunning() {
    return cursor.running();
  }

  @Override
  public void close() {
    stop.countDown();
    // not interrupted: an interrupt closes the file channels a copy reads; every wait is bounded
    try {
      thread.join(Duration.ofSeconds(15));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    save();
  }
}
