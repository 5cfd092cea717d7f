package dev.dfs.server;

import java.lang.management.ManagementFactory;
import java.time.Duration;

/**
 * How many connections the server keeps and how long a client may take to send a request's headers.
 * Immutable.
 *
 * @param maxConnections open connections served normally; beyond it (up to {@link #hardLimit()})
 *     new connections are accepted only to be answered {@code 503 SlowDown} (health checks
 *     excepted) and closed
 * @param maxPerClient connections one client address may hold before its further ones are answered
 *     {@code 503 SlowDown} the same way
 * @param headerTimeout the longest a client may take to deliver a request's headers, counted from
 *     the connection's start or, between requests, from the next request's first byte; unlike an
 *     idle timeout, bytes trickling in do not extend it (slowloris)
 */
public record ConnectionLimits(int maxConnections, int maxPerClient, Duration headerTimeout) {
  public ConnectionLimits {
    if (maxConnections < 1 || maxPerClient < 1) throw new IllegalArgumentException("limits < 1");
    if (headerTimeout.isNegative() || headerTimeout.isZero()) {
      throw new IllegalArgumentException("header timeout must be positive");
    }
  }

  /** The header timeout when none is configured. */
  public static final Duration DEFAULT_HEADER_TIMEOUT = Duration.ofSeconds(20);

  /**
   * Connections beyond which the server stops accepting (they wait in the kernel's backlog): a
   * quarter more than {@link #maxConnections}, room for the connections that are only answered 503.
   * With the defaults this is 5/8 of the file-descriptor limit, leaving the rest for data files,
   * the metadata database and the JVM.
   */
  public int hardLimit() {
    return maxConnections + Math.max(16, maxConnections / 4);
  }

  /**
   * Half the process's file-descriptor limit (at least 64), a quarter of that per client (at least
   * 64), and {@link #DEFAULT_HEADER_TIMEOUT}.
   */
  public static ConnectionLimits defaults() {
    int max = defaultMaxConnections(fileDescriptorLimit());
    return new ConnectionLimits(max, defaultMaxPerClient(max), DEFAULT_HEADER_TIMEOUT);
  }

  /** Half of {@code fdLimit}, at least 64. */
  public static int defaultMaxConnections(long fdLimit) {
    return (int) Math.max(64, Math.min(Integer.MAX_VALUE / 2, fdLimit / 2));
  }

  /** A quarter of {@code maxConnections}, at least 64 (never more than the total). */
  public static int defaultMaxPerClient(int maxConnections) {
    return Math.min(maxConnections, Math.max(64, maxConnections / 4));
  }

  /** The process's file-descriptor limit, or 4096 where the JVM cannot tell. */
  public static long fileDescriptorLimit() {
    if (ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.UnixOperatingSystemMXBean unix) {
      long max = unix.getMaxFileDescriptorCount();
      if (max > 0) return max;
    }
    return 4096;
  }
}
