package dev.dfs.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code dfs admin cluster …}: a cluster's members and state, and membership changes, through the
 * management API.
 */
@Command(
    name = "cluster",
    mixinStandardHelpOptions = true,
    subcommands = AdminLayoutCommand.class,
    description =
        "Show a cluster (STORAGE_ENV=cluster) as one of its nodes sees it, and change its membership"
            + " and data layout.")
final class AdminClusterCommand extends AdminGroup {
  static final String NEEDS_SERVER =
      "dfs admin cluster needs a running server: drop --offline"
          + " and give --endpoint of any cluster node";

  @Command(
      name = "promote",
      mixinStandardHelpOptions = true,
      description = {
        "Make the learner NODE (a node that joined with DFS_CLUSTER_SEEDS naming"
            + " existing members) a voter of the metadata group. Any node takes the call to the leader."
      })
  int promote(@Mixin AdminOptions options, @Parameters(paramLabel = "NODE") String node) {
    return change(
        options, "POST", "/members/" + enc(node) + "/promote", "promoted " + node + " to voter");
  }

  @Command(
      name = "remove",
      mixinStandardHelpOptions = true,
      description = {
        "Remove NODE (voter or learner) from the metadata group. Refused for the"
            + " leader (transfer-leader first) and when the voters left would have no live majority."
      })
  int remove(@Mixin AdminOptions options, @Parameters(paramLabel = "NODE") String node) {
    return change(options, "DELETE", "/members/" + enc(node), "removed " + node);
  }

  @Command(
      name = "drain",
      mixinStandardHelpOptions = true,
      description = {
        "Drain NODE before removing it: it receives no new chunks and repair copies every"
            + " chunk it holds to the other nodes. Prints the progress; run it again to follow it"
            + " until it says the node is safe to remove, then remove it and switch it off."
      })
  int drain(@Mixin AdminOptions options, @Parameters(paramLabel = "NODE") String node) {
    if (options.offline) throw new AdminFailure(NEEDS_SERVER);
    try (AdminClient client = options.connect()) {
      JsonNode d = client.clusterChange("POST", "/members/" + enc(node) + "/drain");
      if (options.json) {
        AdminOutput.json(out(), d);
      } else {
        out().println(drainLine(d));
      }
    }
    return 0;
  }

  /** The drain's progress in one line, and what to do once it is done. */
  static String drainLine(JsonNode d) {
    String id = d.path("nodeId").asText();
    if (d.path("safeToRemove").asBoolean()) {
      return id
          + " is drained: safe to remove (dfs admin cluster remove "
          + id
          + "), then switch it off";
    }
    return id
        + " is draining: "
        + d.path("chunksToGo").asLong()
        + " chunk(s), "
        + bytes(d.get("bytesToGo"))
        + " to go of "
        + d.path("chunksHeld").asLong()
        + " chunk(s) it holds";
  }

  @Command(
      name = "transfer-leader",
      mixinStandardHelpOptions = true,
      description = {
        "Hand leadership to NODE, or without it to the most up-to-date other live"
            + " voter: run it before a planned restart of the leader."
      })
  int transferLeader(
      @Mixin AdminOptions options, @Parameters(paramLabel = "NODE", arity = "0..1") String node) {
    return change(
        options, "POST", "/transfer-leader" + (node == null ? "" : "?node=" + enc(node)), null);
  }

  private int change(AdminOptions options, String method, String path, @Nullable String done) {
    if (options.offline) throw new AdminFailure(NEEDS_SERVER);
    try (AdminClient client = options.connect()) {
      JsonNode answer = client.clusterChange(method, path);
      if (options.json) {
        AdminOutput.json(out(), answer);
      } else {
        out().println(done != null ? done : "leader is now " + answer.path("nodeId").asText());
      }
    }
    return 0;
  }

