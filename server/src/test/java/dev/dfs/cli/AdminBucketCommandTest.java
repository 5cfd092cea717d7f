package dev.dfs.cli;

import static dev.dfs.cli.AdminCommandTest.dfs;
import static dev.dfs.cli.AdminCommandTest.ok;
import static dev.dfs.cli.AdminCommandTest.online;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dfs.testing.DfsTestServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * {@code dfs admin bucket|share|info} in-process against a real server: buckets created over S3
 * with root's keys from --data-dir, listed, shown, given a quota the server then enforces, deleted;
 * presigned links that curl-like clients fetch; the server summary; shared options given before the
 * subcommand.
 */
class AdminBucketCommandTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final HttpClient HTTP = HttpClient.newHttpClient();
  static Path dir;
  static Path credentials;
  static DfsTestServer server;

  @BeforeAll
  static void start() throws Exception {
    dir = Files.createTempDirectory("dfs-cli-bucket");
    server = DfsTestServer.start(dir.resolve("data"));
    credentials = Files.createDirectories(dir.resolve("creds"));
    Files.writeString(
        credentials.resolve("root-credentials.properties"),
        "accessKey=" + DfsTestServer.ACCESS_KEY + "\nsecretKey=" + DfsTestServer.SECRET_KEY + "\n");
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
    DfsTestServer.deleteTree(dir);
  }

  static String[] withKeys(String... args) {
    String[] all = java.util.Arrays.copyOf(args, args.length + 2);
    all[args.length] = "--data-dir";
    all[args.length + 1] = credentials.toString();
    return online(server, all);
  }

  @Test
  void bucketsAreCreatedListedShownGivenAQuotaAndDeleted() throws Exception {
    assertThat(ok(withKeys("admin", "bucket", "create", "cli-media")).out())
        .contains("Bucket cli-media created.");
    server
        .client()
        .putObject(b -> b.bucket("cli-media").key("a"), RequestBody.fromBytes(new byte[600]));
    assertThat(ok(online(server, "admin", "bucket", "list")).out())
        .startsWith("NAME")
        .contains("cli-media")
        .contains("600 B");

    Run set =
        run(
            online(
                server,
                "admin",
                "bucket",
                "quota",
                "cli-media",
                "--max-bytes",
                "1KiB",
                "--max-objects",
                "5",
                "--json"));
    JsonNode q = JSON.readTree(set.out());
    assertThat(q.get("maxBytes").asLong()).isEqualTo(1024);
    assertThat(q.get("maxObjects").asLong()).isEqualTo(5);
    assertThat(q.get("bytes").asLong()).isEqualTo(600);
    assertThatThrownBy(
            () ->
                server
                    .client()
                    .putObject(
                        b -> b.bucket("cli-media").key("b"), RequestBody.fromBytes(new byte[600])))
        .isInstanceOfSatisfying(
            S3Exception.class,
            e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("QuotaExceeded"));

    String info = ok(online(server, "admin", "bucket", "info", "cli-media")).out();
    assertThat(info)
        .contains("Objects:  1")
        .contains("Size:     600 B")
        .contains("Quota:    1.0 KiB, 5 objects");
    assertThat(ok(online(server, "admin", "bucket", "quota", "cli-media")).out())
        .contains("Bytes:    600 B of 1.0 KiB")
        .contains("Objects:  1 of 5");
    ok(online(server, "admin", "bucket", "quota", "cli-media", "--clear"));
    assertThat(
            JSON.readTree(
                    ok(online(server, "admin", "bucket", "info", "cli-media", "--json")).out())
                .get("quota")
                .isNull())
        .isTrue();

    assertThat(dfs(online(server, "admin", "bucket", "delete", "cli-media")).code()).isEqualTo(1);
    assertThat(ok(online(server, "admin", "bucket", "delete", "cli-media", "--force")).out())
        .contains("deleted with 1 objects");
    assertThat(dfs(online(server, "admin", "bucket", "info", "cli-media")).err())
        .contains("NoSuchBucket");
  }

  @Test
  void tieringSettingsKeepWhatIsNotGiven() {
    server.client().createBucket(b -> b.bucket("cli-tiering"));
    ok(online(server, "admin", "bucket", "tiering", "cli-tiering", "--pin", "db/=FREQUENT"));
    String set =
        ok(online(
                server,
                "admin",
                "bucket",
                "tiering",
                "cli-tiering",
                "--default-class",
                "INTELLIGENT_TIERING"))
            .out();
    assertThat(set)
        .contains("db/", "pinned to FREQUENT", "Default storage class: INTELLIGENT_TIERING");
    assertThat(
            ok(online(server, "admin", "bucket", "tiering", "cli-tiering", "--never-archive", "l/"))
                .out())
        .contains("l/", "never archive", "Default storage class: INTELLIGENT_TIERING")
        .doesNotContain("db/");
    assertThat(
            dfs(online(
                    server,
                    "admin",
                    "bucket",
                    "tiering",
                    "cli-tiering",
                    "--default-class",
                    "GLACIER"))
                .err())
        .contains("No tier serves storage class GLACIER");
    assertThat(
            ok(online(
                    server, "admin", "bucket", "tiering", "cli-tiering", "--default-class", "none"))
                .out())
        .contains("l/", "Default storage class: STANDARD (none set)");
    assertThat(ok(online(server, "admin", "bucket", "tiering", "cli-tiering", "--clear")).out())
        .contains("No tiering overrides on cli-tiering.");
  }

  @Test
  void badQuotaArgumentsAreRefused() {
    ok(withKeys("admin", "bucket", "create", "cli-bad"));
    assertThat(
            dfs(online(server, "admin", "bucket", "quota", "cli-bad", "--max-bytes", "ten")).err())
        .contains("'ten' is not a size");
    assertThat(
            dfs(online(
                    server, "admin", "bucket", "quota", "cli-bad", "--max-bytes", "1G", "--clear"))
                .code())
        .isEqualTo(1);
    assertThat(dfs("admin", "bucket", "list", "--offline").err())
        .contains("needs a running server");
  }

  @Test
  void sharedLinksDownloadAndUpload() throws Exception {
    ok(withKeys("admin", "bucket", "create", "cli-share"));
    server
        .client()
        .putObject(
            b -> b.bucket("cli-share").key("dir/report.txt"), RequestBody.fromString("quarterly"));
    String get =
        ok(withKeys("admin", "share", "s3://cli-share/dir/report.txt", "--expires", "10m"))
            .out()
            .strip();
    HttpResponse<String> fetched =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(get)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(fetched.statusCode()).isEqualTo(200);
    assertThat(fetched.body()).isEqualTo("quarterly");
    assertThat(get).contains("X-Amz-Expires=600");

    JsonNode put =
        JSON.readTree(
            ok(withKeys("admin", "share", "cli-share/up.txt", "--upload", "--json")).out());
    assertThat(put.get("method").asText()).isEqualTo("PUT");
    HttpResponse<String> uploaded =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(put.get("url").asText()))
                .PUT(HttpRequest.BodyPublishers.ofString("sent"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(200);
    assertThat(
            server
                .client()
                .getObjectAsBytes(b -> b.bucket("cli-share").key("up.txt"))
                .asUtf8String())
        .isEqualTo("sent");

    assertThat(dfs(withKeys("admin", "share", "s3://cli-share/x", "--expires", "8d")).err())
        .contains("at most 7d");
    assertThat(dfs(withKeys("admin", "share", "s3://cli-share", "--expires", "1h")).err())
        .contains("is not s3://BUCKET/KEY");
    assertThat(dfs(withKeys("admin", "share", "s3://no-such/x")).err()).contains("NoSuchBucket");
  }

  @Test
  void infoSummarisesTheServer() throws Exception {
    ok(withKeys("admin", "bucket", "create", "cli-info"));
    server.client().putObject(b -> b.bucket("cli-info").key("k"), RequestBody.fromString("12345"));
    JsonNode all = JSON.readTree(ok(online(server, "admin", "info", "--json")).out());
    assertThat(all.at("/info/engine").asText()).isEqualTo("local");
    assertThat(all.at("/info/version").asText()).isNotEmpty();
    assertThat(all.at("/info/storage/objects").asLong()).isPositive();
    assertThat(all.at("/info/storage/bytes").asLong()).isGreaterThanOrEqualTo(5);
    assertThat(all.at("/ready/status").asText()).isEqualTo("ready");
    assertThat(all.get("cluster").isNull()).isTrue();
    String text = ok(online(server, "admin", "info")).out();
    assertThat(text)
        .contains("Engine:   local")
        .contains("Ready:    yes")
        .contains("Objects:")
        .contains("Uptime:");
  }

  @Test
  void sharedOptionsMayComeBeforeTheSubcommand() throws Exception {
    ok(withKeys("admin", "bucket", "create", "cli-before"));
    Run r =
        run(
            new String[] {
              "admin",
              "--json",
              "--endpoint",
              server.endpoint().toString(),
              "--api-key=" + DfsTestServer.API_KEY,
              "bucket",
              "list"
            });
    assertThat(JSON.readTree(r.out()).get("buckets").toString()).contains("cli-before");
    Run mid =
        run(
            new String[] {
              "admin",
              "bucket",
              "--json",
              "info",
              "cli-before",
              "--endpoint",
              server.endpoint().toString(),
              "--api-key",
              DfsTestServer.API_KEY
            });
    assertThat(JSON.readTree(mid.out()).get("name").asText()).isEqualTo("cli-before");
  }

  record Run(int code, String out, String err) {}

  /** Through {@link Main#execute}, as the launcher runs it. */
  static Run run(String[] args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = Main.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int code = Main.execute(cli, args);
    assertThat(code).as(String.join(" ", args) + "\n" + err).isZero();
    return new Run(code, out.toString(), err.toString());
  }
}
