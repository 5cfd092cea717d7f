package dev.dfs.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code dfs admin cluster layout show|assign|apply|revert}: the data layout's changes, staged,
 * shown with the moves they cause, then applied (as Garage's {@code layout} commands), through
 * {@code /api/v1/cluster/layout}.
 */
@Command(
    name = "layout",
    mixinStandardHelpOptions = true,
    description = {
      "Where chunks live: stage node assignments (assign), look at them and at the data"
          + " they would move (show), then apply them (apply) or drop them (revert)."
    })
final class AdminLayoutCommand extends AdminGroup {

  @Command(
      name = "show",
      mixinStandardHelpOptions = true,
      description = {
        "Print the current layout version and its nodes, the staged changes, the chunks and"
            + " bytes applying them would move per source and target node (exact, from the chunk catalog),"
            + " and the progress of the current rebalance."
      })
  int show(@Mixin AdminOptions options) {
    return run(options, "GET", null);
  }

  @Command(
      name = "assign",
      mixinStandardHelpOptions = true,
      description = {
        "Stage NODE in the next layout (a member new to it is added): its capacity weight"
            + " (its share of the chunks is proportional to it), zone (copies of a chunk go to distinct"
            + " zones) and --drain (it gives its chunks away). Nothing moves until apply."
      })
  int assign(
      @Mixin AdminOptions options,
      @Parameters(paramLabel = "NODE") String node,
      @Option(
              names = "--capacity",
              paramLabel = "WEIGHT",
              description = "relative capacity, e.g. TiB")
          Double capacity,
      @Option(
              names = "--zone",
              paramLabel = "ZONE",
              description = "failure domain: rack, room, site")
          String zone,
      @Option(names = "--drain", description = "move its chunks away (then remove it)")
          boolean drain,
      @Option(
              names = "--active",
              description = "place chunks on it again (undoes a staged --drain)")
          boolean active) {
    ObjectNode a = JsonNodeFactory.instance.objectNode().put("node", node);
    if (capacity != null) a.put("capacity", capacity);
    if (zone != null) a.put("zone", zone);
    if (drain || active) a.put("state", drain ? "draining" : "active");
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    body.putArray("assign").add(a);
    return run(options, "PUT", body.toString());
  }

  @Command(
      name = "apply", // no standard help options: --version is the layout's here
      description = {
        "Apply the staged layout as version N (the current version + 1, as show prints it):"
            + " refused if someone applied another change meanwhile. Data then moves to the new owners;"
            + " follow it with dfs admin cluster status or layout show."
      })
  int apply(
      @Mixin AdminOptions options,
      @Option(
              names = "--version",
              paramLabel = "N",
              required = true,
              description = "the version to create, as layout show prints it")
          long version,
      @Option(
              names = {"-h", "--help"},
              usageHelp = true,
              description = "Show this help message and exit.")
          boolean help) {
    return run(options, "POST", "{\"version\":" + version + "}");
  }

  @Command(
      name = "revert",
      mixinStandardHelpOptions = true,
      description = "Drop the staged changes.")
  int revert(@Mixin AdminOptions options) {
    return run(options, "DELETE", null);
  }

  private int run(AdminOptions options, String method, @Nullable String body) {
    if (options.offline) throw new AdminFailure(AdminClusterCommand.NEEDS_SERVER);
    try (AdminClient client = options.connect()) {
      JsonNode layout = client.clusterLayout(method, body);
      if (options.json) {
        AdminOutput.json(out(), layout);
      } else {
        print(layout);
      }
    }
    return 0;
  }

  private void print(JsonNode l) {
    out()
        .println(
            "layout version "
                + l.path("version").asLong()
                + " (active versions "
                + join(l.path("activeVersions"))
                + ")");
    AdminOutput.table(out(), columns(), l.path("nodes"));
    out().println(rebalanceLine(l));
    if (!l.hasNonNull("staged")) {
      out().println("nothing staged (dfs admin cluster layout assign NODE …)");
      return;
    }
    out().println("staged for version " + (l.path("version").asLong() + 1) + ":");
    AdminOutput.table(out(), columns(), l.path("staged"));
    JsonNode m = l.path("moves");
    out()
        .println(
            "applying it moves "
                + m.path("chunks").asLong()
                + " chunk(s), "
                + AdminClusterCommand.bytes(m.get("bytes"))
                + ":");
    AdminOutput.table(
        out(),
        List.of(
            AdminOutput.Column.text("FROM", "from"),
            AdminOutput.Column.text("TO", "to"),
            AdminOutput.Column.text("CHUNKS", "chunks"),
            new AdminOutput.Column("BYTES", n -> AdminClusterCommand.bytes(n.get("bytes")))),
        m.path("byLink"));
    out()
        .println(
            "apply it with: dfs admin cluster layout apply --version "
                + (l.path("version").asLong() + 1));
  }

  /** The rebalance in one line: settled, or what is left to move, how fast, and the ETA. */
  static String rebalanceLine(JsonNode l) {
    JsonNode r = l.path("rebalance");
    if (!r.path("moving").asBoolean())
      return "layout: version " + l.path("version").asLong() + ", settled" + last(l);
    String eta = r.hasNonNull("etaSeconds") ? r.get("etaSeconds").asLong() + "s" : "unknown";
    return "layout: moving from version "
        + r.path("fromVersion").asLong()
        + " to "
        + l.path("version").asLong()
        + ": "
        + r.path("chunksToGo").asLong()
        + " chunk(s), "
        + AdminClusterCommand.bytes(r.get("bytesToGo"))
        + " to go of "
        + AdminClusterCommand.bytes(r.get("bytesPredicted"))
        + " predicted, at "
        + AdminClusterCommand.bytes(r.get("bytesPerSecond"))
        + "/s, ETA "
        + eta
        + "; moved "
        + r.path("chunksMoved").asLong()
        + " ("
        + AdminClusterCommand.bytes(r.get("bytesMoved"))
        + ")";
  }

  /**
   * What the last finished move did ({@code lastRebalance}), for the settled line; empty when the
   * server reports none.
   */
  static String last(JsonNode l) {
    JsonNode m = l.path("lastRebalance");
    if (!m.isObject()) return "";
    String took = "";
    try {
      took =
          " ("
              + java.time.Duration.between(
                      java.time.Instant.parse(m.path("startedAt").asText()),
                      java.time.Instant.parse(m.path("finishedAt").asText()))
                  .toSeconds()
              + "s)";
    } catch (java.time.format.DateTimeParseException e) {
      // a server newer than this CLI: the times are shown as sent
    }
    return "; the last rebalance (to version "
        + m.path("version").asLong()
        + ") moved "
        + m.path("chunksMoved").asLong()
        + " chunk(s) ("
        + AdminClusterCommand.bytes(m.get("bytesMoved"))
        + ") of "
        + m.path("chunksPredicted").asLong()
        + " ("
        + AdminClusterCommand.bytes(m.get("bytesPredicted"))
        + ") predicted, "
        + m.path("startedAt").asText()
        + " to "
        + m.path("finishedAt").asText()
        + took;
  }

  private static List<AdminOutput.Column> columns() {
    return List.of(
        AdminOutput.Column.text("ID", "id"),
        AdminOutput.Column.text("ADDRESS", "address"),
        AdminOutput.Column.text("ZONE", "zone"),
        new AdminOutput.Column(
            "CAPACITY", n -> String.format(Locale.ROOT, "%.3g", n.path("capacity").asDouble())),
        AdminOutput.Column.text("STATE", "state"));
  }

  private static String join(JsonNode array) {
    List<String> out = new java.util.ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return String.join(", ", out);
  }
}