  private static String enc(String s) {
    return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8)
        .replace("+", "%20");
  }

  @Command(
      name = "status",
      mixinStandardHelpOptions = true,
      description = {
        "Print the cluster as the node at --endpoint sees it: a line with the"
            + " leader, term, applied index and under-replicated chunks, a line with repair"
            + " (chunks and bytes to go, rate, ETA, repaired by this node and by all members, dead"
            + " nodes) and scrub figures, then one row per member (lag: log entries behind the"
            + " leader's commit index, known on the leader; repaired: the member's own copies since"
            + " it started, as it last told this node).",
        "--json prints the management API's answer (GET /api/v1/cluster)."
      })
  int status(@Mixin AdminOptions options) {
    if (options.offline) throw new AdminFailure(NEEDS_SERVER);
    try (AdminClient client = options.connect()) {
      JsonNode cluster = client.cluster();
      if (options.json) {
        AdminOutput.json(out(), cluster);
        return 0;
      }
      out().println(summary(cluster));
      out().println(repair(cluster.path("repair"), cluster.path("members")));
      if (cluster.hasNonNull("layout"))
        out().println(AdminLayoutCommand.rebalanceLine(cluster.get("layout")));
      AdminOutput.table(out(), columns(Instant.now()), cluster.path("members"));
    }
    return 0;
  }

  /** The line above the table. */
  static String summary(JsonNode c) {
    String leader = c.hasNonNull("leaderId") ? c.get("leaderId").asText() : "none known";
    return "leader "
        + leader
        + ", term "
        + c.path("term").asLong()
        + ", applied index "
        + c.path("appliedIndex").asLong()
        + " (commit "
        + c.path("commitIndex").asLong()
        + ")"
        + ", under-replicated chunks "
        + c.path("underReplicatedChunks").asLong()
        + ", replication factor "
        + c.path("replicationFactor").asInt()
        + "; answered by "
        + c.path("nodeId").asText()
        + (c.path("inQuorum").asBoolean() ? "" : " (NOT IN QUORUM)");
  }

  /** The repair and scrub line: what is left to copy, how fast, dead nodes, scrub findings. */
  static String repair(JsonNode r, JsonNode members) {
    if (r.isMissingNode()) return "repair: not reported";
    String eta = r.hasNonNull("etaSeconds") ? r.get("etaSeconds").asLong() + "s" : "unknown";
    return "repair: "
        + r.path("chunksToGo").asLong()
        + " chunk(s), "
        + bytes(r.get("bytesToGo"))
        + " to go"
        + " at "
        + bytes(r.get("bytesPerSecond"))
        + "/s, ETA "
        + eta
        + "; repaired here "
        + r.path("chunksRepaired").asLong()
        + " ("
        + bytes(r.get("bytesRepaired"))
        + ")"
        + repairedByAll(members)
        + (r.path("fullPassRunning").asBoolean() ? "; full pass running" : "")
        + (r.path("deadNodes").isEmpty() ? "" : "; DEAD: " + join(r.path("deadNodes")))
        + (r.path("drainingNodes").isEmpty()
            ? ""
            : "; DRAINING: "
                + join(r.path("drainingNodes"))
                + " (dfs admin cluster drain NODE: progress, safe to remove)")
        + "; scrub verified "
        + r.path("scrubbedChunks").asLong()
        + ", damaged "
        + r.path("scrubCorrupt").asLong()
        + gc(r.path("gc"));
  }

  /**
   * The members' own repair counters added up ({@code members[].chunksRepaired}, each as it last
   * told the answering node), so every node shows the same total; empty when no member told any (an
   * older server), marked when some did not.
   */
  private static String repairedByAll(JsonNode members) {
    long chunks = 0;
    long bytes = 0;
    int told = 0;
    for (JsonNode m : members) {
      if (!m.path("chunksRepaired").canConvertToLong()) continue;
      chunks += m.get("chunksRepaired").asLong();
      bytes += m.path("bytesRepaired").asLong();
      told++;
    }
    if (told == 0) return "";
    return ", by all members "
        + chunks
        + " ("
        + bytes(JsonNodeFactory.instance.numberNode(bytes))
        + ")"
        + (told < members.size() ? " (" + (members.size() - told) + " not reporting)" : "");
  }

  /** The orphan sweep's part of the repair line (none from a node without a sweep: grace 0). */
  private static String gc(JsonNode g) {
    if (g.isMissingNode() || g.path("graceSeconds").asLong() == 0) return "";
    return "; gc removed "
        + g.path("orphansRemoved").asLong()
        + " orphan(s) ("
        + bytes(g.get("bytesRemoved"))
        + ")"
        + ", "
        + g.path("suspects").asLong()
        + " waiting out the "
        + g.path("graceSeconds").asLong()
        + "s grace"
        + (g.path("removalsKept").asLong() > 0
            ? ", " + g.path("removalsKept").asLong() + " removal(s) kept"
            : "");
  }

  private static String join(JsonNode array) {
    List<String> out = new java.util.ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return String.join(", ", out);
  }

  private static List<AdminOutput.Column> columns(Instant now) {
    return List.of(
        AdminOutput.Column.text("ID", "id"),
        AdminOutput.Column.text("ROLE", "role"),
        new AdminOutput.Column("VOTES", n -> n.path("voting").asBoolean(true) ? "yes" : "no"),
        AdminOutput.Column.text("ZONE", "zone"),
        AdminOutput.Column.text("HEALTH", "health"),
        AdminOutput.Column.text("ADDRESS", "clusterAddress"),
        new AdminOutput.Column(
            "USED/CAPACITY", n -> bytes(n.get("usedBytes")) + "/" + bytes(n.get("capacityBytes"))),
        AdminOutput.Column.text("LAG", "replicationLag"),
        new AdminOutput.Column("REPAIRED", AdminClusterCommand::repaired),
        new AdminOutput.Column("LAST SEEN", n -> ago(n.get("lastSeen"), now)));
  }

  /** A member's own repair counter: {@code 3 (1.5 MiB)}; {@code -} when it did not tell. */
  private static String repaired(JsonNode m) {
    if (!m.path("chunksRepaired").canConvertToLong()) return "-";
    return m.get("chunksRepaired").asLong() + " (" + bytes(m.get("bytesRepaired")) + ")";
  }

  /** Binary units with one decimal ({@code 1.5 GiB}); {@code -} when unknown. */
  static String bytes(JsonNode value) {
    if (value == null || !value.canConvertToLong()) return "-";
    double v = value.asLong();
    String[] units = {"B", "KiB", "MiB", "GiB", "TiB", "PiB"};
    int u = 0;
    while (v >= 1024 && u < units.length - 1) {
      v /= 1024;
      u++;
    }
    return u == 0 ? (long) v + " B" : String.format(Locale.ROOT, "%.1f %s", v, units[u]);
  }

  /**
   * How long ago, in the largest whole unit ({@code 12s ago}, {@code 3m ago}); never: {@code
   * never}.
   */
  static String ago(JsonNode value, Instant now) {
    if (value == null || !value.isTextual()) return "never";
    Instant t;
    try {
      t = Instant.parse(value.asText());
    } catch (DateTimeParseException e) {
      return value.asText(); // a server newer than this CLI: show what it sent
    }
    long s = Math.max(0, Duration.between(t, now).toSeconds());
    if (s < 60) return s + "s ago";
    if (s < 3600) return s / 60 + "m ago";
    if (s < 86400) return s / 3600 + "h ago";
    return s / 86400 + "d ago";
  }
}
