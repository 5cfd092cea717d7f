package dev.dfs.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code dfs admin kms …}: the built-in key service's keys (SSE-KMS), through the management API. */
@Command(name = "kms", mixinStandardHelpOptions = true,
    description = "Manage the KMS keys SSE-KMS encrypts with: create, list, describe, disable,"
        + " enable, rotate. KEY is a key id, ARN or alias (alias/name).")
final class AdminKmsCommand extends AdminGroup {
  static final String NEEDS_SERVER = "KMS keys need a running server (their material is sealed"
      + " by its master key): drop --offline and give --endpoint";

  @Command(name = "create", mixinStandardHelpOptions = true,
      description = "Create a key with fresh 256-bit material and print it.")
  int create(@Mixin AdminOptions options,
      @Option(names = "--alias", paramLabel = "NAME", description = "alias/NAME or NAME.")
      String alias,
      @Option(names = "--description", paramLabel = "TEXT") String description) {
    return print(options, client -> client.createKmsKey(alias, description), "created");
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List the keys.")
  int list(@Mixin AdminOptions options) {
    if (options.offline) throw new AdminFailure(NEEDS_SERVER);
    try (AdminClient client = options.connect()) {
      JsonNode keys = client.kmsKeys();
      if (options.json) {
        AdminOutput.json(out(), keys);
        return 0;
      }
      AdminOutput.table(out(), List.of(
          AdminOutput.Column.text("KEY ID", "KeyId"),
          new AdminOutput.Column("ALIASES", k -> aliases(k)),
          AdminOutput.Column.text("STATE", "KeyState"),
          AdminOutput.Column.text("VERSION", "KeyVersion"),
          AdminOutput.Column.text("CREATED", "CreationDate")), keys.path("keys"));
    }
    return 0;
  }

  @Command(name = "describe", mixinStandardHelpOptions = true, description = "Show one key.")
  int describe(@Mixin AdminOptions options, @Parameters(paramLabel = "KEY") String key) {
    return print(options, client -> client.kmsKey(key, null), null);
  }

  @Command(name = "disable", mixinStandardHelpOptions = true,
      description = "Disable a key: objects under it can be neither written nor read until it"
          + " is enabled again.")
  int disable(@Mixin AdminOptions options, @Parameters(paramLabel = "KEY") String key) {
    return print(options, client -> client.kmsKey(key, "disable"), "disabled");
  }

  @Command(name = "enable", mixinStandardHelpOptions = true, description = "Enable a key again.")
  int enable(@Mixin AdminOptions options, @Parameters(paramLabel = "KEY") String key) {
    return print(options, client -> client.kmsKey(key, "enable"), "enabled");
  }

  @Command(name = "rotate", mixinStandardHelpOptions = true,
      description = "Give a key new material (its next version); objects written before keep"
          + " opening with the version they were written under.")
  int rotate(@Mixin AdminOptions options, @Parameters(paramLabel = "KEY") String key) {
    return print(options, client -> client.kmsKey(key, "rotate"), "rotated");
  }

  /** Runs {@code call} and prints the key it answers: JSON, or a few lines. */
  private int print(AdminOptions options, java.util.function.Function<AdminClient, JsonNode> call,
      String done) {
    if (options.offline) throw new AdminFailure(NEEDS_SERVER);
    try (AdminClient client = options.connect()) {
      JsonNode k = call.apply(client);
      if (options.json) {
        AdminOutput.json(out(), k);
        return 0;
      }
      if (done != null) out().println("KMS key " + k.path("KeyId").asText() + " " + done + ".");
      out().println("  KeyId:    " + k.path("KeyId").asText());
      out().println("  Arn:      " + k.path("Arn").asText());
      out().println("  Aliases:  " + aliases(k));
      out().println("  State:    " + k.path("KeyState").asText());
      out().println("  Version:  " + k.path("KeyVersion").asInt());
      out().println("  Created:  " + k.path("CreationDate").asText());
      if (k.hasNonNull("LastRotationDate")) {
        out().println("  Rotated:  " + k.path("LastRotationDate").asText());
      }
      out().flush();
    }
    return 0;
  }

  private static String aliases(JsonNode k) {
    List<String> names = new java.util.ArrayList<>();
    k.path("Aliases").forEach(a -> names.add(a.asText()));
    return names.isEmpty() ? "-" : String.join(",", names);
  }
}
