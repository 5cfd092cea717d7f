package dev.dfs.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code dfs admin share s3://BUCKET/KEY --expires 1h [--upload]}: prints a presigned URL that lets
 * anyone holding it GET (or with {@code --upload} PUT) that one object until it expires, signed
 * with the CLI's S3 credentials; nothing is sent to the server but a lookup of the bucket (its
 * region, and that it exists).
 */
@Command(
    name = "share",
    mixinStandardHelpOptions = true,
    description = {
      "Print a presigned URL of one object: a download link (GET), or with"
          + " --upload a link to upload it (PUT, e.g. curl -T FILE URL). Signed with"
          + " AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, else root's keys from --data-dir: the"
          + " link works while those keys do."
    },
    footer = {
      "",
      "Examples:",
      "  dfs admin share s3://media/report.pdf --expires 1h",
      "  dfs admin share s3://media/upload.bin --upload --expires 30m"
    })
final class AdminShareCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;
  @Mixin AdminOptions options;

  @Parameters(paramLabel = "s3://BUCKET/KEY", description = "The object (s3:// may be left out).")
  String object;

  @Option(
      names = "--expires",
      paramLabel = "DURATION",
      defaultValue = "1h",
      description = "How long the link works: 45s, 30m, 1h30m, 7d (at most). Default: 1h.")
  String expires;

  @Option(names = "--upload", description = "A link to upload (PUT) instead of download.")
  boolean upload;

  @Override
  public Integer call() {
    if (options.offline) throw new AdminFailure(AdminClient.NEEDS_SERVER);
    String path = object.startsWith("s3://") ? object.substring(5) : object;
    int slash = path.indexOf('/');
    if (slash <= 0 || slash == path.length() - 1) {
      throw new AdminFailure("'" + object + "' is not s3://BUCKET/KEY");
    }
    String bucket = path.substring(0, slash);
    String key = path.substring(slash + 1);
    Duration lifetime = CliUnits.duration(expires);
    var env = AdminOptions.environment();
    URI url;
    try (AdminClient client = options.connect()) {
      String region = client.bucket(bucket).path("region").asText("us-east-1");
      try (AdminS3 s3 =
          new AdminS3(
              options.endpoint(env), region, options.s3Credentials(env), options.tls(env))) {
        url = s3.presign(bucket, key, lifetime, upload);
      }
    }
    var out = spec.commandLine().getOut();
    if (options.json) {
      AdminOutput.json(
          out,
          new ObjectMapper()
              .createObjectNode()
              .put("url", url.toString())
              .put("method", upload ? "PUT" : "GET")
              .put("bucket", bucket)
              .put("key", key)
              .put("expiresAt", Instant.now().plus(lifetime).toString()));
    } else {
      out.println(url);
      out.flush();
    }
    return 0;
  }
}
