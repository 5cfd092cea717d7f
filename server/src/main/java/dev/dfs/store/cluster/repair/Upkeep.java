package dev.dfs.store.cluster.repair;

import dev.dfs.store.ClusterStatus;
import dev.dfs.store.local.ChunkVolume;
import java.io.IOException;
import java.nio.file.Path;

/**
 * A node's replica upkeep: its {@link RepairWorker} and its {@link Scrubber}, started together
 * (state files in one {@code repair/} directory) and reported together as one
 * {@link ClusterStatus.Repair}. Thread-safe; {@link #close} stops both.
 */
public final class Upkeep implements AutoCloseable {
  private final RepairWorker worker;
  private final Scrubber scrubber;

  private Upkeep(RepairWorker worker, Scrubber scrubber) {
    this.worker = worker;
    this.scrubber = scrubber;
  }

  /** Starts the worker (cursor {@code repairDir/cursor}) and the scrub of {@code volume} ({@code repairDir/scrub-cursor}). */
  public static Upkeep start(RepairWorker.Wiring wiring, ChunkVolume volume, String selfId, Path repairDir,
      RepairSettings settings) throws IOException {
    RepairWorker worker = RepairWorker.start(wiring, repairDir.resolve("cursor"), settings);
    try {
      return new Upkeep(worker, Scrubber.start(volume, wiring.catalog(), wiring.queue(), selfId, settings,
          repairDir.resolve("scrub-cursor"), wiring.clock()));
    } catch (IOException | RuntimeException e) {
      worker.close();
      throw e;
    }
  }

  public RepairWorker worker() {
    return worker;
  }

  public ClusterStatus.Repair status() {
    ClusterStatus.Repair r = worker.status();
    return new ClusterStatus.Repair(r.chunksToGo(), r.bytesToGo(), r.bytesPerSecond(), r.etaSeconds(),
        r.chunksRepaired(), r.bytesRepaired(), r.repairFailures(), r.fullPassRunning(), r.lastFullPass(),
        r.deadNodes(), scrubber.scrubbedChunks(), scrubber.scrubbedBytes(), scrubber.corrupt(), scrubber.lastPass());
  }

  @Override
  public void close() {
    scrubber.close();
    worker.close();
  }
}
