package dev.dfs.bench;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.LongStream;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.s3.S3Client;

/** One benchmark run: bucket, prefill, measurement, report, cleanup. */
final class Bench {
  private static final int GET_BUFFER = 256 * 1024;

  private final BenchConfig config;
  private final Progress progress;
  private final PrintStream out;
  private final AtomicBoolean cancel;

  Bench(BenchConfig config, Progress progress, PrintStream out, AtomicBoolean cancel) {
    this.config = config;
    this.progress = progress;
    this.out = out;
    this.cancel = cancel;
  }

  /** Runs everything, prints the table to {@code out}; the report is also returned for --json. */
  BenchReport run() throws Exception {
    String startedAt = Instant.now().toString();
    out.println(config.headline());
    out.flush();
    try (S3Client s3 = S3Clients.create(config)) {
      boolean created = Buckets.ensure(s3, config.bucket(), config.region());
      if (created) progress.message("created bucket " + config.bucket());
      S3Ops ops = new S3Ops(s3, config.bucket(), new Payload(), config.verify());
      RssSampler rss =
          config.soak() == null ? null : new RssSampler(probe(config), config.soak().rssInterval());
      Runner runner = new Runner(progress, config.seed(), cancel, GET_BUFFER, () -> rssStatus(rss));
      KeyTable table = config.keys() == null ? null : new KeyTable(config.keys());
      AtomicLong next = new AtomicLong();

      PhaseResult prefill = null;
      if (config.skipPrefill() && table != null) { // a mode without a key table has no prefill
        for (int i = 0; i < table.size(); i++) table.markPresent(i);
        progress.message(
            "prefill skipped: assuming "
                + table.size()
                + " objects under "
                + config.layout().root());
      } else if (config.mode().prefills()) {
        prefill = prefill(runner, ops, table);
      }

      if (rss != null) rss.start();
      PhaseResult result =
          cancel.get()
              ? null
              : runner.run(
                  new Runner.Plan(
                      config.mode().name().toLowerCase(java.util.Locale.ROOT),
                      config.concurrency(),
                      config.warmup(),
                      config.duration(),
                      config.count(),
                      workload(ops, table, next)));
      RssSummary memory = rss == null ? null : rss.stop();
      if (result != null) {
        out.print(ReportTable.render(result));
        if (memory != null) out.println(memory.describe());
        else if (rss != null)
          out.println("server RSS: no sample could be read from " + probe(config).source());
        out.flush();
      }

      Cleanup.Result cleaned = null;
      if (config.cleanup()) {
        cleaned = cleanup(s3, table, next);
        if (created) {
          String why = Buckets.deleteIfEmpty(s3, config.bucket());
          if (why != null) progress.message("kept bucket " + config.bucket() + ": " + why);
        }
      }
      if (result == null) throw new IllegalStateException("interrupted during prefill");
      return BenchReport.of(startedAt, config, prefill, result, cleaned, memory);
    }
  }

  private static RssProbe probe(BenchConfig config) {
    BenchConfig.Soak soak =
        java.util.Objects.requireNonNull(config.soak(), "RSS is probed in soak mode");
    return soak.rssPid() != null
        ? RssProbe.proc(soak.rssPid())
        : RssProbe.metrics(config.endpoint(), soak.metricsToken(), Duration.ofSeconds(10));
  }

  private static String rssStatus(@Nullable RssSampler rss) {
    long bytes = rss == null ? -1 : rss.latest();
    return bytes < 0 ? "" : "  server RSS " + RssSummary.mib(bytes);
  }

  private PhaseResult prefill(Runner runner, S3Ops ops, @Nullable KeyTable table)
      throws InterruptedException {
    if (table == null) throw new IllegalStateException("a mode that prefills has a key table");
    progress.message("prefill: writing " + table.size() + " objects of " + config.sizes());
    PhaseResult r =
        runner.run(
            new Runner.Plan(
                "prefill",
                config.prefillConcurrency(),
                Duration.ZERO,
                null,
                null,
                new Workload.Fill(ops, config.layout(), config.sizes(), table, new AtomicLong())));
    long written = table.present().count();
    Summary put = r.operations().get(Op.PUT.label());
    progress.message(
        String.format(
            java.util.Locale.ROOT,
            "prefill: %d/%d objects in %.1f s (%.0f objects/s, %.2f MB/s)",
            written,
            table.size(),
            r.seconds(),
            put == null ? 0 : put.opsPerSec(),
            put == null ? 0 : put.mbPerSec()));
    if (written == 0) {
      throw new IllegalStateException("prefill failed: no object could be written; " + r.errors());
    }
    if (written < table.size()) {
      progress.message(
          "prefill: "
              + (table.size() - written)
              + " PUTs failed "
              + r.errors()
              + "; continuing with the rest");
    }
    return r;
  }

  private Workload workload(S3Ops ops, @Nullable KeyTable table, AtomicLong next) {
    KeyLayout layout = config.layout();
    Workload.Lister lister =
        new Workload.Lister(ops, config.listPrefix(), config.listDelimiter(), config.listPage());
    return switch (config.mode()) {
      // without --keys a PUT run writes fresh keys 0, 1, 2, … (no table)
      case PUT -> new Workload.Put(ops, layout, config.sizes(), table, next);
      case GET -> new Workload.Read(Op.GET, ops, layout, keys(table));
      case STAT -> new Workload.Read(Op.STAT, ops, layout, keys(table));
      case DELETE -> new Workload.DeleteEach(ops, layout, keys(table), next);
      case LIST -> lister;
      case MULTIPART ->
          new Workload.Multipart(ops, layout, config.sizes(), config.partSize(), next);
      case MIXED, SOAK ->
          new Workload.Mixed(
              mix(),
              new Workload.Put(ops, layout, config.sizes(), keys(table), next),
              new Workload.Read(Op.GET, ops, layout, keys(table)),
              new Workload.Read(Op.STAT, ops, layout, keys(table)),
              lister,
              ops,
              layout,
              keys(table),
              new Workload.MultipartAndDelete(
                  ops, layout, config.sizes(), config.partSize(), new AtomicLong()));
    };
  }

  /** The key table of a mode that reads existing keys (get, stat, delete, mixed, soak). */
  private static KeyTable keys(@Nullable KeyTable table) {
    if (table == null) throw new IllegalStateException("this mode has a key table");
    return table;
  }

  /** The operation mix of mixed and soak mode, which always have one. */
  private Mix mix() {
    Mix mix = config.mix();
    if (mix == null) throw new IllegalStateException("mixed and soak mode have a mix");
    return mix;
  }

  /** Deletes what this run created: the keys the table knows to exist, or fresh keys 0..next-1. */
  private Cleanup.Result cleanup(S3Client s3, @Nullable KeyTable table, AtomicLong next)
      throws InterruptedException {
    LongStream indexes;
    long total;
    if (table != null) {
      total = table.present().count();
      indexes = table.present().asLongStream();
    } else {
      total = next.get();
      indexes = LongStream.range(0, total);
    }
    if (total == 0) return new Cleanup.Result(0, 0, null);
    Cleanup.Result r =
        new Cleanup(s3, config.bucket(), progress)
            .delete(config.layout(), indexes, total, config.prefillConcurrency());
    progress.message(
        "cleanup: deleted "
            + r.deleted()
            + " objects"
            + (r.failed() > 0
                ? ", " + r.failed() + " failed (first: " + r.firstError() + ")"
                : ""));
    return r;
  }
}
