package dev.dfs.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dfs.testing.DfsTestServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * {@code dfs admin} run in-process through picocli: online against a real server (the keys it
 * creates sign S3 requests), offline on a data directory, refused offline while a server holds the
 * database, usage errors exit 2 and refusals exit 1 with one line on standard error.
 */
class AdminCommandTest {
  static final ObjectMapper JSON = new ObjectMapper();

  record Run(int code, String out, String err) {}

  static Run dfs(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = Main.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int code = cli.execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  static String[] online(DfsTestServer server, String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(
        List.of("--endpoint", server.endpoint().toString(), "--api-key", DfsTestServer.API_KEY));
    return all.toArray(String[]::new);
  }

  static Run ok(String... args) {
    Run r = dfs(args);
    assertThat(r.code()).as(String.join(" ", args) + "\n" + r.err()).isZero();
    return r;
  }

  @Test
  void onlineCommandsManageUsersAndKeysThatSignRequests(@TempDir Path dir) throws Exception {
    try (DfsTestServer server = DfsTestServer.start(dir)) {
      assertThat(ok(online(server, "admin", "user", "add", "alice")).out()).contains("alice");
      Run created = ok(online(server, "admin", "key", "create", "alice", "--json"));
      JsonNode key = JSON.readTree(created.out());
      String id = key.get("accessKeyId").asText();
      String secret = key.get("secretKey").asText();

      S3Client alice = server.client(id, secret);
      alice.listBuckets();

      Run users = ok(online(server, "admin", "user", "list"));
      assertThat(users.out().lines().findFirst().orElseThrow())
          .startsWith("NAME")
          .contains("ENABLED")
          .contains("CREATED");
      assertThat(users.out()).contains("root").contains("alice");
      Run keys = ok(online(server, "admin", "key", "list", "--user", "alice"));
      assertThat(keys.out())
          .contains(id)
          .contains("Active")
          .doesNotContain(secret)
          .doesNotContain(DfsTestServer.ACCESS_KEY);

      ok(online(server, "admin", "key", "disable", id));
      assertThatThrownBy(alice::listBuckets)
          .isInstanceOf(S3Exception.class)
          .hasMessageContaining("Access Key Id you provided does not exist");
      ok(online(server, "admin", "key", "enable", id));
      alice.listBuckets();

      Path policy = dir.resolve("policy.json");
      Files.writeString(policy, "{\"Version\": \"2012-10-17\", \"Statement\": []}");
      ok(online(server, "admin", "user", "policy", "alice", policy.toString()));
      assertThat(server.identities().user("alice").orElseThrow().policy())
          .isEqualTo(Files.readString(policy));
      assertThat(ok(online(server, "admin", "user", "policy", "alice")).out())
          .contains("2012-10-17");
      ok(online(server, "admin", "user", "policy", "alice", "--clear"));

      Run api = ok(online(server, "admin", "apikey", "create", "alice", "--json"));
      JsonNode apiKey = JSON.readTree(api.out());
      Run apiList = ok(online(server, "admin", "apikey", "list"));
      assertThat(apiList.out())
          .contains(apiKey.get("id").asText())
          .doesNotContain(apiKey.get("apiKey").asText());
      ok(online(server, "admin", "apikey", "delete", apiKey.get("id").asText()));

      Run refused = dfs(online(server, "admin", "user", "remove", "root"));
      assertThat(refused.code()).isEqualTo(1);
      assertThat(refused.err()).startsWith("dfs admin: ").contains("root");
      Run missing = dfs(online(server, "admin", "key", "delete", "NOSUCHKEY"));
      assertThat(missing.code()).isEqualTo(1);
      assertThat(missing.err()).contains("NOSUCHKEY").doesNotContain("Exception");

      ok(online(server, "admin", "user", "remove", "alice"));
      assertThatThrownBy(alice::listBuckets).isInstanceOf(S3Exception.class);
    }
  }

  @Test
  void onlineReadsRootsApiKeyFromTheDataDirectory(@TempDir Path dir) throws Exception {
    try (DfsTestServer server = DfsTestServer.start(dir)) {
      Files.writeString(
          dir.resolve("root-credentials.properties"), "apiKey=" + DfsTestServer.API_KEY + "\n");
      ok(
          "admin",
          "user",
          "add",
          "dave",
          "--endpoint",
          server.endpoint().toString(),
          "--data-dir",
          dir.toString());
      Run wrong =
          dfs(
              "admin",
              "user",
              "list",
              "--endpoint",
              server.endpoint().toString(),
              "--api-key",
              "not-a-key");
      assertThat(wrong.code()).isEqualTo(1);
      assertThat(wrong.err()).contains("Unauthorized");
    }
  }

  @Test
  void offlineWorksOnAStoppedServersDataAndIsRefusedWhileItRuns(@TempDir Path dir)
      throws Exception {
    assertThat(ok("admin", "user", "add", "erin", "--offline", "--data-dir", dir.toString()).out())
        .contains("erin");
    JsonNode key =
        JSON.readTree(
            ok(
                    "admin",
                    "key",
                    "create",
                    "erin",
                    "--offline",
                    "--data-dir",
                    dir.toString(),
                    "--json")
                .out());
    assertThat(ok("admin", "key", "list", "--offline", "--data-dir", dir.toString()).out())
        .contains(key.get("accessKeyId").asText());
    assertThat(
            dfs("admin", "user", "add", "erin", "--offline", "--data-dir", dir.toString()).code())
        .isEqualTo(1);

    try (DfsTestServer server = DfsTestServer.start(dir)) {
      // what was added offline authenticates once the server starts
      server.client(key.get("accessKeyId").asText(), key.get("secretKey").asText()).listBuckets();
      Run locked = dfs("admin", "user", "list", "--offline", "--data-dir", dir.toString());
      assertThat(locked.code()).isEqualTo(1);
      assertThat(locked.err()).contains("the server is running; use --endpoint");
    }
    Run missing =
        dfs("admin", "user", "list", "--offline", "--data-dir", dir.resolve("nope").toString());
    assertThat(missing.code()).isEqualTo(1);
    assertThat(missing.err()).contains("no data directory");
  }

  @Test
  void offlineIsRefusedOnAClusterNodesDataDirectory(@TempDir Path dir) throws Exception {
    java.nio.file.Files.createDirectories(dir.resolve("raft"));
    Run refused = dfs("admin", "user", "add", "erin", "--offline", "--data-dir", dir.toString());
    assertThat(refused.code()).isEqualTo(1);
    assertThat(refused.err()).contains("cluster node's data directory").contains("--endpoint");
    assertThat(dir.resolve("identity")).doesNotExist();
  }

  @Test
  void usageErrorsExit2AndEveryCommandHasHelp() {
    assertThat(dfs("admin", "user", "add").code()).isEqualTo(2);
    assertThat(dfs("admin", "key", "frobnicate").code()).isEqualTo(2);
    for (String[] c :
        new String[][] {
          {"user", "add"},
          {"user", "list"},
          {"user", "remove"},
          {"user", "policy"},
          {"key", "create"},
          {"key", "list"},
          {"key", "disable"},
          {"key", "enable"},
          {"key", "delete"},
          {"apikey", "create"},
          {"apikey", "list"},
          {"apikey", "delete"},
          {"cluster", "status"}
        }) {
      Run help = dfs("admin", c[0], c[1], "--help");
      assertThat(help.code()).isZero();
      assertThat(help.out())
          .contains("Usage: dfs admin " + c[0] + " " + c[1])
          .contains("--offline");
    }
  }
}
