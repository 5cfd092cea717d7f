package dev.dfs.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * deploy/prometheus/dfs-alerts.yml is a valid rules file in the shape Prometheus loads (promtool is
 * not available here): YAML, groups of rules each with a unique alert name, an expression whose
 * brackets and quotes balance, a duration, a severity and a summary. That the metrics exist is
 * {@link DeployFilesTest}'s job.
 */
class AlertRulesTest {
  private static final Path RULES = Path.of("..", "deploy", "prometheus", "dfs-alerts.yml");

  @Test
  void everyRuleIsWellFormedAndTheIssuesAlertsAreThere() throws Exception {
    Map<String, Object> doc;
    try (Reader in = Files.newBufferedReader(RULES)) {
      doc = new Yaml(new LoaderOptions()).load(in);
    }
    Set<String> names = new TreeSet<>();
    for (Object g : (List<?>) doc.get("groups")) {
      Map<String, Object> group = ComposeFilesTest.map(g);
      assertThat(group.get("name")).isInstanceOf(String.class);
      for (Object r : (List<?>) group.get("rules")) {
        Map<String, Object> rule = ComposeFilesTest.map(r);
        String name = (String) rule.get("alert");
        assertThat(names.add(name)).as("unique alert name %s", name).isTrue();
        assertThat(rule.keySet())
            .as(name)
            .containsAll(List.of("alert", "expr", "labels", "annotations"))
            .isSubsetOf("alert", "expr", "for", "keep_firing_for", "labels", "annotations");
        assertBalanced(name, String.valueOf(rule.get("expr")));
        if (rule.containsKey("for")) {
          assertThat(String.valueOf(rule.get("for"))).as(name).matches("(\\d+(ms|s|m|h|d|w|y))+");
        }
        assertThat(ComposeFilesTest.map(rule.get("labels")).get("severity"))
            .as(name)
            .isIn("critical", "warning", "info");
        assertThat(ComposeFilesTest.map(rule.get("annotations"))).as(name).containsKey("summary");
      }
    }
    assertThat(names)
        .contains(
            "DfsNodeDown",
            "DfsServerErrorRateHigh",
            "DfsDiskAlmostFull",
            "DfsLifecycleStalled",
            "DfsUnderReplicatedChunks");
    assertThat(Files.readString(RULES)).contains("status!=\"501\"");
  }

  private static void assertBalanced(String name, String expr) {
    Deque<Character> open = new ArrayDeque<>();
    boolean quoted = false;
    for (int i = 0; i < expr.length(); i++) {
      char c = expr.charAt(i);
      if (c == '"') quoted = !quoted;
      if (quoted) continue;
      switch (c) {
        case '(', '[', '{' -> open.push(c);
        case ')' -> assertThat(open.poll()).as("%s: %s", name, expr).isEqualTo('(');
        case ']' -> assertThat(open.poll()).as("%s: %s", name, expr).isEqualTo('[');
        case '}' -> assertThat(open.poll()).as("%s: %s", name, expr).isEqualTo('{');
        default -> {}
      }
    }
    assertThat(quoted).as("%s: unterminated string", name).isFalse();
    assertThat(open).as("%s: unclosed brackets", name).isEmpty();
  }
}
