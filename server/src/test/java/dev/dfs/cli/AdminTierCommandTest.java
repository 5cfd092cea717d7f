package dev.dfs.cli;

import static dev.dfs.cli.AdminCommandTest.JSON;
import static dev.dfs.cli.AdminCommandTest.dfs;
import static dev.dfs.cli.AdminCommandTest.ok;
import static dev.dfs.cli.AdminCommandTest.online;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dfs.testing.DfsTestServer;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code dfs admin tier …} in-process through picocli: add, list, verify, remove, errors. */
class AdminTierCommandTest {

  @Test
  void managesTiersAsTextAndJson(@TempDir Path dir) throws Exception {
    try (DfsTestServer server = DfsTestServer.start(dir.resolve("data"))) {
      String slow = dir.resolve("slow").toString();
      assertThat(
              ok(online(
                      server,
                      "admin",
                      "tier",
                      "add",
                      "cold",
                      "--type",
                      "directory",
                      "--path",
                      slow,
                      "--class",
                      "STANDARD_IA,ONEZONE_IA",
                      "--cost-gib-month",
                      "0.002"))
                  .out())
          .startsWith("Tier cold added.")
          .contains("Classes:  STANDARD_IA,ONEZONE_IA")
          .contains("0.002/GiB-month");
      List<String> table = ok(online(server, "admin", "tier", "list")).out().lines().toList();
      assertThat(table.get(0).split("\\s{2,}"))
          .containsExactly("NAME", "TYPE", "CLASSES", "WHERE", "$/GIB-MONTH");
      assertThat(table.get(1).split("\\s{2,}"))
          .containsExactly("cold", "directory", "STANDARD_IA,ONEZONE_IA", slow, "0.002");
      JsonNode listed = JSON.readTree(ok(online(server, "admin", "tier", "list", "--json")).out());
      assertThat(listed.get("tiers")).hasSize(1);
      assertThat(ok(online(server, "admin", "tier", "verify", "cold")).out()).contains("works");
      AdminCommandTest.Run taken =
          dfs(
              online(
                  server,
                  "admin",
                  "tier",
                  "add",
                  "other",
                  "--type",
                  "directory",
                  "--path",
                  slow,
                  "--class",
                  "ONEZONE_IA"));
      assertThat(taken.code()).isEqualTo(1);
      assertThat(taken.err()).contains("Conflict").contains("ONEZONE_IA");
      assertThat(ok(online(server, "admin", "tier", "remove", "cold")).out())
          .contains("Tier cold removed.");
      AdminCommandTest.Run missing = dfs(online(server, "admin", "tier", "remove", "cold"));
      assertThat(missing.code()).isEqualTo(1);
      assertThat(missing.err()).contains("NoSuchTier");
    }
  }
}
