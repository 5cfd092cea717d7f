package dev.dfs.observe;

import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Labels;
import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Everything one server observes: its own Prometheus registry (S3 request metrics, storage and
 * RocksDB gauges, {@code dfs_info}, JVM metrics), the {@link RequestWindow} behind the dashboard
 * and the daemon thread that samples it. {@link #disabled(String, String)} gives an instance that
 * records nothing (for measuring the cost of metrics). Thread-safe. {@link #close()} stops the
 * sampler.
 */
public final class Observability implements AutoCloseable {
  private final java.util.List<dev.dfs.util.Heartbeat> workers =
      new java.util.concurrent.CopyOnWriteArrayList<>();

  /** Content type of {@link #writeText}. */
  public static final String TEXT_CONTENT_TYPE = PrometheusTextFormatWriter.CONTENT_TYPE;

  private final boolean enabled;
  private final PrometheusRegistry registry;
  private final S3Metrics s3;
  private final StorageGauges storage;
  private final RequestWindow window;
  private final @Nullable ScheduledExecutorService sampler;
  private final Labels engineLabel;

  private Observability(
      boolean enabled, String engine, String version, Supplier<StorageSample> storageSource) {
    this.enabled = enabled;
    this.registry = new PrometheusRegistry();
    this.engineLabel = Labels.of("engine", engine);
    this.s3 = new S3Metrics(registry, engineLabel);
    this.storage = new StorageGauges(registry, engineLabel, storageSource);
    GaugeWithCallback.builder()
        .name("dfs_info")
        .help("Always 1; labels name the version and engine")
        .labelNames("version", "engine")
        .callback(cb -> cb.call(1, version, engine))
        .register(registry);
    this.window = new RequestWindow(s3);
    if (enabled) {
      JvmMetrics.builder().register(registry);
      sampler =
          Executors.newSingleThreadScheduledExecutor(
              r -> {
                Thread t = new Thread(r, "dfs-metrics-sampler");
                t.setDaemon(true);
                return t;
              });
      // stopped by close() (shutdownNow), not through the returned future
      Future<?> unused =
          sampler.scheduleAtFixedRate(
              window::sample,
              RequestWindow.SAMPLE_SECONDS,
              RequestWindow.SAMPLE_SECONDS,
              TimeUnit.SECONDS);
    } else {
      sampler = null;
    }
  }

  /**
   * @param engine the engine label, e.g. {@code local}
   * @param storageSource called at most once a second to read the store's figures
   */
  public static Observability create(
      String engine, String version, Supplier<StorageSample> storageSource) {
    return new Observability(true, engine, version, storageSource);
  }

  /** An instance whose {@link #s3()} is null: nothing is recorded, {@code /metrics} is off. */
  public static Observability disabled(String engine, String version) {
    return new Observability(false, engine, version, () -> StorageSample.UNKNOWN);
  }

  public boolean enabled() {
    return enabled;
  }

  /** The S3 request metrics, or null when disabled. */
  public @Nullable S3Metrics s3() {
    return enabled ? s3 : null;
  }

  /** Request figures over the last minute (all zero when disabled). */
  public WindowStats window() {
    return window.stats();
  }

  /** The store's figures, read now. */
  public StorageSample storage() {
    return storage.fresh();
  }

  /**
   * Adds a background worker whose liveness {@code /api/v1/ready} checks (lifecycle, orphan sweep,
   * TLS reloader, a cluster's repair and scrub). Workers stay registered for the process's life; a
   * finished one passes.
   */
  public void watch(dev.dfs.util.Heartbeat worker) {
    workers.add(worker);
  }

  /** The workers {@link #watch} was given, in that order. */
  public java.util.List<dev.dfs.util.Heartbeat> workers() {
    return java.util.List.copyOf(workers);
  }

  /** Whether the sampler thread ran within the last three intervals (always true when disabled). */
  public boolean samplerAlive() {
    if (!enabled) return true;
    long age = System.nanoTime() - window.lastSampleNanos();
    return sampler != null
        && !sampler.isShutdown()
        && age < 3L * RequestWindow.SAMPLE_SECONDS * 1_000_000_000L;
  }

  /**
   * Registers a counter read from {@code value} at scrape time, for figures other components keep
   * themselves (e.g. the lifecycle worker's totals). {@code name} ends in {@code _total}; {@code
   * value} must never decrease and must be cheap and thread-safe.
   */
  public void counter(String name, String help, java.util.function.LongSupplier value) {
    io.prometheus.metrics.core.metrics.CounterWithCallback.builder()
        .name(name)
        .help(help)
        .constLabels(engineLabel)
        .callback(cb -> cb.call(value.getAsLong()))
        .register(registry);
  }

  /** Registers a gauge read from {@code value} at scrape time; NaN leaves it out. */
  public void gauge(String name, String help, java.util.function.DoubleSupplier value) {
    GaugeWithCallback.builder()
        .name(name)
        .help(help)
        .constLabels(engineLabel)
        .callback(
            cb -> {
              double v = value.getAsDouble();
              if (!Double.isNaN(v)) cb.call(v);
            })
        .register(registry);
  }

  /**
   * Registers a gauge family read from {@code series} at scrape time: each entry is one series, its
   * key the values of {@code labelNames} in order. A series missing from the map is missing from
   * the exposition. {@code series} must be cheap and thread-safe.
   */
  public void gauges(
      String name,
      String help,
      java.util.List<String> labelNames,
      Supplier<java.util.Map<java.util.List<String>, Double>> series) {
    GaugeWithCallback.builder()
        .name(name)
        .help(help)
        .constLabels(engineLabel)
        .labelNames(labelNames.toArray(String[]::new))
        .callback(
            cb -> series.get().forEach((labels, v) -> cb.call(v, labels.toArray(String[]::new))))
        .register(registry);
  }

  /**
   * Registers a summary without quantiles ({@code name_count}, {@code name_sum}) read at scrape
   * time, for a total count and total duration another component keeps. Both must never decrease;
   * {@code sum} is in the unit the name ends with.
   */
  public void summary(
      String name,
      String help,
      java.util.function.LongSupplier count,
      java.util.function.DoubleSupplier sum) {
    io.prometheus.metrics.core.metrics.SummaryWithCallback.builder()
        .name(name)
        .help(help)
        .constLabels(engineLabel)
        .callback(
            cb ->
                cb.call(
                    count.getAsLong(),
                    sum.getAsDouble(),
                    io.prometheus.metrics.model.snapshots.Quantiles.EMPTY))
        .register(registry);
  }

  /** Writes every metric in the Prometheus text format (0.0.4). */
  public void writeText(OutputStream out) throws IOException {
    PrometheusTextFormatWriter.builder()
        .setIncludeCreatedTimestamps(false)
        .build()
        .write(out, registry.scrape());
  }

  @Override
  public void close() {
    if (sampler != null) sampler.shutdownNow();
  }
}
