package dev.dfs.auth;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The parts of an HTTP request that authentication looks at, exactly as they arrived.
 *
 * @param method upper-case HTTP method
 * @param rawPath the request-target path as sent, still percent-encoded (S3 signs it without
 *     normalisation: {@code //} and {@code ..} stay)
 * @param rawQuery the query string as sent (without {@code ?}), or "" when none
 * @param headers header names lower-case; values in arrival order
 * @param remoteAddress the client's IP address (for logs and later for policies)
 * @param virtualHostBucket the bucket the Host header names (virtual-host style), else null; SigV2
 *     signs it in front of the path
 */
public record SignedRequest(
    String method,
    String rawPath,
    String rawQuery,
    Map<String, List<String>> headers,
    String remoteAddress,
    @Nullable String virtualHostBucket) {

  public SignedRequest {
    if (rawQuery == null) rawQuery = "";
    headers = Map.copyOf(headers);
  }

  /** A path-style request (or one that names no bucket in its Host header). */
  public SignedRequest(
      String method,
      String rawPath,
      String rawQuery,
      Map<String, List<String>> headers,
      String remoteAddress) {
    this(method, rawPath, rawQuery, headers, remoteAddress, null);
  }

  /** The first value of a header (name in any case), or null. */
  public @Nullable String header(String name) {
    List<String> values = headers.get(name.toLowerCase(java.util.Locale.ROOT));
    return values == null || values.isEmpty() ? null : values.get(0);
  }
}
