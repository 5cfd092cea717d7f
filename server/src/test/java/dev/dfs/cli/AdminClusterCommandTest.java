package dev.dfs.cli;

import static dev.dfs.cli.AdminCommandTest.JSON;
import static dev.dfs.cli.AdminCommandTest.dfs;
import static dev.dfs.cli.AdminCommandTest.ok;
import static dev.dfs.cli.AdminCommandTest.online;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dfs.store.local.LocalStore;
import dev.dfs.testing.DfsTestServer;
import dev.dfs.testing.SettableClusterView;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dfs admin cluster status} in-process through picocli against a server whose store offers a
 * {@link SettableClusterView}: the summary line, the repair line and one row per member, the API's
 * JSON with {@code --json}, and one clear line (exit 1) on a local engine or with --offline.
 */
class AdminClusterCommandTest {

  @Test
  void statusPrintsTheClusterAsATableOrJson(@TempDir Path dir) throws Exception {
    SettableClusterView view =
        new SettableClusterView(SettableClusterView.threeNodes(Instant.now()));
    try (DfsTestServer server =
        DfsTestServer.start(SettableClusterView.offeredBy(LocalStore.open(dir), view))) {
      List<String> lines = ok(online(server, "admin", "cluster", "status")).out().lines().toList();
      assertThat(lines.get(0))
          .isEqualTo(
              "leader n1, term 7, applied index 118 (commit 120),"
                  + " under-replicated chunks 5, replication factor 3; answered by n1");
      assertThat(lines.get(1))
          .isEqualTo(
              "repair: 0 chunk(s), 0 B to go at 0 B/s, ETA unknown; repaired here 0 (0 B),"
                  + " by all members 6 (4.0 MiB) (1 not reporting); scrub verified 0, damaged 0");
      lines = lines.subList(1, lines.size()); // the table below as before
      assertThat(lines.get(1).split("\\s{2,}"))
          .containsExactly(
              "ID",
              "ROLE",
              "VOTES",
              "ZONE",
              "HEALTH",
              "ADDRESS",
              "USED/CAPACITY",
              "LAG",
              "REPAIRED",
              "LAST SEEN");
      // n1 was last seen when the status was made, seconds ago (however slow the start was)
      assertThat(lines.get(2).split("\\s{2,}"))
          .hasSize(10)
          .startsWith(
              "n1",
              "leader",
              "yes",
              "a",
              "healthy",
              "127.0.0.1:7001",
              "1.5 GiB/100.0 GiB",
              "0",
              "4 (4.0 MiB)");
      assertThat(lines.get(2)).matches(".*  (\\d+s|1m) ago");
      assertThat(lines.get(3).split("\\s{2,}"))
          .containsExactly(
              "n2",
              "follower",
              "yes",
              "b",
              "suspect",
              "127.0.0.1:7002",
              "1.0 GiB/100.0 GiB",
              "3",
              "2 (2.0 KiB)",
              "2h ago");
      assertThat(lines.get(4).split("\\s{2,}"))
          .containsExactly(
              "n3", "follower", "yes", "-", "down", "127.0.0.1:7003", "-/-", "-", "-", "never");
      assertThat(lines).hasSize(5);

      JsonNode json =
          JSON.readTree(ok(online(server, "admin", "cluster", "status", "--json")).out());
      assertThat(json.get("leaderId").asText()).isEqualTo("n1");
      assertThat(json.get("appliedIndex").asLong()).isEqualTo(118);
      assertThat(json.at("/members/1/replicationLag").asLong()).isEqualTo(3);
      assertThat(json.at("/members/2/s3Endpoint").isNull()).isTrue();

      view.inQuorum(false);
      assertThat(
              ok(online(server, "admin", "cluster", "status"))
                  .out()
                  .lines()
                  .findFirst()
                  .orElseThrow())
          .endsWith("answered by n1 (NOT IN QUORUM)");
    }
  }

