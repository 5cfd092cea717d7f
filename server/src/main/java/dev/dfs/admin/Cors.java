package dev.dfs.admin;

import java.util.List;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;

/**
 * CORS for the management API and {@code /metrics}: an {@code Origin} listed in DFS_CORS_ORIGINS
 * (or any, when the list is {@code *}) gets it echoed in {@code Access-Control-Allow-Origin};
 * preflights ({@code OPTIONS} with {@code Access-Control-Request-Method}) are answered 204 without
 * authentication. Other origins get no CORS headers, so browsers refuse them. Immutable and
 * thread-safe.
 */
final class Cors {
  static final String ALLOWED_METHODS = "GET, HEAD, DELETE, OPTIONS";
  static final String ALLOWED_HEADERS =
      "X-Api-Key, Authorization, Content-Type, X-Amz-Date, X-Amz-Content-Sha256";

  private final List<String> origins;

  Cors(List<String> origins) {
    this.origins = List.copyOf(origins);
  }

  boolean allowed(String origin) {
    return origin != null && (origins.contains("*") || origins.contains(origin));
  }

  /** Adds the CORS headers when the request's origin is allowed. */
  void decorate(Request request, Response response) {
    String origin = request.getHeaders().get("Origin");
    if (!allowed(origin)) return;
    response.getHeaders().put("Access-Control-Allow-Origin", origin);
    response.getHeaders().put("Vary", "Origin");
    response.getHeaders().put("Access-Control-Expose-Headers", "X-Request-Id");
  }

  /** Whether {@code request} is a preflight. */
  static boolean isPreflight(Request request) {
    return "OPTIONS".equals(request.getMethod())
        && request.getHeaders().get("Access-Control-Request-Method") != null;
  }

  /** Headers of a preflight answer (status 204 is the caller's). */
  void preflight(Request request, Response response) {
    decorate(request, response);
    if (!allowed(request.getHeaders().get("Origin"))) return;
    response.getHeaders().put("Access-Control-Allow-Methods", ALLOWED_METHODS);
    response.getHeaders().put("Access-Control-Allow-Headers", ALLOWED_HEADERS);
    response.getHeaders().put("Access-Control-Max-Age", "600");
  }
}
