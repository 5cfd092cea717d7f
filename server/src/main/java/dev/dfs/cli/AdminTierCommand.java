package dev.dfs.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code dfs admin tier …}: the storage tiers objects move to, through the management API. */
@Command(
    name = "tier",
    mixinStandardHelpOptions = true,
    description =
        "Manage storage tiers: a directory or an S3-compatible bucket that objects of"
            + " the storage classes it serves live in (add, list, remove, verify).")
final class AdminTierCommand extends AdminGroup {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Command(
      name = "add",
      mixinStandardHelpOptions = true,
      description = "Define a tier; the server writes, reads back and deletes a probe first.")
  int add(
      @Mixin AdminOptions options,
      @Parameters(paramLabel = "NAME") String name,
      @Option(names = "--type", required = true, paramLabel = "directory|s3") String type,
      @Option(
              names = "--class",
              required = true,
              split = ",",
              paramLabel = "CLASS",
              description =
                  "Storage classes it serves: STANDARD_IA, ONEZONE_IA,"
                      + " INTELLIGENT_TIERING, GLACIER_IR, GLACIER, DEEP_ARCHIVE.")
          List<String> classes,
      @Option(names = "--path", description = "directory: an absolute path.") String path,
      @Mixin Remote remote,
      @Mixin Costs costs) {
    ObjectNode body = JSON.createObjectNode().put("name", name).put("type", type);
    classes.forEach(body.putArray("storageClasses")::add);
    body.put("path", path);
    remote.addTo(body, !"directory".equals(type));
    ObjectNode cost = costs.node();
    if (cost != null) body.set("cost", cost);
    return show(options, client -> client.tiers("POST", "", body.toString()), "added");
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List the tiers.")
  int list(@Mixin AdminOptions options) {
    if (options.offline) throw new AdminFailure(AdminClient.NEEDS_SERVER);
    try (AdminClient client = options.connect()) {
      JsonNode tiers = client.tiers("GET", "", null);
      if (options.json) {
        AdminOutput.json(out(), tiers);
        return 0;
      }
      AdminOutput.table(
          out(),
          List.of(
              AdminOutput.Column.text("NAME", "name"),
              AdminOutput.Column.text("TYPE", "type"),
              new AdminOutput.Column("CLASSES", t -> classes(t)),
              new AdminOutput.Column("WHERE", AdminTierCommand::where),
              new AdminOutput.Column(
                  "$/GIB-MONTH", t -> t.path("cost").path("perGibMonth").asText())),
          tiers.path("tiers"));
    }
    return 0;
  }

  @Command(
      name = "remove",
      mixinStandardHelpOptions = true,
      description = "Remove a tier; refused while it still holds objects.")
  int remove(@Mixin AdminOptions options, @Parameters(paramLabel = "NAME") String name) {
    if (options.offline) throw new AdminFailure(AdminClient.NEEDS_SERVER);
    try (AdminClient client = options.connect()) {
      client.tiers("DELETE", "/" + name, null);
      if (options.json) AdminOutput.json(out(), JSON.createObjectNode().put("removed", name));
      else out().println("Tier " + name + " removed.");
      out().flush();
    }
    return 0;
  }

  @Command(
      name = "verify",
      mixinStandardHelpOptions = true,
      description = "Write, read back and delete a probe object in a tier.")
  int verify(@Mixin AdminOptions options, @Parameters(paramLabel = "NAME") String name) {
    if (options.offline) throw new AdminFailure(AdminClient.NEEDS_SERVER);
    try (AdminClient client = options.connect()) {
      JsonNode r = client.tiers("POST", "/" + name + "/verify", null);
      if (options.json) {
        AdminOutput.json(out(), r);
      } else {
        out()
            .println(
                r.path("ok").asBoolean()
                    ? "Tier " + name + " works."
                    : "Tier " + name + " FAILED: " + r.path("message").asText());
        out().flush();
      }
      return r.path("ok").asBoolean() ? 0 : 1;
    }
  }

  /** The options of an S3 tier (ignored by a directory tier, which the server checks). */
  static final class Remote {
    @Option(names = "--remote-endpoint", paramLabel = "URL", description = "s3: the service's URL.")
    @Nullable String endpoint;

    @Option(names = "--bucket", description = "s3: an existing bucket.")
    @Nullable String bucket;

    @Option(names = "--prefix", description = "s3: key prefix (to share a bucket).")
    @Nullable String prefix;

    @Option(
        names = "--region",
        defaultValue = "us-east-1",
        description = "s3: signing region (default: ${DEFAULT-VALUE}).")
    String region = "us-east-1";

    @Option(names = "--access-key", description = "s3: access key id.")
    @Nullable String accessKey;

    @Option(
        names = "--secret-key-env",
        paramLabel = "VAR",
        description =
            "s3: the environment variable holding the secret (never on the command line).")
    @Nullable String secretEnv;

    @Option(
        names = "--part-size-mib",
        paramLabel = "MIB",
        description =
            "s3: objects larger than this go up as multipart uploads of parts this"
                + " size (5 to 5120; default 64).")
    @Nullable Integer partSizeMib;

    /** Adds these options to a tier definition's body; the secret is read from its variable. */
    void addTo(ObjectNode body, boolean withRegion) {
      body.put("endpoint", endpoint).put("bucket", bucket).put("prefix", prefix);
      if (withRegion) body.put("region", region);
      body.put("accessKey", accessKey);
      if (partSizeMib != null) body.put("partSizeMib", partSizeMib);
      if (secretEnv != null) {
        String secret = System.getenv(secretEnv);
        if (secret == null)
          throw new AdminFailure("the environment variable " + secretEnv + " is not set");
        body.put("secretKey", secret);
      }
    }
  }

  /** The cost model options of {@code add}; all optional. */
  static final class Costs {
    @Option(
        names = "--cost-gib-month",
        paramLabel = "AMOUNT",
        description = "Cost per GiB stored for a month.")
    @Nullable Double perGibMonth;

    @Option(
        names = "--cost-requests",
        paramLabel = "AMOUNT",
        description = "Cost per 1,000 requests.")
    @Nullable Double perThousandRequests;

    @Option(
        names = "--cost-gib-retrieved",
        paramLabel = "AMOUNT",
        description = "Cost per GiB read back.")
    @Nullable Double perGibRetrieved;

    /** The cost object of the body, or null when no cost was given. */
    @Nullable ObjectNode node() {
      if (perGibMonth == null && perThousandRequests == null && perGibRetrieved == null)
        return null;
      ObjectNode n = JSON.createObjectNode();
      if (perGibMonth != null) n.put("perGibMonth", perGibMonth);
      if (perThousandRequests != null) n.put("perThousandRequests", perThousandRequests);
      if (perGibRetrieved != null) n.put("perGibRetrieved", perGibRetrieved);
      return n;
    }
  }

  private int show(
      AdminOptions options, java.util.function.Function<AdminClient, JsonNode> call, String done) {
    if (options.offline) throw new AdminFailure(AdminClient.NEEDS_SERVER);
    try (AdminClient client = options.connect()) {
      JsonNode t = call.apply(client);
      if (options.json) {
        AdminOutput.json(out(), t);
        return 0;
      }
      out().println("Tier " + t.path("name").asText() + " " + done + ".");
      out().println("  Type:     " + t.path("type").asText());
      out().println("  Classes:  " + classes(t));
      out().println("  Where:    " + where(t));
      JsonNode c = t.path("cost");
      out()
          .println(
              "  Cost:     "
                  + c.path("perGibMonth").asText()
                  + "/GiB-month, "
                  + c.path("perThousandRequests").asText()
                  + "/1000 requests, "
                  + c.path("perGibRetrieved").asText()
                  + "/GiB retrieved");
      out().flush();
    }
    return 0;
  }

  private static String classes(JsonNode t) {
    List<String> out = new ArrayList<>();
    t.path("storageClasses").forEach(c -> out.add(c.asText()));
    return String.join(",", out);
  }

  private static String where(JsonNode t) {
    if (t.path("type").asText().equals("directory")) return t.path("path").asText();
    String endpoint = t.hasNonNull("endpoint") ? t.path("endpoint").asText() + " " : "";
    return endpoint + t.path("bucket").asText() + "/" + t.path("prefix").asText("");
  }
}
