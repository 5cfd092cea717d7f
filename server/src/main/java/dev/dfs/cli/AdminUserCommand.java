package dev.dfs.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code dfs admin user …}: add, list, show, remove, enable, disable users and set policies. */
@Command(
    name = "user",
    mixinStandardHelpOptions = true,
    description = "Manage users: add, list, show, remove, enable, disable, policy.")
final class AdminUserCommand extends AdminGroup {

  @Command(
      name = "add",
      mixinStandardHelpOptions = true,
      description = "Add an enabled user without keys (then: dfs admin key create NAME).")
  int add(
      @Mixin AdminOptions options,
      @Parameters(paramLabel = "NAME", description = "1-64 of A-Z a-z 0-9 . _ -") String name,
      @Option(
              names = "--policy",
              paramLabel = "FILE",
              description = "Identity policy (a JSON object) from FILE, - for standard input.")
          String policyFile) {
    String policy = policyFile == null ? null : readPolicy(policyFile);
    try (AdminClient client = options.connect()) {
      JsonNode u = client.addUser(name, policy);
      if (options.json) {
        AdminOutput.json(out(), u);
      } else {
        out().println("User " + u.get("name").asText() + " added.");
        out().flush();
      }
    }
    return 0;
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List users.")
  int list(@Mixin AdminOptions options) {
    try (AdminClient client = options.connect()) {
      JsonNode users = client.users();
      if (options.json) {
        AdminOutput.json(out(), users);
        return 0;
      }
      List<JsonNode> rows = new ArrayList<>();
      users.get("users").forEach(rows::add);
      AdminOutput.table(
          out(),
          List.of(
              AdminOutput.Column.text("NAME", "name"),
              new AdminOutput.Column("ENABLED", n -> n.path("enabled").asBoolean() ? "yes" : "no"),
              new AdminOutput.Column("ADMIN", n -> n.path("admin").asBoolean() ? "yes" : "no"),
              new AdminOutput.Column("KEYS", n -> Integer.toString(n.path("accessKeys").size())),
              new AdminOutput.Column("POLICY", n -> n.hasNonNull("policy") ? "yes" : "no"),
              AdminOutput.Column.text("CREATED", "created")),
          rows);
    }
    return 0;
  }

  @Command(
      name = "show",
      mixinStandardHelpOptions = true,
      description = "Show one user with its access key ids and policy (as JSON).")
  int show(@Mixin AdminOptions options, @Parameters(paramLabel = "NAME") String name) {
    try (AdminClient client = options.connect()) {
      AdminOutput.json(out(), client.user(name));
    }
    return 0;
  }

  @Command(
      name = "remove",
      mixinStandardHelpOptions = true,
      description = "Remove a user and delete its access keys and API keys.")
  int remove(@Mixin AdminOptions options, @Parameters(paramLabel = "NAME") String name) {
    try (AdminClient client = options.connect()) {
      client.removeUser(name);
    }
    if (!options.json) {
      out().println("User " + name + " removed with its keys.");
      out().flush();
    }
    return 0;
  }

  @Command(
      name = "disable",
      mixinStandardHelpOptions = true,
      description = "Disable a user: its keys stop authenticating until it is enabled.")
  int disable(@Mixin AdminOptions options, @Parameters(paramLabel = "NAME") String name) {
    return enabled(options, name, false);
  }

  @Command(name = "enable", mixinStandardHelpOptions = true, description = "Enable a user again.")
  int enable(@Mixin AdminOptions options, @Parameters(paramLabel = "NAME") String name) {
    return enabled(options, name, true);
  }

  @Command(
      name = "policy",
      mixinStandardHelpOptions = true,
      description = {
        "Show, set or remove a user's identity policy.",
        "  dfs admin user policy NAME            print it",
        "  dfs admin user policy NAME FILE|-     set it from FILE or standard input",
        "  dfs admin user policy NAME --clear    remove it"
      })
  int policy(
      @Mixin AdminOptions options,
      @Parameters(paramLabel = "NAME") String name,
      @Parameters(
              paramLabel = "FILE",
              arity = "0..1",
              description = "The policy document (a JSON object); - for standard input.")
          String file,
      @Option(names = "--clear", description = "Remove the policy.") boolean clear) {
    if (clear && file != null) throw new AdminFailure("give FILE or --clear, not both");
    try (AdminClient client = options.connect()) {
      if (file == null && !clear) {
        JsonNode policy = client.user(name).get("policy");
        if (policy == null || policy.isNull()) {
          if (options.json) AdminOutput.json(out(), policy);
          else out().println("User " + name + " has no policy.");
          out().flush();
        } else {
          AdminOutput.json(out(), policy);
        }
        return 0;
      }
      JsonNode u = client.setPolicy(name, clear ? null : readPolicy(file));
      if (options.json) {
        AdminOutput.json(out(), u);
      } else {
        out().println(clear ? "Policy of " + name + " removed." : "Policy of " + name + " set.");
        out().flush();
      }
    }
    return 0;
  }

  private int enabled(AdminOptions options, String name, boolean value) {
    try (AdminClient client = options.connect()) {
      JsonNode u = client.setUserEnabled(name, value);
      if (options.json) {
        AdminOutput.json(out(), u);
      } else {
        out().println("User " + name + (value ? " enabled." : " disabled."));
        out().flush();
      }
    }
    return 0;
  }

  private static String readPolicy(String file) {
    try {
      return file.equals("-")
          ? new String(System.in.readAllBytes(), StandardCharsets.UTF_8)
          : Files.readString(Path.of(file), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new AdminFailure("cannot read the policy from " + file + ": " + e.getMessage());
    }
  }
}
