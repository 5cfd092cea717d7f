package dev.dfs.deploy;

import static dev.dfs.deploy.ComposeFilesTest.map;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dfs.server.config.ConfigKey;
import dev.dfs.server.config.ConfigKeys;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * deploy/kubernetes and deploy/helm/dfs, read as the API server and Helm would (neither runs on the
 * build machine): the manifests parse; the StatefulSet runs the replicas the seeds name, each pod's
 * cluster address is its own seed entry through the headless service (which publishes pods before
 * they are ready), the probes hit the readiness and liveness routes on the S3 port, every
 * environment variable is a DFS setting, the secret references resolve, the data volume is the PVC
 * template mounted at the data dir, and pods carry the Prometheus scrape annotations. For the
 * chart: every {@code .Values} path a template uses is in values.yaml, and the templates set the
 * same settings and probes.
 */
class KubernetesFilesTest {
  private static final Path K8S = Path.of("..", "deploy", "kubernetes");
  private static final Path CHART = Path.of("..", "deploy", "helm", "dfs");
  private static final Set<String> POD_FIELDS = Set.of("POD_NAME", "POD_NAMESPACE");

  @Test
  void statefulSetFormsAThreeNodeClusterThroughTheHeadlessService() throws IOException {
    Map<String, Map<String, Object>> objects = objects();
    Map<String, Object> sts = objects.get("StatefulSet/dfs");
    Map<String, Object> spec = map(sts.get("spec"));
    assertThat(spec.get("replicas")).isEqualTo(3);
    assertThat(spec.get("podManagementPolicy")).isEqualTo("Parallel");
    Map<String, Object> peers = map(objects.get("Service/" + spec.get("serviceName")).get("spec"));
    assertThat(peers)
        .containsEntry("clusterIP", "None")
        .containsEntry("publishNotReadyAddresses", true);
    Map<String, Object> container = container(spec);
    Map<String, String> env = env(container);
    assertThat(env)
        .containsEntry("STORAGE_ENV", "cluster")
        .containsKeys(
            "DFS_NODE_ID",
            "DFS_CLUSTER_ADDRESS",
            "DFS_CLUSTER_SEEDS",
            "DFS_CLUSTER_SECRET",
            "DFS_MASTER_KEY",
            "DFS_ROOT_ACCESS_KEY",
            "DFS_ROOT_SECRET_KEY");
    assertThat(env.get("DFS_NODE_ID")).isEqualTo("$(POD_NAME)");
    String seeds = env.get("DFS_CLUSTER_SEEDS");
    for (int i = 0; i < 3; i++) {
      String pod = "dfs-" + i;
      String address = env.get("DFS_CLUSTER_ADDRESS").replace("$(POD_NAME)", pod);
      assertThat(address).startsWith(pod + "." + spec.get("serviceName") + ".").endsWith(":7001");
      assertThat(seeds.split(",")).contains(pod + "=" + address);
    }
    assertThat(seeds.split(",")).hasSize(3);
  }

  @Test
  void podsHaveProbesPortsSettingsSecretsVolumesAndScrapeAnnotations() throws IOException {
    Map<String, Map<String, Object>> objects = objects();
    Map<String, Object> spec = map(objects.get("StatefulSet/dfs").get("spec"));
    Map<String, Object> container = container(spec);
    Map<String, Integer> ports = new java.util.HashMap<>();
    for (Object p : (List<?>) container.get("ports"))
      ports.put((String) map(p).get("name"), (Integer) map(p).get("containerPort"));
    assertThat(ports)
        .containsEntry("s3", 5555)
        .containsEntry("chunks", 7001)
        .containsEntry("raft", 7002);
    assertThat(probe(container, "readinessProbe"))
        .containsEntry("path", "/api/v1/ready")
        .containsEntry("port", "s3");
    assertThat(probe(container, "livenessProbe"))
        .containsEntry("path", "/api/v1/health")
        .containsEntry("port", "s3");
    assertSettings(env(container).keySet());
    Map<String, Object> secret = objects.get("Secret/dfs-secrets");
    for (Object e : (List<?>) container.get("env")) {
      Object from = map(e).get("valueFrom");
      if (from == null || map(from).get("secretKeyRef") == null) continue;
      Map<String, Object> ref = map(map(from).get("secretKeyRef"));
      assertThat(objects).containsKey("Secret/" + ref.get("name"));
      assertThat(map(secret.get("stringData"))).containsKey((String) ref.get("key"));
    }
    Map<String, Object> mount = map(((List<?>) container.get("volumeMounts")).get(0));
    assertThat(mount.get("mountPath")).isEqualTo(env(container).get("DFS_DATA_DIR"));
    Map<String, Object> claim = map(((List<?>) spec.get("volumeClaimTemplates")).get(0));
    assertThat(map(claim.get("metadata")).get("name")).isEqualTo(mount.get("name"));
    Map<String, Object> template = map(spec.get("template"));
    assertThat(map(map(template.get("metadata")).get("annotations")))
        .containsEntry("prometheus.io/scrape", "true")
        .containsEntry("prometheus.io/port", "5555")
        .containsEntry("prometheus.io/path", "/metrics");
    Map<String, Object> s3 = map(objects.get("Service/dfs").get("spec"));
    assertThat(map(s3.get("selector"))).isEqualTo(map(map(template.get("metadata")).get("labels")));
    assertThat(map(((List<?>) s3.get("ports")).get(0))).containsEntry("targetPort", "s3");
  }

