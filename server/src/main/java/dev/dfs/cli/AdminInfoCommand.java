package dev.dfs.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

/**
 * {@code dfs admin info}: the server at a glance: version, engine, uptime, storage, readiness and,
 * for a cluster, each node's role and health. {@code --json} prints {@code {info, ready, cluster}}
 * as the management API answers them ({@code cluster} null off a cluster).
 */
@Command(
    name = "info",
    mixinStandardHelpOptions = true,
    description =
        "Show the server: version, engine, uptime, storage used, objects, readiness"
            + " and the health of a cluster's nodes.")
final class AdminInfoCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;
  @Mixin AdminOptions options;

  @Override
  public Integer call() {
    if (options.offline) throw new AdminFailure(AdminClient.NEEDS_SERVER);
    ObjectNode all = new ObjectMapper().createObjectNode();
    try (AdminClient client = options.connect()) {
      JsonNode info = client.info();
      all.set("info", info);
      all.set("ready", client.ready());
      all.set("cluster", "cluster".equals(info.path("engine").asText()) ? client.cluster() : null);
    }
    PrintWriter out = spec.commandLine().getOut();
    if (options.json) {
      AdminOutput.json(out, all);
      return 0;
    }
    print(out, all);
    return 0;
  }

  private static void print(PrintWriter out, JsonNode all) {
    JsonNode info = all.path("info");
    JsonNode storage = info.path("storage");
    out.println("Version:  " + info.path("version").asText());
    out.println("Engine:   " + info.path("engine").asText());
    out.println(
        "Uptime:   "
            + uptime(info.path("uptimeSeconds").asLong())
            + " (since "
            + info.path("startedAt").asText()
            + ")");
    out.println("Ready:    " + readiness(all.path("ready")));
    if (storage.isObject()) {
      out.println("Buckets:  " + storage.path("buckets").asText());
      out.println("Objects:  " + storage.path("objects").asText());
      out.println("Stored:   " + CliUnits.size(storage.path("bytes").asLong()));
      if (storage.path("capacityBytes").asLong(-1) >= 0) {
        out.println(
            "Volume:   "
                + CliUnits.size(storage.path("usedBytes").asLong())
                + " used of "
                + CliUnits.size(storage.path("capacityBytes").asLong())
                + ", "
                + CliUnits.size(storage.path("availableBytes").asLong())
                + " free");
      }
    }
    JsonNode members = all.path("cluster").path("members");
    if (members.isArray()) {
      out.println("Nodes:");
      AdminOutput.table(
          out,
          java.util.List.of(
              AdminOutput.Column.text("  NODE", "id"),
              AdminOutput.Column.text("ROLE", "role"),
              AdminOutput.Column.text("HEALTH", "health"),
              AdminOutput.Column.text("ADDRESS", "clusterAddress")),
          indent(members));
    }
    out.flush();
  }

  /** The members with their id indented under the heading. */
  private static java.util.List<JsonNode> indent(JsonNode members) {
    java.util.List<JsonNode> rows = new java.util.ArrayList<>();
    for (JsonNode m : members)
      rows.add(((ObjectNode) m.deepCopy()).put("id", "  " + m.path("id").asText()));
    return rows;
  }

  private static String readiness(JsonNode ready) {
    if ("ready".equals(ready.path("status").asText())) return "yes";
    return "no: " + ready.path("message").asText(ready.path("status").asText("unknown"));
  }

  static String uptime(long seconds) {
    long d = seconds / 86400;
    long h = seconds % 86400 / 3600;
    long m = seconds % 3600 / 60;
    long s = seconds % 60;
    return d > 0 ? d + "d " + h + "h " + m + "m" : h > 0 ? h + "h " + m + "m" : m + "m " + s + "s";
  }
}
