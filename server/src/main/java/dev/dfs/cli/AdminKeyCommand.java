package dev.dfs.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code dfs admin key …}: a user's S3 access keys. */
@Command(
    name = "key",
    mixinStandardHelpOptions = true,
    description = "Manage access keys (S3 credentials): create, list, disable, enable, delete.")
final class AdminKeyCommand extends AdminGroup {

  @Command(
      name = "create",
      mixinStandardHelpOptions = true,
      description =
          "Create an access key for a user and print it with its secret"
              + " (shown only this once).")
  int create(@Mixin AdminOptions options, @Parameters(paramLabel = "USER") String user) {
    try (AdminClient client = options.connect()) {
      JsonNode k = client.createKey(user);
      if (options.json) {
        AdminOutput.json(out(), k);
      } else {
        out().println("Access key created for " + user + ". The secret is shown only this once:");
        out().println("  AWS_ACCESS_KEY_ID=" + k.get("accessKeyId").asText());
        out().println("  AWS_SECRET_ACCESS_KEY=" + k.get("secretKey").asText());
        out().flush();
      }
    }
    return 0;
  }

  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = "List access keys (never their secrets).")
  int list(
      @Mixin AdminOptions options,
      @Option(names = "--user", paramLabel = "USER", description = "Only this user's keys.")
          String user) {
    try (AdminClient client = options.connect()) {
      List<JsonNode> rows = new ArrayList<>();
      for (JsonNode k : client.keys().get("keys")) {
        if (k.path("type").asText().equals("access_key")
            && (user == null || k.path("userId").asText().equals(user))) {
          rows.add(k);
        }
      }
      if (options.json) {
        AdminOutput.json(out(), AdminOutput.array("keys", rows));
        return 0;
      }
      AdminOutput.table(
          out(),
          List.of(
              AdminOutput.Column.text("ACCESS KEY", "id"),
              AdminOutput.Column.text("USER", "userId"),
              AdminOutput.Column.text("STATUS", "status"),
              AdminOutput.Column.text("CREATED", "created")),
          rows);
    }
    return 0;
  }

  @Command(
      name = "disable",
      mixinStandardHelpOptions = true,
      description = "Make an access key Inactive: requests signed with it fail (403).")
  int disable(@Mixin AdminOptions options, @Parameters(paramLabel = "ACCESS_KEY") String id) {
    return status(options, id, "Inactive");
  }

  @Command(
      name = "enable",
      mixinStandardHelpOptions = true,
      description = "Make an access key Active again.")
  int enable(@Mixin AdminOptions options, @Parameters(paramLabel = "ACCESS_KEY") String id) {
    return status(options, id, "Active");
  }

  @Command(name = "delete", mixinStandardHelpOptions = true, description = "Delete an access key.")
  int delete(@Mixin AdminOptions options, @Parameters(paramLabel = "ACCESS_KEY") String id) {
    try (AdminClient client = options.connect()) {
      client.deleteKey(id);
    }
    if (!options.json) {
      out().println("Access key " + id + " deleted.");
      out().flush();
    }
    return 0;
  }

  private int status(AdminOptions options, String id, String status) {
    try (AdminClient client = options.connect()) {
      JsonNode k = client.setKeyStatus(id, status);
      if (options.json) {
        AdminOutput.json(out(), k);
      } else {
        out().println("Access key " + id + " is " + k.path("status").asText() + ".");
        out().flush();
      }
    }
    return 0;
  }
}
