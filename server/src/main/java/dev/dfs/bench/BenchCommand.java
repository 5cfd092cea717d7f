package dev.dfs.bench;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code dfs bench}: a load generator for any S3 endpoint. */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    versionProvider = BenchCommand.Version.class,
    sortOptions = false,
    abbreviateSynopsis = true,
    usageHelpAutoWidth = true,
    subcommands = {CompareCommand.class},
    description = {
      "Load-tests any S3 endpoint (DFS, MinIO, AWS, ...) with the AWS SDK for Java v2 and reports "
          + "ops/s, MB/s (10^6 bytes) and latency percentiles per operation. Live progress goes to "
          + "stderr, the result table to stdout, full results to --json.",
      ""
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  dfs bench --mode put --size 1GiB -c 1 --count 3",
      "  dfs bench --mode get --size 4KiB -c 32 --keys 10000 -d 30s --warmup 5s",
      "  dfs bench --mode mixed --mix get=70,put=20,stat=5,delete=5 --size 1KiB-64KiB",
      "  dfs bench --mode list --keys 100000 --prefixes 100 --size 0 --list-delimiter /",
      "  dfs bench --mode multipart --size 1GiB --part-size 16MiB -c 4 --count 8",
      "  dfs bench --mode soak -d 1h -c 4 --json soak.json   (server RSS from /metrics; --rss-pid N for a local PID)",
      "  dfs bench --mode put --json a.json ...;  dfs bench compare a.json b.json",
      "",
      "Objects go under <key-prefix>/ and are deleted afterwards unless --no-cleanup;",
      "a bucket the run created is removed again when it is empty."
    })
