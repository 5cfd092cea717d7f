package dev.dfs.bench;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The full result of a run as written by {@code --json} and read by {@code dfs bench compare}.
 * Rates are per second over {@code seconds}; MB = 10^6 bytes; latencies in milliseconds.
 *
 * @param format version of this layout
 * @param config the resolved settings (no secret key)
 * @param prefill objects written before measuring (get, stat, list, mixed, delete), else null
 * @param cleanup objects deleted afterwards, null with --no-cleanup
 * @param rss the server's resident memory during measurement (soak mode), else null
 */
public record BenchReport(
    String tool,
    int format,
    String startedAt,
    Map<String, Object> config,
    @Nullable PhaseResult prefill,
    double seconds,
    Map<String, Summary> operations,
    Summary total,
    Map<String, Long> errors,
    List<PhaseResult.Point> timeSeries,
    Cleanup.@Nullable Result cleanup,
    @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable RssSummary rss) {

  public static final int FORMAT = 1;

  static BenchReport of(
      String startedAt,
      BenchConfig config,
      PhaseResult prefill,
      PhaseResult run,
      Cleanup.Result cleanup) {
    return of(startedAt, config, prefill, run, cleanup, null);
  }

  static BenchReport of(
      String startedAt,
      BenchConfig config,
      @Nullable PhaseResult prefill,
      PhaseResult run,
      Cleanup.@Nullable Result cleanup,
      @Nullable RssSummary rss) {
    return new BenchReport(
        "dfs bench",
        FORMAT,
        startedAt,
        config.describe(),
        prefill,
        run.seconds(),
        run.operations(),
        run.total(),
        run.errors(),
        run.timeSeries(),
        cleanup,
        rss);
  }
}
