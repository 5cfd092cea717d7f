package dev.dfs.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dfs.testing.DfsTestServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /api/v1/ready} checks the background workers it names: with all alive it is 200 and lists
 * them; once the lifecycle worker's thread dies (interrupted here, as an unexpected end would leave
 * it), it answers 503 naming that worker.
 */
class ReadyWorkersTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static Set<Thread> lifecycleThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().equals("dfs-lifecycle") && t.isAlive())
        .collect(Collectors.toSet());
  }

  private static HttpResponse<String> ready(HttpClient http, DfsTestServer server)
      throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(server.endpoint() + "/api/v1/ready")).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void readyFailsNamingAWorkerWhoseThreadDied(@TempDir Path dir) throws Exception {
    Set<Thread> before = lifecycleThreads();
    HttpClient http = HttpClient.newHttpClient();
    try (DfsTestServer server = DfsTestServer.start(dir)) {
      HttpResponse<String> ok = ready(http, server);
      assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
      JsonNode workers = JSON.readTree(ok.body()).at("/checks/workers");
      assertThat(workers.get("ok").asBoolean()).isTrue();
      assertThat(workers.get("names").toString())
          .contains("metrics-sampler", "lifecycle", "orphan-sweep");

      Set<Thread> ours = lifecycleThreads();
      ours.removeAll(before);
      assertThat(ours).hasSize(1);
      Thread lifecycle = ours.iterator().next();
      lifecycle.interrupt();
      lifecycle.join(10_000);
      assertThat(lifecycle.isAlive()).isFalse();

      HttpResponse<String> failing = ready(http, server);
      assertThat(failing.statusCode()).as(failing.body()).isEqualTo(503);
      JsonNode body = JSON.readTree(failing.body());
      assertThat(body.get("failing").asText()).isEqualTo("workers");
      assertThat(body.get("message").asText())
          .contains("worker 'lifecycle' is not alive")
          .contains("dfs-lifecycle ended unexpectedly");
      assertThat(body.at("/checks/workers/failed/lifecycle").asText()).isNotEmpty();
      assertThat(body.at("/checks/workers/ok").asBoolean()).isFalse();
    }
  }
}
