package dev.dfs.admin;

import dev.dfs.observe.Observability;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

/**
 * {@code GET /metrics}: every metric in the Prometheus text format. Answers 404 when metrics are
 * off (DFS_METRICS=false). Thread-safe.
 */
final class PrometheusResource {
  private final Observability observe;

  PrometheusResource(Observability observe) {
    this.observe = observe;
  }

  void scrape(AdminCall call) throws IOException {
    if (!observe.enabled()) {
      call.error(404, "MetricsDisabled", "Metrics are turned off (DFS_METRICS=false).");
      return;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
    observe.writeText(out);
    call.send(200, Observability.TEXT_CONTENT_TYPE, out.toByteArray());
  }
}
