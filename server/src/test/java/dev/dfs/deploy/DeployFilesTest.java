package dev.dfs.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dfs.store.local.LocalStore;
import dev.dfs.testing.DfsTestServer;
import dev.dfs.testing.SettableClusterView;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * deploy/: every metric a Grafana panel or an alert rule queries is exported by a running server's
 * /metrics (a cluster node's, for dfs_cluster_*), and the Prometheus config scrapes /metrics and
 * loads the rules.
 */
class DeployFilesTest {
  private static final Pattern METRIC = Pattern.compile("\\b((?:dfs|jvm|process)_[a-z0-9_]+)");
  private static final Path DEPLOY = Path.of("..", "deploy");

  @Test
  void everyMetricTheDashboardQueriesIsExported(@TempDir Path dir) throws Exception {
    JsonNode dash =
        new ObjectMapper().readTree(DEPLOY.resolve("grafana/dfs-dashboard.json").toFile());
    Set<String> queried = new TreeSet<>();
    for (JsonNode expr : dash.findValues("expr")) collect(expr.asText(), queried);
    for (JsonNode q : dash.findValues("query")) if (q.isTextual()) collect(q.asText(), queried);
    assertThat(queried)
        .contains(
            "dfs_s3_requests_total",
            "dfs_objects",
            "dfs_cluster_under_replicated_chunks",
            "dfs_cluster_replication_lag_entries");
    assertThat(exported(dir)).containsAll(queried);
  }

  @Test
  void everyMetricTheAlertRulesUseIsExported(@TempDir Path dir) throws Exception {
    Set<String> used = new TreeSet<>();
    for (String line : Files.readAllLines(DEPLOY.resolve("prometheus/dfs-alerts.yml"))) {
      if (line.strip().startsWith("expr:")) collect(line, used);
    }
    assertThat(used).contains("dfs_cluster_under_replicated_chunks", "dfs_cluster_is_leader");
    assertThat(exported(dir)).containsAll(used);
    assertThat(Files.readString(DEPLOY.resolve("prometheus/prometheus.yml")))
        .contains("rule_files:")
        .contains("- dfs-alerts.yml");
  }

  /**
   * Metric names a server exports after a PUT, on a local engine that offers a cluster view (so the
   * dfs_cluster_* metrics a clustered node adds are there too).
   */
  private static Set<String> exported(Path dir) throws Exception {
    String exposition;
    SettableClusterView view =
        new SettableClusterView(SettableClusterView.threeNodes(Instant.now()));
    try (DfsTestServer server =
        DfsTestServer.start(SettableClusterView.offeredBy(LocalStore.open(dir), view))) {
      server.client().createBucket(b -> b.bucket("bucket1"));
      server.client().putObject(b -> b.bucket("bucket1").key("k"), RequestBody.fromString("x"));
      HttpResponse<String> r =
          HttpClient.newHttpClient()
              .send(
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
    return exported;
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
