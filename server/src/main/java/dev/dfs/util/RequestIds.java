package dev.dfs.util;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Makes request ids: 16 upper-case hex characters, unique within a process and unlikely to repeat
 * across restarts (a random prefix plus a counter). Thread-safe.
 */
public final class RequestIds {
  private static final HexFormat HEX = HexFormat.of().withUpperCase();
  private final long prefix;
  private final AtomicLong counter = new AtomicLong();

  public RequestIds() {
    this.prefix = new SecureRandom().nextLong() & 0xFFFFFF0000000000L;
  }

  public String next() {
    // HexFormat, not String.format: this runs on every request, and format parses its pattern
    return HEX.toHexDigits(prefix ^ counter.incrementAndGet());
  }
}
