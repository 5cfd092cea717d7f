package dev.dfs.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dfs.testing.DfsTestServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * deploy/: every metric a Grafana panel queries is exported by a running server's /metrics,
 * and the Prometheus scrape config points at /metrics.
 */
class DeployFilesTest {
  private static final Pattern METRIC = Pattern.compile("\\b((?:dfs|jvm|process)_[a-z0-9_]+)");
  private static final Path DEPLOY = Path.of("..", "deploy");

  @Test
  void everyMetricTheDashboardQueriesIsExported(@TempDir Path dir) throws Exception {
    JsonNode dash = new ObjectMapper().readTree(DEPLOY.resolve("grafana/dfs-dashboard.json").toFile());
    Set<String> queried = new TreeSet<>();
    for (JsonNode expr : dash.findValues("expr")) collect(expr.asText(), queried);
    for (JsonNode q : dash.findValues("query")) if (q.isTextual()) collect(q.asText(), queried);
    assertThat(queried).contains("dfs_s3_requests_total", "dfs_objects");

    String exposition;
    try (DfsTestServer server = DfsTestServer.start(dir)) {
      server.client().createBucket(b -> b.bucket("bucket1"));
      server.client().putObject(b -> b.bucket("bucket1").key("k"), RequestBody.fromString("x"));
      HttpResponse<String> r = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(URI.create(server.endpoint() + "/metrics")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).isEqualTo(200);
      exposition = r.body();
    }
    Set<String> exported = new TreeSet<>();
    for (String line : exposition.split("\n")) {
      if (line.isEmpty() || line.startsWith("#")) continue;
      exported.add(line.split("[{ ]", 2)[0]);
    }
    assertThat(exported).containsAll(queried);
  }

  @Test
  void prometheusScrapesMetrics() throws Exception {
    String yml = Files.readString(DEPLOY.resolve("prometheus/prometheus.yml"));
    assertThat(yml).contains("metrics_path: /metrics").contains("job_name: dfs");
  }

  private static void collect(String expr, Set<String> into) {
    Matcher m = METRIC.matcher(expr);
    while (m.find()) into.add(m.group(1));
  }
}
