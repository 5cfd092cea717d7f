package dev.dfs.observe;

import java.util.Map;

/**
 * What the store holds, as plain values handed to the metrics layer by the wiring (observe does not
 * know the store). Sizes in bytes; -1 means unknown.
 *
 * @param engineStats engine gauges by the engine's own names (e.g. {@code
 *     rocksdb.estimate-num-keys})
 */
public record StorageSample(
    long capacityBytes,
    long availableBytes,
    long buckets,
    long objects,
    long objectBytes,
    Map<String, Long> engineStats) {

  public static final StorageSample UNKNOWN = new StorageSample(-1, -1, -1, -1, -1, Map.of());

  /** Bytes used on the data volume, or -1. */
  public long usedBytes() {
    return capacityBytes < 0 || availableBytes < 0 ? -1 : capacityBytes - availableBytes;
  }
}
