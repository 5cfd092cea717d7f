package dev.dfs.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code dfs admin kms …}: the built-in key service's keys (SSE-KMS), through the management API.
 */
@Command(
    name = "kms",
    mixinStandardHelpOptions = true,
    description =
        "Manage the KMS keys SSE-KMS encrypts with: create, list, describe, disable,"
            + " enable, rotate. KEY is a key id, ARN or alias (alias/name). Rotate the master key"
            + " with rotate-master-key, show its status with master-key.")
final class AdminKmsCommand extends AdminGroup {
  static final String NEEDS_SERVER =
      "KMS keys need a running server (their material is sealed"
          + " by its master key): drop --offline and give --endpoint";

  @Command(
      name = "create",
      mixinStandardHelpOptions = true,
      description = "Create a key with fresh 256-bit material and print it.")
  int create(
      @Mixin AdminOptions options,
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
      AdminOutput.table(
          out(),
          List.of(
              AdminOutput.Column.text("KEY ID", "KeyId"),
              new AdminOutput.Column("ALIASES", k -> aliases(k)),
              AdminOutput.Column.text("STATE", "KeyState"),
              AdminOutput.Column.text("VERSION", "KeyVersion"),
              AdminOutput.Column.text("CREATED", "CreationDate")),
          keys.path("keys"));
    }
    return 0;
  }

  @Command(name = "describe", mixinStandardHelpOptions = true, description = "Show one key.")
  int describe(@Mixin AdminOptions options, @Parameters(paramLabel = "KEY") String key) {
    return print(options, client -> client.kmsKey(key, null), null);
  }

  @Command(
      name = "disable",
      mixinStandardHelpOptions = true,
      description =
          "Disable a key: objects under it can be neither written nor read until it"
              + " is enabled again.")
  int disable(@Mixin AdminOptions options, @Parameters(paramLabel = "KEY") String key) {
    return print(options, client -> client.kmsKey(key, "disable"), "disabled");
  }

  @Command(name = "enable", mixinStandardHelpOptions = true, description = "Enable a key again.")
  int enable(@Mixin AdminOptions options, @Parameters(paramLabel = "KEY") String key) {
    return print(options, client -> client.kmsKey(key, "enable"), "enabled");
  }

  @Command(
      name = "rotate",
      mixinStandardHelpOptions = true,
      description =
          "Give a key new material (its next version); objects written before keep"
              + " opening with the version they were written under.")
  int rotate(@Mixin AdminOptions options, @Parameters(paramLabel = "KEY") String key) {
    return print(options, client -> client.kmsKey(key, "rotate"), "rotated");
  }

  @Command(
      name = "rotate-master-key",
      mixinStandardHelpOptions = true,
      description =
          "Rotate the master key: a new key becomes current and every stored secret,"
              + " KMS key material and SSE-S3 data key is sealed again under it; the old key is"
              + " then retired. Resumes an unfinished rotation. Prints progress until it ends"
              + " (--no-wait: start it and return).")
  int rotateMasterKey(
      @Mixin AdminOptions options,
      @Option(names = "--no-wait", description = "Return once the rotation has started.")
          boolean noWait,
      @Option(
              names = "--interval",
              paramLabel = "SECONDS",
              defaultValue = "1",
              description = "Seconds between progress lines (default: ${DEFAULT-VALUE}).")
          double interval) {
    if (options.offline) throw new AdminFailure(NEEDS_SERVER);
    try (AdminClient client = options.connect()) {
      JsonNode status = client.masterKey(true);
      if (!options.json)
        out().println("Rotating the master key to key " + status.path("keyId").asText() + ".");
      long last = -2;
      while (!noWait && status.path("state").asText().equals("RUNNING")) {
        if (!options.json && status.path("done").asLong() != last) progress(status);
        last = status.path("done").asLong();
        sleep(interval);
        status = client.masterKey(false);
      }
      printMasterKey(options, status);
      String state = status.path("state").asText();
      return noWait || state.equals("DONE") || state.equals("WAITING") ? 0 : 1;
    }
  }

  @Command(
      name = "master-key",
      mixinStandardHelpOptions = true,
      description = "Show the master key's id and the progress of its rotation.")
  int masterKey(@Mixin AdminOptions options) {
    if (options.offline) throw new AdminFailure(NEEDS_SERVER);
    try (AdminClient client = options.connect()) {
      printMasterKey(options, client.masterKey(false));
    }
    return 0;
  }

  private void progress(JsonNode s) {
    long total = s.path("total").asLong();
    out()
        .println(
            "  "
                + s.path("done").asLong()
                + " / "
                + (total < 0 ? "counting…" : total)
                + " sealed values done");
    out().flush();
  }

  private void printMasterKey(AdminOptions options, JsonNode s) {
    if (options.json) {
      AdminOutput.json(out(), s);
      return;
    }
    List<String> previous = new java.util.ArrayList<>();
    s.path("previousKeyIds").forEach(p -> previous.add(p.asText()));
    out().println("  State:     " + s.path("state").asText());
    out().println("  Key id:    " + s.path("keyId").asText());
    out().println("  Previous:  " + (previous.isEmpty() ? "-" : String.join(",", previous)));
    out().println("  Progress:  " + s.path("done").asLong() + " / " + s.path("total").asLong());
    if (s.path("pendingUploads").asLong() > 0) {
      out().println("  Pending uploads: " + s.path("pendingUploads").asLong());
    }
    if (s.hasNonNull("started")) out().println("  Started:   " + s.path("started").asText());
    if (s.hasNonNull("finished")) out().println("  Finished:  " + s.path("finished").asText());
    if (s.hasNonNull("message")) out().println("  " + s.path("message").asText());
    out().flush();
  }

  private static void sleep(double seconds) {
    try {
      Thread.sleep((long) (Math.max(0.05, seconds) * 1000));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AdminFailure("interrupted");
    }
  }

  /** Runs {@code call} and prints the key it answers: JSON, or a few lines. */
  private int print(
      AdminOptions options,
      java.util.function.Function<AdminClient, JsonNode> call,
      @Nullable String done) {
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