  @Test
  void helmTemplatesUseOnlyValuesThatExistAndSetTheSameSettings() throws IOException {
    Map<String, Object> values;
    try (var in = Files.newBufferedReader(CHART.resolve("values.yaml"))) {
      values = map(new Yaml(new LoaderOptions()).load(in));
    }
    Map<String, Object> chart;
    try (var in = Files.newBufferedReader(CHART.resolve("Chart.yaml"))) {
      chart = map(new Yaml(new LoaderOptions()).load(in));
    }
    assertThat(chart).containsEntry("apiVersion", "v2").containsEntry("name", "dfs");
    assertThat(values).containsEntry("replicas", 3);
    Pattern ref = Pattern.compile("\\.Values((?:\\.[A-Za-z0-9_]+)+)");
    List<String> templates = new ArrayList<>();
    try (Stream<Path> files = Files.list(CHART.resolve("templates"))) {
      for (Path f : files.sorted().toList()) templates.add(Files.readString(f));
    }
    int refs = 0;
    for (String t : templates) {
      Matcher m = ref.matcher(t);
      while (m.find()) {
        refs++;
        Object at = values;
        for (String key : m.group(1).substring(1).split("\\.")) {
          assertThat(map(at)).as(".Values" + m.group(1)).containsKey(key);
          at = map(at).get(key);
        }
      }
    }
    assertThat(refs).isGreaterThan(20);
    String sts = Files.readString(CHART.resolve("templates/statefulset.yaml"));
    Set<String> names = new HashSet<>();
    Matcher env = Pattern.compile("- name: ([A-Z_]+)").matcher(sts);
    while (env.find()) names.add(env.group(1));
    Matcher listed = Pattern.compile("\"(DFS_[A-Z_]+)\"").matcher(sts);
    while (listed.find()) names.add(listed.group(1));
    assertThat(names)
        .containsAll(
            env(container(map(objects().get("StatefulSet/dfs").get("spec")))).keySet().stream()
                .filter(n -> !n.equals("POD_NAMESPACE"))
                .toList());
    assertSettings(names);
    assertThat(sts)
        .contains(
            "path: /api/v1/ready",
            "path: /api/v1/health",
            "prometheus.io/scrape",
            "podManagementPolicy: Parallel",
            "volumeClaimTemplates",
            "mountPath: /data");
    assertThat(Files.readString(CHART.resolve("templates/services.yaml")))
        .contains("clusterIP: None", "publishNotReadyAddresses: true");
  }

  /** Every name is a DFS setting (name or alias) or a pod field the others expand. */
  private static void assertSettings(Set<String> names) {
    Set<String> known = new HashSet<>(POD_FIELDS);
    for (ConfigKey<?> k : ConfigKeys.ALL) {
      known.add(k.name());
      known.addAll(k.aliases());
    }
    assertThat(known).containsAll(names);
  }

  private static Map<String, Object> container(Map<String, Object> stsSpec) {
    Map<String, Object> pod = map(map(stsSpec.get("template")).get("spec"));
    return map(((List<?>) pod.get("containers")).get(0));
  }

  private static Map<String, Object> probe(Map<String, Object> container, String name) {
    return map(map(container.get(name)).get("httpGet"));
  }

  /**
   * The container's environment: plain values, or "secret:NAME/KEY" and "field:PATH" for
   * references.
   */
  private static Map<String, String> env(Map<String, Object> container) {
    Map<String, String> out = new java.util.LinkedHashMap<>();
    for (Object o : (List<?>) container.get("env")) {
      Map<String, Object> e = map(o);
      String value = e.get("value") == null ? null : String.valueOf(e.get("value"));
      if (value == null) {
        Map<String, Object> from = map(e.get("valueFrom"));
        value =
            from.containsKey("secretKeyRef")
                ? "secret:"
                    + map(from.get("secretKeyRef")).get("name")
                    + "/"
                    + map(from.get("secretKeyRef")).get("key")
                : "field:" + map(from.get("fieldRef")).get("fieldPath");
      }
      out.put((String) e.get("name"), value);
    }
    return out;
  }

  /** Every object of deploy/kubernetes by "Kind/name". */
  private static Map<String, Map<String, Object>> objects() throws IOException {
    Map<String, Map<String, Object>> out = new java.util.TreeMap<>();
    try (Stream<Path> files = Files.list(K8S)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
        for (Object doc : new Yaml(new LoaderOptions()).loadAll(Files.readString(f))) {
          if (doc == null) continue;
          Map<String, Object> o = map(doc);
          out.put(o.get("kind") + "/" + map(o.get("metadata")).get("name"), o);
        }
      }
    }
    return out;
  }
}
