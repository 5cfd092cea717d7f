package dev.dfs.bench;

import java.util.List;
import java.util.Map;

/**
 * What one measured phase produced (the benchmark itself, or the prefill before it).
 *
 * @param seconds wall time from the start of measurement until the last operation finished
 * @param operations per operation label ({@code get}, {@code put}, …)
 * @param total all operations except {@code upload-part} (counted inside {@code multipart})
 * @param errors distinct error kinds ({@code "get: 503 SlowDown"}) and how often they occurred
 * @param timeSeries one point per second of measurement (the last may be shorter)
 */
public record PhaseResult(
    double seconds,
    Map<String, Summary> operations,
    Summary total,
    Map<String, Long> errors,
    List<Point> timeSeries) {

  /** One interval of the time series: second {@code second} (1-based) lasting {@code seconds}. */
  public record Point(int second, double seconds, Summary total, Map<String, Summary> operations) {}
}
