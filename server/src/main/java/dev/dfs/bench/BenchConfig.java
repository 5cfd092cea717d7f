package dev.dfs.bench;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A fully resolved, validated benchmark configuration (defaults applied). Built by {@link
 * BenchCommand}; everything else reads only this.
 *
 * @param prefillConcurrency threads (and extra connections) for prefill and cleanup
 * @param keys size of the key space; null for PUT/MULTIPART writing fresh keys
 * @param duration measured time; null when limited by {@code count} or by the key space (delete)
 * @param count measured operations; null when limited by time
 * @param mix the operation mix (mixed mode only, else null)
 * @param listPrefix what {@code list} lists under
 * @param skipPrefill the key space exists already (an earlier run with --no-cleanup)
 * @param soak how soak mode samples the server's memory (soak mode only, else null)
 */
public record BenchConfig(
    URI endpoint,
    String region,
    String accessKey,
    String secretKey,
    String bucket,
    boolean pathStyle,
    Mode mode,
    @Nullable Mix mix,
    SizeRange sizes,
    int concurrency,
    int prefillConcurrency,
    @Nullable Duration duration,
    @Nullable Long count,
    Duration warmup,
    @Nullable Integer keys,
    KeyLayout layout,
    String listPrefix,
    @Nullable String listDelimiter,
    int listPage,
    long partSize,
    Checksums checksums,
    int retries,
    Duration timeout,
    boolean verify,
    boolean skipPrefill,
    boolean cleanup,
    long seed,
    @Nullable Path json,
    @Nullable Soak soak) {

  /**
   * Where and how often {@code --mode soak} reads the server's resident memory.
   *
   * @param rssPid a local server process to read {@code /proc/<pid>/status} of; null: read {@code
   *     process_resident_memory_bytes} from the endpoint's {@code /metrics}
   * @param metricsToken bearer token for {@code /metrics} (DFS_METRICS_TOKEN), or null
   */
  public record Soak(@Nullable Long rssPid, Duration rssInterval, @Nullable String metricsToken) {
    public Soak {
      if (rssPid != null && rssPid < 1)
        throw new IllegalArgumentException("--rss-pid must be a process id");
      if (rssInterval.isNegative() || rssInterval.isZero()) {
        throw new IllegalArgumentException("--rss-interval must be positive");
      }
    }
  }

  /** Prefill stays within this many bytes when {@code --keys} is not given. */
  static final long DEFAULT_PREFILL_BUDGET = 1L << 30;

  static final int DEFAULT_KEYS = 1000;
  static final Duration DEFAULT_DURATION = Duration.ofSeconds(30);
  static final int MAX_PARTS = 10_000;

  /** Prefill and cleanup use at least this many threads unless told otherwise. */
  static final int MIN_PREFILL_CONCURRENCY = 16;

  /** When the SDK computes and checks CRC checksums of bodies. */
  public enum Checksums {
    /** The SDK default: a CRC on every upload, checked on downloads that carry one. */
    WHEN_SUPPORTED,
    /**
     * Only where an operation requires it (e.g. DeleteObjects): measures the server, not the CRC.
     */
    WHEN_REQUIRED
  }

  public BenchConfig {
    if (concurrency < 1 || concurrency > 4096)
      throw new IllegalArgumentException("--concurrency must be 1..4096");
    if (prefillConcurrency < 1 || prefillConcurrency > 4096) {
      throw new IllegalArgumentException("--prefill-concurrency must be 1..4096");
    }
    if (duration != null && (duration.isNegative() || duration.isZero())) {
      throw new IllegalArgumentException("--duration must be positive");
    }
    if (count != null && count < 1)
      throw new IllegalArgumentException("--count must be at least 1");
    if (warmup.isNegative()) throw new IllegalArgumentException("--warmup must not be negative");
    if (mode == Mode.DELETE && !warmup.isZero()) {
      throw new IllegalArgumentException(
          "--warmup does not apply to --mode delete (each key is deleted once)");
    }
    if (keys != null && keys < 1) throw new IllegalArgumentException("--keys must be at least 1");
    if (listPage < 1) throw new IllegalArgumentException("--list-page must be at least 1");
    if (partSize < 1) throw new IllegalArgumentException("--part-size must be positive");
    if (mode == Mode.MULTIPART && S3Ops.partCount(sizes.max(), partSize) > MAX_PARTS) {
      throw new IllegalArgumentException(
          "--size "
              + sizes
              + " in parts of "
              + Sizes.format(partSize)
              + " needs more than "
              + MAX_PARTS
              + " parts");
    }
    if (mode.mixes() != (mix != null))
      throw new IllegalArgumentException("--mix applies to --mode mixed and soak only");
    if ((mode == Mode.SOAK) != (soak != null))
      throw new IllegalArgumentException("--rss-* options apply to --mode soak only");
    if (skipPrefill && !mode.prefills()) {
      throw new IllegalArgumentException(
          "--skip-prefill applies to get, stat, list, mixed and delete only");
    }
    if (retries < 0) throw new IllegalArgumentException("--retries must not be negative");
    if (bucket == null || bucket.isBlank())
      throw new IllegalArgumentException("--bucket must not be empty");
  }

  /** The key space for a mode when {@code --keys} was not given. */
  static @Nullable Integer defaultKeys(Mode mode, SizeRange sizes) {
    if (!mode.prefills()) return null;
    long perObject = Math.max(1, sizes.max());
    return (int) Math.max(1, Math.min(DEFAULT_KEYS, DEFAULT_PREFILL_BUDGET / perObject));
  }

  /** The settings as reported in JSON and the run header (the secret key is left out). */
  public Map<String, Object> describe() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("endpoint", endpoint.toString());
    m.put("region", region);
    m.put("bucket", bucket);
    m.put("mode", mode.name().toLowerCase(java.util.Locale.ROOT));
    if (mix != null) m.put("mix", mix.toString());
    m.put("size", sizes.toString());
    m.put("sizeMinBytes", sizes.min());
    m.put("sizeMaxBytes", sizes.max());
    m.put("concurrency", concurrency);
    if (mode.prefills()) m.put("prefillConcurrency", prefillConcurrency);
    m.put("durationSeconds", duration == null ? null : duration.toNanos() / 1e9);
    m.put("count", count);
    m.put("warmupSeconds", warmup.toNanos() / 1e9);
    m.put("keys", keys);
    m.put("keyPrefix", layout.root());
    m.put("prefixes", layout.prefixes());
    m.put("prefixDepth", layout.depth());
    if (mode == Mode.LIST || (mix != null && mix.weight(Op.LIST) > 0)) {
      m.put("listPrefix", listPrefix);
      m.put("listDelimiter", listDelimiter);
      m.put("listPage", listPage);
    }
    if (mode == Mode.MULTIPART || (mix != null && mix.weight(Op.MULTIPART) > 0))
      m.put("partSizeBytes", partSize);
    if (soak != null) {
      m.put("rssSource", soak.rssPid() != null ? "pid " + soak.rssPid() : "/metrics");
      m.put("rssIntervalSeconds", soak.rssInterval().toNanos() / 1e9);
    }
    m.put("checksums", checksums.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
    m.put("retries", retries);
    m.put("verify", verify);
    if (skipPrefill) m.put("skipPrefill", true);
    m.put("cleanup", cleanup);
    m.put("seed", seed);
    return m;
  }

  /** One line for humans: what runs against what. */
  public String headline() {
    StringBuilder b =
        new StringBuilder("dfs bench: ").append(mode.name().toLowerCase(java.util.Locale.ROOT));
    if (mix != null) b.append(" (").append(mix).append(')');
    if (mode != Mode.LIST && mode != Mode.STAT && mode != Mode.DELETE)
      b.append(", size ").append(sizes);
    if (mode == Mode.MULTIPART || mode == Mode.SOAK)
      b.append(" in parts of ").append(Sizes.format(partSize));
    b.append(", concurrency ").append(concurrency);
    if (duration != null) b.append(", duration ").append(Durations.format(duration));
    if (count != null) b.append(", count ").append(count);
    if (!warmup.isZero()) b.append(", warmup ").append(Durations.format(warmup));
    if (keys != null) b.append(", keys ").append(keys);
    if (layout.prefixes() > 1)
      b.append(", prefixes ")
          .append(layout.prefixes())
          .append(" (depth ")
          .append(layout.depth())
          .append(')');
    if (mode == Mode.LIST) {
      b.append(", list ").append(listPrefix).append(" page ").append(listPage);
      b.append(listDelimiter == null ? ", no delimiter" : ", delimiter '" + listDelimiter + "'");
    }
    b.append(" -> ").append(endpoint).append(" bucket ").append(bucket);
    return b.toString();
  }
}
