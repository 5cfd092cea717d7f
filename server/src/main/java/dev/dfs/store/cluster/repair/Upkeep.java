package dev.dfs.store.cluster.repair;

import dev.dfs.store.ClusterStatus;
import dev.dfs.store.local.ChunkVolume;
import java.io.IOException;
import java.nio.file.Path;

/**
 * A node's replica upkeep: its {@link RepairWorker}, its {@link Scrubber} and its {@link
 * OrphanSweep} (which works only while the node leads), started together (state files in one {@code
 * repair/} directory) and reported together as one {@link ClusterStatus.Repair}. Thread-safe;
 * {@link #close} stops all three.
 */
public final class Upkeep implements AutoCloseable {
  private final RepairWorker worker;
  private final Scrubber scrubber;
  private final OrphanSweep sweep;

  private Upkeep(RepairWorker worker, Scrubber scrubber, OrphanSweep sweep) {
    this.worker = worker;
    this.scrubber = scrubber;
    this.sweep = sweep;
  }

  /**
   * Starts the worker (cursor {@code repairDir/cursor}), the scrub of {@code volume} ({@code
   * repairDir/scrub-cursor}) and the orphan sweep ({@code repairDir/gc-cursor}).
   */
  public static Upkeep start(
      RepairWorker.Wiring wiring,
      OrphanSweep.Wiring gc,
      ChunkVolume volume,
      String selfId,
      Path repairDir,
      RepairSettings settings)
      throws IOException {
    RepairWorker worker = RepairWorker.start(wiring, repairDir.resolve("cursor"), settings);
    Scrubber scrubber = null;
    try {
      scrubber =
          Scrubber.start(
              volume,
              wiring.catalog(),
              wiring.queue(),
              selfId,
              settings,
              repairDir.resolve("scrub-cursor"),
              wiring.clock());
      return new Upkeep(
          worker,
          scrubber,
          OrphanSweep.start(gc, settings.gcGrace(), repairDir.resolve("gc-cursor")));
    } catch (IOException | RuntimeException e) {
      if (scrubber != null) scrubber.close();
      worker.close();
      throw e;
    }
  }

  public RepairWorker worker() {
    return worker;
  }

  public ClusterStatus.Repair status() {
    ClusterStatus.Repair r = worker.status();
    return new ClusterStatus.Repair(
        r.chunksToGo(),
        r.bytesToGo(),
        r.bytesPerSecond(),
        r.etaSeconds(),
        r.chunksRepaired(),
        r.bytesRepaired(),
        r.repairFailures(),
        r.fullPassRunning(),
        r.lastFullPass(),
        r.deadNodes(),
        scrubber.scrubbedChunks(),
        scrubber.scrubbedBytes(),
        scrubber.corrupt(),
        scrubber.lastPass(),
        sweep.status(),
        java.util.List.of());
  }

  @Override
  public void close() {
    sweep.close();
    scrubber.close();
    worker.close();
  }
}
