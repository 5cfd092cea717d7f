package dev.dfs.admin;

import java.time.Duration;
import java.time.Instant;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * {@code GET /api/v1/health}: liveness, no authentication. Answers
 * {@code {"status":"ok","version":…,"uptimeSeconds":…}} as long as the process serves requests.
 * Thread-safe.
 */
final class HealthHandler {
  private final String version;
  private final Instant started;

  HealthHandler(String version, Instant started) {
    this.version = version;
    this.started = started;
  }

  boolean handle(Request request, Response response, Callback callback) {
    if (!"GET".equals(request.getMethod()) && !"HEAD".equals(request.getMethod())) {
      AdminJson.error(response, callback, 405, "MethodNotAllowed", "Use GET.");
      return true;
    }
    long uptime = Duration.between(started, Instant.now()).toSeconds();
    String body = "{\"status\":\"ok\",\"version\":\"" + version + "\",\"uptimeSeconds\":"
        + uptime + "}";
    AdminJson.send(response, callback, 200, body);
    return true;
  }
}