public final class BenchCommand implements Callable<Integer> {
  static final String SOAK_SIZE = "1KiB-1MiB";
  static final String SOAK_PART_SIZE = "5MiB";
  static final java.time.Duration SOAK_DURATION = java.time.Duration.ofHours(1);

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--endpoint",
      paramLabel = "URL",
      defaultValue = "http://127.0.0.1:5555",
      description = "S3 endpoint (default: ${DEFAULT-VALUE}).")
  URI endpoint;

  @Option(
      names = "--access-key",
      paramLabel = "KEY",
      description = "Access key (default: $AWS_ACCESS_KEY_ID).")
  @Nullable String accessKey;

  @Option(
      names = "--secret-key",
      paramLabel = "SECRET",
      description = "Secret key (default: $AWS_SECRET_ACCESS_KEY).")
  @Nullable String secretKey;

  @Option(
      names = "--region",
      paramLabel = "REGION",
      defaultValue = "us-east-1",
      description = "Signing region (default: ${DEFAULT-VALUE}).")
  String region;

  @Option(
      names = "--bucket",
      paramLabel = "NAME",
      defaultValue = "dfs-bench",
      description = "Bucket to use, created if missing (default: ${DEFAULT-VALUE}).")
  String bucket;

  @Option(
      names = "--virtual-hosted",
      description = "Address buckets as <bucket>.<host> instead of path style.")
  boolean virtualHosted;

  @Option(
      names = "--mode",
      paramLabel = "MODE",
      defaultValue = "put",
      converter = ModeConverter.class,
      description =
          "put | get | mixed | list | stat | delete | multipart | soak (default: ${DEFAULT-VALUE}).")
  Mode mode;

  @Option(
      names = "--mix",
      paramLabel = "OP=W,...",
      description =
          "Weights for --mode mixed over get, put, stat, delete, list (default: "
              + Mix.DEFAULT
              + "); "
              + "soak also takes multipart (default: "
              + Mix.SOAK_DEFAULT
              + ").")
  @Nullable String mix;

  @Option(
      names = "--size",
      paramLabel = "SIZE",
      description =
          "Object size, fixed (4KiB, 1MiB, 1GiB, 10MB) or a uniform range (1KiB-64KiB) (default: 4KiB; soak: "
              + SOAK_SIZE
              + ").")
  @Nullable String size;

  @Option(
      names = {"-c", "--concurrency"},
      paramLabel = "N",
      defaultValue = "16",
      description = "Parallel clients (threads and HTTP connections) (default: ${DEFAULT-VALUE}).")
  int concurrency;

  @Option(
      names = "--prefill-concurrency",
      paramLabel = "N",
      description =
          "Parallel PUTs while prefilling and deletes while cleaning up (default: the larger of "
              + "--concurrency and "
              + BenchConfig.MIN_PREFILL_CONCURRENCY
              + ").")
  @Nullable Integer prefillConcurrency;

  @Option(
      names = {"-d", "--duration"},
      paramLabel = "TIME",
      description =
          "How long to measure: 30s, 5m, 1m30s (default: 30s unless --count is given; delete: until every key is gone; soak: 1h).")
  @Nullable String duration;

  @Option(
      names = {"-n", "--count"},
      paramLabel = "N",
      description = "Stop after N operations (a whole upload counts as one in multipart mode).")
  @Nullable Long count;

  @Option(
      names = "--warmup",
      paramLabel = "TIME",
      defaultValue = "0s",
      description = "Run this long first without measuring (default: ${DEFAULT-VALUE}).")
  String warmup;

  @Option(
      names = "--keys",
      paramLabel = "N",
      description =
          "Key-space size. get/stat/list/mixed/delete first write that many objects "
              + "(prefill, with progress); put overwrites random keys among them (without --keys, put "
              + "writes new keys). Default for prefilling modes: 1000, fewer if the prefill would exceed "
              + "1 GiB (at least 1).")
  @Nullable Integer keys;

  @Option(
      names = "--key-prefix",
      paramLabel = "PREFIX",
      defaultValue = "bench",
      description = "Keys are <PREFIX>/[prefix path]obj-<n> (default: ${DEFAULT-VALUE}).")
  String keyPrefix;

  @Option(
      names = "--prefixes",
      paramLabel = "N",
      defaultValue = "1",
      description =
          "Spread keys over N prefixes (key n goes to prefix n mod N) (default: ${DEFAULT-VALUE}).")
  int prefixes;

  @Option(
      names = "--prefix-depth",
      paramLabel = "D",
      defaultValue = "1",
      description = "Nest each prefix D levels deep, e.g. p03/p17/ (default: ${DEFAULT-VALUE}).")
  int prefixDepth;

  @Option(
      names = "--list-prefix",
      paramLabel = "PREFIX",
      description = "What list mode lists (default: <key-prefix>/).")
  @Nullable String listPrefix;

  @Option(
      names = "--list-delimiter",
      paramLabel = "D",
      description = "Delimiter for list mode, e.g. / (default: none, a flat listing).")
  @Nullable String listDelimiter;

  @Option(
      names = "--list-page",
      paramLabel = "N",
      defaultValue = "1000",
      description = "max-keys per ListObjectsV2 page (default: ${DEFAULT-VALUE}).")
  int listPage;

  @Option(
      names = "--part-size",
      paramLabel = "SIZE",
      description =
          "Part size for multipart mode (default: 16MiB; soak: "
              + SOAK_PART_SIZE
              + ", each upload one such part plus a --size tail).")
  @Nullable String partSize;

  @Option(
      names = "--rss-pid",
      paramLabel = "PID",
      description =
          "Soak: read the server's RSS from /proc/PID/status (default: process_resident_memory_bytes from <endpoint>/metrics).")
  @Nullable Long rssPid;

  @Option(
      names = "--rss-interval",
      paramLabel = "TIME",
      defaultValue = "10s",
      description = "Soak: how often to sample the server's RSS (default: ${DEFAULT-VALUE}).")
  String rssInterval;

  @Option(
      names = "--metrics-token",
      paramLabel = "TOKEN",
      description =
          "Soak: bearer token for /metrics when the server sets DFS_METRICS_TOKEN (default: $DFS_METRICS_TOKEN).")
  @Nullable String metricsToken;

  @Option(
      names = "--checksums",
      paramLabel = "WHEN",
      defaultValue = "when-supported",
      converter = ChecksumsConverter.class,
      description =
          "when-supported: SDK default, CRC32 on uploads, validated downloads; when-required: only where S3 demands one (default: ${DEFAULT-VALUE}).")
  BenchConfig.Checksums checksums;

  @Option(
      names = "--retries",
      paramLabel = "N",
      defaultValue = "0",
      description =
          "SDK retries per request; 0 shows every failure as an error (default: ${DEFAULT-VALUE}).")
  int retries;

  @Option(
      names = "--timeout",
      paramLabel = "TIME",
      defaultValue = "5m",
      description = "Socket read timeout and connection wait (default: ${DEFAULT-VALUE}).")
  String timeout;

  @Option(
      names = "--verify",
      description = "Check every GET body byte for byte against what was written.")
  boolean verify;

  @Option(
      names = "--skip-prefill",
      description =
          "Use objects left by an earlier run with --no-cleanup and the same --keys, --key-prefix, "
              + "--prefixes and --prefix-depth instead of writing them again.")
  boolean skipPrefill;

  @Option(
      names = "--no-cleanup",
      negatable = false,
      description = "Keep the objects (and a bucket the run created).")
  boolean noCleanup;

  @Option(
      names = "--seed",
      paramLabel = "N",
      defaultValue = "1",
      description = "Seed for key choice, sizes and mix (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--json",
      paramLabel = "FILE",
      description =
          "Write full results as JSON: config, per operation counts, rates, latency percentiles, a per-second time series.")
  @Nullable Path json;

  @Option(
      names = "--html",
      paramLabel = "FILE",
      description =
          "Write a self-contained HTML report (no external assets): result table, SVG charts of throughput and latency over time.")
  @Nullable Path html;

  @Option(
      names = "--progress",
      paramLabel = "STYLE",
      defaultValue = "auto",
      converter = ProgressConverter.class,
      description =
          "auto | tty | plain | none: the once-a-second status on stderr (default: ${DEFAULT-VALUE}).")
  Progress.Style progress;

  @Override
  public Integer call() throws Exception {
    BenchConfig config;
    try {
      config =
          toConfig(
              System.getenv("AWS_ACCESS_KEY_ID"),
              System.getenv("AWS_SECRET_ACCESS_KEY"),
              System.getenv("DFS_METRICS_TOKEN"));
    } catch (IllegalArgumentException e) {
      System.err.println("dfs bench: " + e.getMessage() + " (see dfs bench --help)");
      return spec.exitCodeOnInvalidInput();
    }
    AtomicBoolean cancel = new AtomicBoolean();
    CountDownLatch finished = new CountDownLatch(1);
    Thread hook =
        new Thread(
            () -> {
              cancel.set(true); // Ctrl-C: stop, report what was measured, clean up
              try {
                finished.await(60, TimeUnit.SECONDS);
              } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
              }
            },
            "bench-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      BenchReport report =
          new Bench(config, new Progress(System.err, progress), System.out, cancel).run();
      if (json != null) {
        JsonReport.write(report, json);
        System.err.println("results written to " + json);
      }
      if (html != null) {
        HtmlReport.write(report, html);
        System.err.println("HTML report written to " + html);
      }
      return report.total().ops() == 0 && report.total().errors() > 0 ? 1 : 0;
    } catch (RuntimeException e) {
      System.err.println("dfs bench: " + Recorders.describe(e));
      return 1;
    } finally {
      finished.countDown();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // the hook is already running and now released
      }
    }
  }

  /** Resolves defaults and validates; throws IllegalArgumentException with a one-line reason. */
  BenchConfig toConfig(String envAccessKey, String envSecretKey) {
    return toConfig(envAccessKey, envSecretKey, null);
  }

  /** As above, with {@code $DFS_METRICS_TOKEN} (soak mode reads /metrics with it). */
  BenchConfig toConfig(String envAccessKey, String envSecretKey, @Nullable String envMetricsToken) {
    String ak = accessKey != null ? accessKey : envAccessKey;
    String sk = secretKey != null ? secretKey : envSecretKey;
    checkCredentialsAndEndpoint(ak, sk);
    boolean soak = mode == Mode.SOAK;
    SizeRange sizes = SizeRange.parse(size != null ? size : soak ? SOAK_SIZE : "4KiB");
    Duration d = duration == null ? null : Durations.parse(duration);
    if (d == null && count == null && mode != Mode.DELETE)
      d = soak ? SOAK_DURATION : BenchConfig.DEFAULT_DURATION;
    Mix m = mixFor(soak);
    if (!soak && rssPid != null)
      throw new IllegalArgumentException("--rss-pid applies to --mode soak only");
    Integer k = keys;
    if (k == null) k = BenchConfig.defaultKeys(mode, sizes);
    if (mode == Mode.MULTIPART && keys != null) {
      throw new IllegalArgumentException(
          "--keys does not apply to --mode multipart (every upload writes a new key)");
    }
    KeyLayout layout = new KeyLayout(keyPrefix, prefixes, prefixDepth);
    return new BenchConfig(
        endpoint,
        region,
        ak,
        sk,
        bucket,
        !virtualHosted,
        mode,
        m,
        sizes,
        concurrency,
        prefillConcurrency != null
            ? prefillConcurrency
            : Math.max(concurrency, BenchConfig.MIN_PREFILL_CONCURRENCY),
        d,
        count,
        Durations.parse(warmup),
        k,
        layout,
        listPrefix != null ? listPrefix : layout.root(),
        listDelimiter == null || listDelimiter.isEmpty() ? null : listDelimiter,
        listPage,
        Sizes.parse(partSize != null ? partSize : soak ? SOAK_PART_SIZE : "16MiB"),
        checksums,
        retries,
        Durations.parse(timeout),
        verify,
        skipPrefill,
        !noCleanup,
        seed,
        json,
        soak ? soakConfig(envMetricsToken) : null);
  }

  private void checkCredentialsAndEndpoint(String ak, String sk) {
    if (ak == null || ak.isBlank() || sk == null || sk.isBlank()) {
      throw new IllegalArgumentException(
          "no credentials: pass --access-key and --secret-key or set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY");
    }
    if (endpoint.getScheme() == null || endpoint.getHost() == null) {
      throw new IllegalArgumentException("--endpoint must be a URL like http://127.0.0.1:5555");
    }
  }

  /** The operation mix of mixed and soak mode (null for the others, which refuse --mix). */
  private @Nullable Mix mixFor(boolean soak) {
    if (mode == Mode.MIXED) return Mix.parse(mix == null ? Mix.DEFAULT : mix);
    if (soak) return Mix.parse(mix == null ? Mix.SOAK_DEFAULT : mix, Mix.SOAK_ALLOWED);
    if (mix != null)
      throw new IllegalArgumentException("--mix applies to --mode mixed and soak only");
    return null;
  }

  private BenchConfig.Soak soakConfig(@Nullable String envMetricsToken) {
    return new BenchConfig.Soak(
        rssPid,
        Durations.parse(rssInterval),
        metricsToken != null ? metricsToken : envMetricsToken);
  }

  /** {@code dfs bench --version}: the jar's version and the Java running it. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = BenchCommand.class.getPackage().getImplementationVersion();
      return new String[] {
        "dfs bench " + (v == null ? "(development build)" : v) + " (Java " + Runtime.version() + ")"
      };
    }
  }

  static final class ModeConverter implements CommandLine.ITypeConverter<Mode> {
    @Override
    public Mode convert(String value) {
      try {
        return Mode.valueOf(value.trim().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new CommandLine.TypeConversionException(
            "'" + value + "' is not one of put, get, mixed, list, stat, delete, multipart, soak");
      }
    }
  }

  static final class ChecksumsConverter
      implements CommandLine.ITypeConverter<BenchConfig.Checksums> {
    @Override
    public BenchConfig.Checksums convert(String value) {
      try {
        return BenchConfig.Checksums.valueOf(
            value.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
      } catch (IllegalArgumentException e) {
        throw new CommandLine.TypeConversionException(
            "'" + value + "' is not when-supported or when-required");
      }
    }
  }

  static final class ProgressConverter implements CommandLine.ITypeConverter<Progress.Style> {
    @Override
    public Progress.Style convert(String value) {
      try {
        return Progress.Style.valueOf(value.trim().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new CommandLine.TypeConversionException(
            "'" + value + "' is not auto, tty, plain or none");
      }
    }
  }
}
