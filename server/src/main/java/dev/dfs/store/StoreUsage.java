package dev.dfs.store;

import java.util.Map;

/**
 * What an engine holds and how much room it has, as of the moment it was asked. Cheap to get:
 * engines keep the counts as they change rather than scanning on each call.
 *
 * @param capacityBytes size of the volume holding the data, or -1 when unknown (gateway)
 * @param availableBytes free space on that volume usable by DFS, or -1 when unknown
 * @param buckets per bucket name (name order), the current objects and their logical bytes
 * @param engineStats engine-specific gauges (e.g. {@code rocksdb.estimate-num-keys}), may be empty;
 *     names are stable per engine
 */
public record StoreUsage(
    long capacityBytes,
    long availableBytes,
    Map<String, BucketUsage> buckets,
    Map<String, Long> engineStats) {

  public StoreUsage {
    buckets = Map.copyOf(buckets);
    engineStats = Map.copyOf(engineStats);
  }

  /** Current objects in one bucket and the sum of their sizes. */
  public record BucketUsage(long objects, long bytes) {
    public static final BucketUsage EMPTY = new BucketUsage(0, 0);
  }

  /** Objects over all buckets. */
  public long objects() {
    long n = 0;
    for (BucketUsage b : buckets.values()) n += b.objects();
    return n;
  }

  /** Logical bytes of all current objects. */
  public long bytes() {
    long n = 0;
    for (BucketUsage b : buckets.values()) n += b.bytes();
    return n;
  }

  /** Bytes in use on the data volume (capacity minus available), or -1 when unknown. */
  public long usedBytes() {
    return capacityBytes < 0 || availableBytes < 0 ? -1 : capacityBytes - availableBytes;
  }
}
