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

/**
 * {@code dfs admin kms …} in-process through picocli against a test server: create, list, describe
 * (by alias), disable, enable, rotate, as text and {@code --json}; clear failures for an unknown
 * key and with --offline.
 */
class AdminKmsCommandTest {

  @Test
  void managesKeysAsTextAndJson(@TempDir Path dir) throws Exception {
    try (DfsTestServer server = DfsTestServer.start(dir.resolve("data"))) {
      JsonNode created =
          JSON.readTree(
              ok(online(
                      server,
                      "admin",
                      "kms",
                      "create",
                      "--alias",
                      "app",
                      "--description",
                      "the app",
                      "--json"))
                  .out());
      String id = created.get("KeyId").asText();
      assertThat(created.get("Aliases").get(0).asText()).isEqualTo("alias/app");

      List<String> table = ok(online(server, "admin", "kms", "list")).out().lines().toList();
      assertThat(table.get(0).split("\\s{2,}"))
          .containsExactly("KEY ID", "ALIASES", "STATE", "VERSION", "CREATED");
      assertThat(table.get(1).split("\\s{2,}")).startsWith(id, "alias/app", "Enabled", "1");

      assertThat(ok(online(server, "admin", "kms", "describe", "alias/app")).out())
          .contains("KeyId:    " + id)
          .contains("State:    Enabled");
      assertThat(ok(online(server, "admin", "kms", "disable", id)).out())
          .startsWith("KMS key " + id + " disabled.")
          .contains("State:    Disabled");
      AdminCommandTest.Run refused = dfs(online(server, "admin", "kms", "rotate", id));
      assertThat(refused.code()).isEqualTo(1);
      assertThat(refused.err()).contains("DisabledException").contains("is disabled");
      ok(online(server, "admin", "kms", "enable", "alias/app"));
      JsonNode rotated =
          JSON.readTree(
              ok(online(server, "admin", "kms", "rotate", created.get("Arn").asText(), "--json"))
                  .out());
      assertThat(rotated.get("KeyVersion").asInt()).isEqualTo(2);
      JsonNode listed = JSON.readTree(ok(online(server, "admin", "kms", "list", "--json")).out());
      assertThat(listed.get("keys")).hasSize(1);

      AdminCommandTest.Run missing = dfs(online(server, "admin", "kms", "describe", "alias/x"));
      assertThat(missing.code()).isEqualTo(1);
      assertThat(missing.err())
          .startsWith("dfs admin: NotFoundException: ")
          .doesNotContain("at dev.");
    }
    AdminCommandTest.Run offline =
        dfs("admin", "kms", "list", "--offline", "--data-dir", dir.toString());
    assertThat(offline.code()).isEqualTo(1);
    assertThat(offline.err()).contains("need a running server");
  }

  @Test
  void rotatesTheMasterKeyWithProgressAndShowsItsStatus(@TempDir Path dir) throws Exception {
    try (DfsTestServer server = DfsTestServer.startWithKeyFile(dir.resolve("data"))) {
      server.client().createBucket(b -> b.bucket("bkt"));
      server
          .client()
          .putObject(
              b -> b.bucket("bkt").key("k").serverSideEncryption("AES256"),
              software.amazon.awssdk.core.sync.RequestBody.fromString("data"));
      JsonNode before =
          JSON.readTree(ok(online(server, "admin", "kms", "master-key", "--json")).out());
      assertThat(before.get("state").asText()).isEqualTo("IDLE");
      String out =
          ok(online(server, "admin", "kms", "rotate-master-key", "--interval", "0.05")).out();
      assertThat(out)
          .startsWith("Rotating the master key to key ")
          .contains("State:     DONE")
          .contains("Progress:  1 / 1")
          .contains("Previous:  -")
          .contains("master.key.retired-" + before.get("keyId").asText());
      JsonNode after =
          JSON.readTree(ok(online(server, "admin", "kms", "master-key", "--json")).out());
      assertThat(after.get("keyId").asText()).isNotEqualTo(before.get("keyId").asText());
      assertThat(server.client().getObjectAsBytes(b -> b.bucket("bkt").key("k")).asUtf8String())
          .isEqualTo("data");
    }
  }

  @Test
  void aConfiguredMasterKeyWithoutPreviousKeysIsNotRotatedByTheServer(@TempDir Path dir)
      throws Exception {
    try (DfsTestServer server = DfsTestServer.start(dir.resolve("data"))) {
      AdminCommandTest.Run refused = dfs(online(server, "admin", "kms", "rotate-master-key"));
      assertThat(refused.code()).isEqualTo(1);
      assertThat(refused.err()).contains("Conflict").contains("DFS_MASTER_KEY_PREVIOUS");
    }
  }
}
