package dev.dfs.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * deploy/compose and the Dockerfile, read as a container runtime would (no runtime exists on the
 * build machine): the YAML parses with its anchors and merge keys, every file a service mounts
 * exists, the cluster nodes carry the settings STORAGE_ENV=cluster requires, and the Dockerfile
 * keeps the contract the README documents.
 */
class ComposeFilesTest {
  private static final Path COMPOSE = Path.of("..", "deploy", "compose");

  @Test
  void singleNodeRunsDfsPrometheusAndGrafanaWithTheDashboard() throws IOException {
    Map<String, Object> services = services("single-node.yml");
    assertThat(services).containsOnlyKeys("dfs", "prometheus", "grafana");
    Map<String, Object> dfs = map(services.get("dfs"));
    assertThat(map(dfs.get("environment"))).containsKey("DFS_DEFAULT_BUCKETS");
    assertThat(strings(dfs.get("volumes"))).anyMatch(v -> v.endsWith(":/data"));
    assertThat(map(dfs.get("healthcheck")).get("test").toString()).contains("/api/v1/health");
    assertMountsExist(services);
    assertThat(strings(map(services.get("grafana")).get("volumes")))
        .anyMatch(v -> v.startsWith("../grafana/dfs-dashboard.json:"));
  }

  @Test
  void clusterNodesShareSecretKeysAndSeedsAndEachHasItsIdAndAddress() throws IOException {
    Map<String, Object> services = services("cluster-3-nodes.yml");
    assertThat(services).containsKeys("dfs1", "dfs2", "dfs3", "prometheus", "grafana");
    for (String node : List.of("dfs1", "dfs2", "dfs3")) {
      Map<String, Object> env = map(map(services.get(node)).get("environment"));
      assertThat(env)
          .as(node)
          .containsEntry("STORAGE_ENV", "cluster")
          .containsKeys(
              "DFS_NODE_ID",
              "DFS_CLUSTER_ADDRESS",
              "DFS_CLUSTER_SEEDS",
              "DFS_CLUSTER_SECRET",
              "DFS_MASTER_KEY",
              "DFS_ROOT_ACCESS_KEY",
              "DFS_ROOT_SECRET_KEY");
      String id = (String) env.get("DFS_NODE_ID");
      assertThat((String) env.get("DFS_CLUSTER_SEEDS"))
          .as(node)
          .contains(id + "=" + env.get("DFS_CLUSTER_ADDRESS"));
      assertThat(map(services.get(node))).containsKey("healthcheck");
    }
    assertMountsExist(services);
    String scrape = Files.readString(COMPOSE.resolve("prometheus/cluster-3-nodes.yml"));
    assertThat(scrape).contains("dfs1:5555", "dfs2:5555", "dfs3:5555");
  }

  @Test
  void dockerfileRunsAJreAsNonRootWithDataVolumePortsAndHealthcheck() throws IOException {
    String dockerfile = Files.readString(Path.of("..", "Dockerfile"));
    assertThat(dockerfile)
        .containsPattern("(?m)^FROM eclipse-temurin:2\\d-jre")
        .containsPattern("(?m)^USER 65532")
        .containsPattern("(?m)^VOLUME /data")
        .containsPattern("(?m)^EXPOSE 5555 5443")
        .containsPattern("(?m)^HEALTHCHECK .*")
        .contains("/api/v1/health")
        .containsPattern("(?m)^ENTRYPOINT \\[\"java\"");
  }

  /** Every host path a service mounts (relative to the compose file) exists. */
  private static void assertMountsExist(Map<String, Object> services) {
    List<String> mounts = new ArrayList<>();
    for (Object service : services.values()) {
      Object volumes = map(service).get("volumes");
      if (volumes != null) mounts.addAll(strings(volumes));
    }
    for (String mount : mounts) {
      String source = mount.split(":")[0];
      if (source.startsWith(".")) assertThat(COMPOSE.resolve(source)).as(mount).exists();
    }
  }

  private static Map<String, Object> services(String file) throws IOException {
    try (Reader in = Files.newBufferedReader(COMPOSE.resolve(file))) {
      Map<String, Object> doc = new Yaml(new LoaderOptions()).load(in);
      return map(doc.get("services"));
    }
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Object o) {
    assertThat(o).isInstanceOf(Map.class);
    return (Map<String, Object>) o;
  }

  static List<String> strings(Object o) {
    assertThat(o).isInstanceOf(List.class);
    return ((List<?>) o).stream().map(String::valueOf).toList();
  }
}
