package dev.dfs.observe;

import java.util.Map;

/**
 * S3 request figures over the last window (about {@link RequestWindow#WINDOW_SECONDS} seconds, less
 * right after start), plus totals since start.
 *
 * @param windowSeconds the length the rates were computed over
 * @param requests requests answered in the window
 * @param ratePerSecond requests per second in the window
 * @param clientErrors 4xx answers in the window
 * @param serverErrors 5xx answers in the window
 * @param previousServerErrors 5xx answers in the window before this one (-1 if not known yet)
 * @param errorRate (4xx + 5xx) / requests in the window, 0 when idle
 * @param bytesInTotal request body bytes since start
 * @param bytesOutTotal response body bytes since start
 * @param throughputMbps request + response body megabytes (10^6) per second in the window
 * @param skewRejections clock-skew rejections in the window
 * @param skewRejectionsTotal clock-skew rejections since start
 * @param latencyMs per operation seen in the window: {@code p50}, {@code p99} in milliseconds
 *     (upper bound of the histogram bucket holding the percentile)
 */
public record WindowStats(
    double windowSeconds,
    long requests,
    double ratePerSecond,
    long clientErrors,
    long serverErrors,
    long previousServerErrors,
    double errorRate,
    long bytesInTotal,
    long bytesOutTotal,
    double throughputMbps,
    long skewRejections,
    long skewRejectionsTotal,
    Map<String, Map<String, Double>> latencyMs) {}
