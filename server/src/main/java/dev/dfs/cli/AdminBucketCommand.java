package dev.dfs.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code dfs admin bucket …}: list, create, show and delete buckets, and set their quotas. */
@Command(
    name = "bucket",
    mixinStandardHelpOptions = true,
    description =
        "Manage buckets: list, create, info, delete, quota (usage and hard limits),"
            + " tiering (Intelligent-Tiering overrides).")
final class AdminBucketCommand extends AdminGroup {

  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = "List buckets with their objects, size and quota.")
  int list(@Mixin AdminOptions options) {
    try (AdminClient client = online(options)) {
      JsonNode buckets = client.buckets();
      if (options.json) {
        AdminOutput.json(out(), buckets);
        return 0;
      }
      AdminOutput.table(
          out(),
          List.of(
              AdminOutput.Column.text("NAME", "name"),
              AdminOutput.Column.text("OBJECTS", "objectCount"),
              new AdminOutput.Column("SIZE", b -> size(b.path("bytes"))),
              new AdminOutput.Column("QUOTA", AdminBucketCommand::quotaText),
              AdminOutput.Column.text("CREATED", "createdAt")),
          buckets.path("buckets"));
    }
    return 0;
  }

  @Command(
      name = "create",
      mixinStandardHelpOptions = true,
      description = {
        "Create a bucket through S3 (CreateBucket), signed with AWS_ACCESS_KEY_ID"
            + " and AWS_SECRET_ACCESS_KEY, else root's keys from --data-dir; the bucket is owned"
            + " by that user."
      })
  int create(@Mixin AdminOptions options, @Parameters(paramLabel = "BUCKET") String bucket) {
    try (AdminClient client = online(options)) {
      var env = AdminOptions.environment();
      String region = client.info().path("config").path("DFS_REGION").asText("us-east-1");
      try (AdminS3 s3 =
          new AdminS3(
              options.endpoint(env), region, options.s3Credentials(env), options.tls(env))) {
        s3.createBucket(bucket);
      }
      if (options.json) {
        AdminOutput.json(out(), client.bucket(bucket));
      } else {
        out().println("Bucket " + bucket + " created.");
        out().flush();
      }
    }
    return 0;
  }

  @Command(
      name = "info",
      mixinStandardHelpOptions = true,
      description = "Show a bucket: region, creation, objects, size and quota.")
  int info(@Mixin AdminOptions options, @Parameters(paramLabel = "BUCKET") String bucket) {
    try (AdminClient client = online(options)) {
      JsonNode b = client.bucket(bucket);
      if (options.json) {
        AdminOutput.json(out(), b);
        return 0;
      }
      out().println("Name:     " + b.path("name").asText());
      out().println("Region:   " + b.path("region").asText());
      out().println("Created:  " + b.path("createdAt").asText());
      out().println("Objects:  " + text(b.path("objectCount")));
      out().println("Size:     " + size(b.path("bytes")));
      out().println("Quota:    " + quotaText(b));
      out().flush();
    }
    return 0;
  }

  @Command(
      name = "delete",
      mixinStandardHelpOptions = true,
      description = "Delete a bucket; refused while it holds objects or uploads, unless --force.")
  int delete(
      @Mixin AdminOptions options,
      @Parameters(paramLabel = "BUCKET") String bucket,
      @Option(names = "--force", description = "Delete its objects and abort its uploads first.")
          boolean force) {
    try (AdminClient client = online(options)) {
      JsonNode gone = client.deleteBucket(bucket, force);
      if (options.json) {
        AdminOutput.json(out(), gone);
      } else {
        out()
            .println(
                "Bucket "
                    + bucket
                    + " deleted"
                    + (force
                        ? " with "
                            + gone.path("objectsDeleted").asLong()
                            + " objects and "
                            + gone.path("uploadsAborted").asLong()
                            + " uploads."
                        : "."));
        out().flush();
      }
    }
    return 0;
  }

  @Command(
      name = "quota",
      mixinStandardHelpOptions = true,
      description = {
        "Show, set or remove a bucket's hard quota. Writes that would take the"
            + " bucket over a limit (bytes of every stored version, or objects) are refused with"
            + " 403 QuotaExceeded.",
        "  dfs admin bucket quota BUCKET            show it beside the usage",
        "  dfs admin bucket quota BUCKET --max-bytes 10GiB --max-objects 100000",
        "  dfs admin bucket quota BUCKET --clear    remove it"
      })
  int quota(
      @Mixin AdminOptions options,
      @Parameters(paramLabel = "BUCKET") String bucket,
      @Option(
              names = "--max-bytes",
              paramLabel = "SIZE",
              description =
                  "Most bytes: 10GiB, 500MB, 1048576 (KiB MiB GiB TiB: 1024s; KB MB GB TB:"
                      + " 1000s).")
          String maxBytes,
      @Option(names = "--max-objects", paramLabel = "N", description = "Most objects.")
          Long maxObjects,
      @Option(names = "--clear", description = "Remove the quota.") boolean clear) {
    boolean set = maxBytes != null || maxObjects != null;
    if (clear && set) throw new AdminFailure("give --max-bytes/--max-objects or --clear, not both");
    if (maxObjects != null && maxObjects < 0)
      throw new AdminFailure("--max-objects must be 0 or more");
    try (AdminClient client = online(options)) {
      JsonNode q =
          clear
              ? client.clearQuota(bucket)
              : set
                  ? client.setQuota(
                      bucket, maxBytes == null ? null : CliUnits.bytes(maxBytes), maxObjects)
                  : client.quota(bucket);
      if (options.json) {
        AdminOutput.json(out(), q);
        return 0;
      }
      if (clear) out().println("Quota of " + bucket + " removed.");
      else if (set) out().println("Quota of " + bucket + " set.");
      out()
          .println("Bytes:    " + size(q.path("bytes")) + " of " + limit(q.path("maxBytes"), true));
      out()
          .println(
              "Objects:  " + text(q.path("objects")) + " of " + limit(q.path("maxObjects"), false));
      out().flush();
    }
    return 0;
  }

  @Command(
      name = "tiering",
      mixinStandardHelpOptions = true,
      description = {
        "Show or change the bucket's tiering settings. Overrides of Intelligent-Tiering for its"
            + " INTELLIGENT_TIERING objects: pin a prefix to an access tier (FREQUENT is DFS's own"
            + " disk, INFREQUENT, ARCHIVE_INSTANT, ARCHIVE, DEEP_ARCHIVE), or never archive it;"
            + " the longest matching prefix wins, an empty prefix is the whole bucket. Given"
            + " --pin/--never-archive replace all overrides. The default storage class is given"
            + " to objects written without one (STANDARD, INTELLIGENT_TIERING or a class a tier"
            + " serves; none removes it); options not given keep their setting.",
        "  dfs admin bucket tiering BUCKET",
        "  dfs admin bucket tiering BUCKET --pin db/=FREQUENT --never-archive logs/",
        "  dfs admin bucket tiering BUCKET --default-class INTELLIGENT_TIERING",
        "  dfs admin bucket tiering BUCKET --clear"
      })
  int tiering(
      @Mixin AdminOptions options,
      @Parameters(paramLabel = "BUCKET") String bucket,
      @Option(
              names = "--pin",
              paramLabel = "PREFIX=TIER",
              description = "Pin the prefix to an access tier (repeatable).")
          List<String> pins,
      @Option(
              names = "--never-archive",
              paramLabel = "PREFIX",
              description = "Never archive the prefix (repeatable).")
          List<String> neverArchive,
      @Option(
              names = "--default-class",
              paramLabel = "CLASS",
              description = "Storage class of objects written without one (none: STANDARD).")
          String defaultClass,
      @Option(names = "--clear", description = "Remove every override and the default class.")
          boolean clear) {
    boolean set = pins != null || neverArchive != null || defaultClass != null;
    if (clear && set) {
      throw new AdminFailure("give --pin/--never-archive/--default-class or --clear, not both");
    }
    try (AdminClient client = online(options)) {
      JsonNode o;
      if (clear) o = client.tieringOverrides(bucket, "DELETE", null);
      else if (!set) o = client.tieringOverrides(bucket, "GET", null);
      else {
        JsonNode now = client.tieringOverrides(bucket, "GET", null);
        o =
            client.tieringOverrides(
                bucket, "PUT", tieringBody(now, pins, neverArchive, defaultClass));
      }
      if (options.json) AdminOutput.json(out(), o);
      else printTiering(bucket, o);
    }
    return 0;
  }

  private void printTiering(String bucket, JsonNode o) {
    for (JsonNode r : o.path("overrides")) {
      out()
          .printf(
              "%-40s %s%n",
              r.path("prefix").asText().isEmpty() ? "(whole bucket)" : r.path("prefix").asText(),
              r.path("pin").isNull() ? "never archive" : "pinned to " + r.path("pin").asText());
    }
    if (o.path("overrides").isEmpty()) out().println("No tiering overrides on " + bucket + ".");
    JsonNode c = o.path("defaultStorageClass");
    out()
        .println(
            "Default storage class: "
                + (c.isMissingNode() || c.isNull() ? "STANDARD (none set)" : c.asText()));
    out().flush();
  }

  /**
   * The PUT body: the overrides of {@code --pin PREFIX=TIER} and {@code --never-archive PREFIX}
   * options, or when neither is given those of {@code now}; {@code --default-class} ({@code none}
   * removes it), or when not given that of {@code now}.
   */
  static String tieringBody(
      JsonNode now,
      @Nullable List<String> pins,
      @Nullable List<String> neverArchive,
      @Nullable String defaultClass) {
    var root = overrides(pins, neverArchive);
    if (pins == null && neverArchive == null) {
      var list = root.putArray("overrides");
      for (JsonNode r : now.path("overrides")) {
        var copy = list.addObject().put("prefix", r.path("prefix").asText());
        if (!r.path("pin").isNull()) copy.put("pin", r.path("pin").asText());
        copy.put("neverArchive", r.path("neverArchive").asBoolean(false));
      }
    }
    String c = defaultClass;
    if (c == null && now.path("defaultStorageClass").isTextual()) {
      c = now.path("defaultStorageClass").asText();
    }
    if (c != null && !c.equalsIgnoreCase("none")) root.put("defaultStorageClass", c);
    return root.toString();
  }

  /** {@code {"overrides": [...]}} of {@code --pin PREFIX=TIER} and {@code --never-archive}. */
  private static ObjectNode overrides(
      @Nullable List<String> pins, @Nullable List<String> neverArchive) {
    var json = new com.fasterxml.jackson.databind.ObjectMapper();
    var root = json.createObjectNode();
    var list = root.putArray("overrides");
    for (String p : pins == null ? List.<String>of() : pins) {
      int eq = p.lastIndexOf('=');
      if (eq < 0) throw new AdminFailure("--pin takes PREFIX=TIER, e.g. logs/=INFREQUENT");
      list.addObject().put("prefix", p.substring(0, eq)).put("pin", p.substring(eq + 1));
    }
    for (String p : neverArchive == null ? List.<String>of() : neverArchive) {
      list.addObject().put("prefix", p).put("neverArchive", true);
    }
    return root;
  }

  private static AdminClient online(AdminOptions options) {
    if (options.offline) throw new AdminFailure(AdminClient.NEEDS_SERVER);
    return options.connect();
  }

  /** {@code 10.0 GiB, 1000 objects}, or {@code none}. */
  static @Nullable String quotaText(JsonNode bucket) {
    JsonNode q = bucket.path("quota");
    if (q.isMissingNode() || q.isNull()) return "none";
    String bytes = q.path("maxBytes").isNull() ? null : CliUnits.size(q.path("maxBytes").asLong());
    String objects =
        q.path("maxObjects").isNull() ? null : q.path("maxObjects").asLong() + " objects";
    return bytes == null ? objects : objects == null ? bytes : bytes + ", " + objects;
  }

  private static String limit(JsonNode value, boolean bytes) {
    if (value.isMissingNode() || value.isNull()) return "no limit";
    return bytes ? CliUnits.size(value.asLong()) : value.asText();
  }

  private static String size(JsonNode bytes) {
    return bytes.isMissingNode() || bytes.isNull() ? "-" : CliUnits.size(bytes.asLong());
  }

  private static String text(JsonNode value) {
    return value.isMissingNode() || value.isNull() ? "-" : value.asText();
  }
}
