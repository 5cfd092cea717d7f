package dev.dfs.bench;

import java.util.List;
import java.util.Map;

/**
 * The full result of a run as written by {@code --json} and read by {@code dfs bench compare}.
 * Rates are per second over {@code seconds}; MB = 10^6 bytes; latencies in milliseconds.
 *
 * @param format version of this layout
 * @param config the resolved settings (no secret key)
 * @param prefill objects written before measuring (get, stat, list, mixed, delete), else null
 * @param cleanup objects deleted afterwards, null with --no-cleanup
 */
public record BenchReport(
    String tool,
    int format,
    String startedAt,
    Map<String, Object> config,
    PhaseResult prefill,
    double seconds,
    Map<String, Summary> operations,
    Summary total,
    Map<String, Long> errors,
    List<PhaseResult.Point> timeSeries,
    Cleanup.Result cleanup) {

  public static final int FORMAT = 1;

  static BenchReport of(String startedAt, BenchConfig config, PhaseResult prefill, PhaseResult run, Cleanup.Result cleanup) {
    return new BenchReport(
        "dfs bench", FORMAT, startedAt, config.describe(), prefill, run.seconds(), run.operations(), run.total(),
        run.errors(), run.timeSeries(), cleanup);
  }
}
