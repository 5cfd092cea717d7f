package dev.dfs.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code dfs admin apikey …}: a user's {@code X-Api-Key} credentials. */
@Command(
    name = "apikey",
    mixinStandardHelpOptions = true,
    description = "Manage API keys (X-Api-Key credentials): create, list, delete.")
final class AdminApiKeyCommand extends AdminGroup {

  @Command(
      name = "create",
      mixinStandardHelpOptions = true,
      description = "Create an API key for a user and print it (shown only this once).")
  int create(@Mixin AdminOptions options, @Parameters(paramLabel = "USER") String user) {
    try (AdminClient client = options.connect()) {
      JsonNode k = client.createApiKey(user);
      if (options.json) {
        AdminOutput.json(out(), k);
      } else {
        out()
            .println(
                "API key "
                    + k.get("id").asText()
                    + " created for "
                    + user
                    + ". It is shown only this once:");
        out().println("  X-Api-Key: " + k.get("apiKey").asText());
        out().flush();
      }
    }
    return 0;
  }

  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = "List API keys by id and last four characters.")
  int list(
      @Mixin AdminOptions options,
      @Option(names = "--user", paramLabel = "USER", description = "Only this user's keys.")
          String user) {
    try (AdminClient client = options.connect()) {
      List<JsonNode> rows = new ArrayList<>();
      for (JsonNode k : client.apiKeys().get("apiKeys")) {
        if (user == null || k.path("userId").asText().equals(user)) rows.add(k);
      }
      if (options.json) {
        AdminOutput.json(out(), AdminOutput.array("apiKeys", rows));
        return 0;
      }
      AdminOutput.table(
          out(),
          List.of(
              AdminOutput.Column.text("ID", "id"),
              AdminOutput.Column.text("USER", "userId"),
              new AdminOutput.Column("KEY", n -> "…" + n.path("lastFour").asText()),
              AdminOutput.Column.text("CREATED", "created")),
          rows);
    }
    return 0;
  }

  @Command(name = "delete", mixinStandardHelpOptions = true, description = "Delete an API key.")
  int delete(@Mixin AdminOptions options, @Parameters(paramLabel = "ID") String id) {
    try (AdminClient client = options.connect()) {
      client.deleteApiKey(id);
    }
    if (!options.json) {
      out().println("API key " + id + " deleted.");
      out().flush();
    }
    return 0;
  }
}