  @Test
  void membershipCommandsCallTheApiAndPrintWhatChanged(@TempDir Path dir) throws Exception {
    SettableClusterView view =
        new SettableClusterView(SettableClusterView.threeNodes(Instant.now()));
    dev.dfs.testing.RecordingClusterAdmin admin = new dev.dfs.testing.RecordingClusterAdmin();
    view.admin(admin);
    try (DfsTestServer server =
        DfsTestServer.start(SettableClusterView.offeredBy(LocalStore.open(dir), view))) {
      assertThat(ok(online(server, "admin", "cluster", "promote", "n3")).out())
          .isEqualTo("promoted n3 to voter\n");
      assertThat(ok(online(server, "admin", "cluster", "remove", "n2")).out())
          .isEqualTo("removed n2\n");
      assertThat(ok(online(server, "admin", "cluster", "transfer-leader")).out())
          .isEqualTo("leader is now n2\n");
      var refused = dfs(online(server, "admin", "cluster", "remove", "n1"));
      assertThat(refused.code()).isEqualTo(1);
      assertThat(refused.err())
          .contains("MembershipConflict: node n1 is the leader; transfer leadership first");
      assertThat(admin.calls).containsExactly("promote n3", "remove n2", "transfer -");
    }
  }

  @Test
  void layoutCommandsStageShowApplyAndRevert(@TempDir Path dir) throws Exception {
    SettableClusterView view =
        new SettableClusterView(SettableClusterView.threeNodes(Instant.now()));
    dev.dfs.testing.RecordingClusterAdmin admin = new dev.dfs.testing.RecordingClusterAdmin();
    view.admin(admin);
    try (DfsTestServer server =
        DfsTestServer.start(SettableClusterView.offeredBy(LocalStore.open(dir), view))) {
      List<String> show =
          ok(online(server, "admin", "cluster", "layout", "show")).out().lines().toList();
      assertThat(show.get(0)).isEqualTo("layout version 2 (active versions 1, 2)");
      assertThat(show)
          .contains(
              "layout: moving from version 1 to 2: 6 chunk(s), 600 B to go of 1000 B predicted,"
                  + " at 40 B/s, ETA 15s; moved 4 (400 B)",
              "staged for version 3:",
              "applying it moves 3 chunk(s), 300 B:",
              "apply it with: dfs admin cluster layout apply --version 3");
      assertThat(show.stream().filter(l -> l.startsWith("n1 ") && l.contains("n4"))).hasSize(1);
      ok(
          online(
              server,
              "admin",
              "cluster",
              "layout",
              "assign",
              "n4",
              "--zone",
              "z3",
              "--capacity",
              "2"));
      ok(online(server, "admin", "cluster", "layout", "assign", "n3", "--drain"));
      ok(online(server, "admin", "cluster", "layout", "apply", "--version", "3"));
      var refused = dfs(online(server, "admin", "cluster", "layout", "apply", "--version", "5"));
      assertThat(refused.code()).isEqualTo(1);
      assertThat(refused.err()).contains("MembershipConflict: the layout is at version 2");
      ok(online(server, "admin", "cluster", "layout", "revert"));
      assertThat(admin.calls)
          .containsExactly("stage n4 z3 2.0 -", "stage n3 - - draining", "apply 3", "revert");
      List<String> status = ok(online(server, "admin", "cluster", "status")).out().lines().toList();
      assertThat(status.get(2))
          .startsWith("layout: moving from version 1 to 2: 6 chunk(s), 600 B to go");
      admin.settled = true;
      status = ok(online(server, "admin", "cluster", "status")).out().lines().toList();
      assertThat(status.get(2))
          .isEqualTo(
              "layout: version 2, settled; the last rebalance (to version 2) moved 10 chunk(s)"
                  + " (1000 B) of 10 (1000 B) predicted, 2026-12-03T12:00:00Z to"
                  + " 2026-12-03T12:01:02Z (62s)");
    }
  }

  @Test
  void statusOnALocalServerOrOfflineIsOneClearLine(@TempDir Path dir) throws Exception {
    try (DfsTestServer server = DfsTestServer.start(dir.resolve("data"))) {
      AdminCommandTest.Run local = dfs(online(server, "admin", "cluster", "status"));
      assertThat(local.code()).isEqualTo(1);
      assertThat(local.err())
          .startsWith("dfs admin: NotACluster: ")
          .contains("not a cluster")
          .doesNotContain("Exception");
    }
    AdminCommandTest.Run offline =
        dfs("admin", "cluster", "status", "--offline", "--data-dir", dir.toString());
    assertThat(offline.code()).isEqualTo(1);
    assertThat(offline.err()).contains("needs a running server");
  }
}
