package dev.dfs.observe;

import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Labels;
import java.util.Map;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

/**
 * Gauges read from a {@link StorageSample} at scrape time: {@code dfs_storage_capacity_bytes},
 * {@code dfs_storage_available_bytes}, {@code dfs_storage_used_bytes}, {@code
 * dfs_storage_object_bytes}, {@code dfs_buckets}, {@code dfs_objects}, and the RocksDB gauges of
 * {@link #ROCKSDB} when the engine reports them. Unknown values (-1) are left out of the
 * exposition. The sample is fetched at most once per second, however many gauges ask.
 */
final class StorageGauges {
  /** Exported RocksDB gauges: metric name → engine stat name. */
  static final Map<String, String> ROCKSDB =
      Map.of(
          "dfs_rocksdb_estimated_keys", "rocksdb.estimate-num-keys",
          "dfs_rocksdb_sst_files_bytes", "rocksdb.total-sst-files-size",
          "dfs_rocksdb_memtables_bytes", "rocksdb.cur-size-all-mem-tables",
          "dfs_rocksdb_block_cache_usage_bytes", "rocksdb.block-cache-usage",
          "dfs_rocksdb_pending_compaction_bytes", "rocksdb.estimate-pending-compaction-bytes",
          "dfs_rocksdb_running_compactions", "rocksdb.num-running-compactions",
          "dfs_rocksdb_running_flushes", "rocksdb.num-running-flushes");

  private final Supplier<StorageSample> source;
  private volatile StorageSample cached = StorageSample.UNKNOWN;
  private volatile long cachedAt = Long.MIN_VALUE;

  StorageGauges(PrometheusRegistry registry, Labels constLabels, Supplier<StorageSample> source) {
    this.source = source;
    gauge(
        registry,
        constLabels,
        "dfs_storage_capacity_bytes",
        "Size of the data volume",
        StorageSample::capacityBytes);
    gauge(
        registry,
        constLabels,
        "dfs_storage_available_bytes",
        "Free space on the data volume",
        StorageSample::availableBytes);
    gauge(
        registry,
        constLabels,
        "dfs_storage_used_bytes",
        "Used space on the data volume (capacity - available)",
        StorageSample::usedBytes);
    gauge(
        registry,
        constLabels,
        "dfs_storage_object_bytes",
        "Logical bytes of all current objects",
        StorageSample::objectBytes);
    gauge(registry, constLabels, "dfs_buckets", "Buckets", StorageSample::buckets);
    gauge(
        registry,
        constLabels,
        "dfs_objects",
        "Current objects over all buckets",
        StorageSample::objects);
    for (Map.Entry<String, String> e : ROCKSDB.entrySet()) {
      String stat = e.getValue();
      gauge(
          registry,
          constLabels,
          e.getKey(),
          "RocksDB property " + stat,
          s -> s.engineStats().getOrDefault(stat, -1L));
    }
  }

  /** A sample read now, bypassing the cache (for the dashboard, which is asked rarely). */
  StorageSample fresh() {
    try {
      cached = source.get();
    } catch (RuntimeException e) {
      cached = StorageSample.UNKNOWN;
    }
    cachedAt = System.nanoTime();
    return cached;
  }

  /** The current sample (cached for up to one second, so one scrape reads the store once). */
  StorageSample sample() {
    long now = System.nanoTime();
    if (now - cachedAt > 1_000_000_000L || cachedAt == Long.MIN_VALUE) {
      try {
        cached = source.get();
      } catch (RuntimeException e) {
        cached = StorageSample.UNKNOWN;
      }
      cachedAt = now;
    }
    return cached;
  }

  private void gauge(
      PrometheusRegistry registry,
      Labels constLabels,
      String name,
      String help,
      ToLongFunction<StorageSample> value) {
    GaugeWithCallback.builder()
        .name(name)
        .help(help)
        .constLabels(constLabels)
        .callback(
            cb -> {
              long v = value.applyAsLong(sample());
              if (v >= 0) cb.call(v);
            })
        .register(registry);
  }
}
