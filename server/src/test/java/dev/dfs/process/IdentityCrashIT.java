package dev.dfs.process;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A user and key created through the management API of a real server process survive SIGKILL
 * (synced writes); {@code dfs admin --offline} is refused while that server holds the identity
 * database and works once it has stopped.
 */
class IdentityCrashIT {
  static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void createdKeysSurviveAKillAndOfflineWaitsForTheServer(@TempDir Path data) throws Exception {
    String id;
    String secret;
    try (DfsProcess server = DfsProcess.start(data)) {
      String apiKey = rootApiKey(data);
      HttpClient http = HttpClient.newHttpClient();
      post(http, server, apiKey, "/api/v1/users", "{\"name\":\"alice\"}", 201);
      JsonNode key = post(http, server, apiKey, "/api/v1/users/alice/keys", null, 201);
      id = key.get("accessKeyId").asText();
      secret = key.get("secretKey").asText();

      Process offline = admin("user", "add", "bob", "--offline", "--data-dir", data.toString());
      String said = new String(offline.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(offline.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(offline.exitValue()).as(said).isEqualTo(1);
      assertThat(said).contains("the server is running; use --endpoint");

      server.kill();
      assertThat(server.output()).noneMatch(l -> l.contains(secret));
    }
    try (DfsProcess again = DfsProcess.start(data);
        S3Client alice = again.client(id, secret)) {
      alice.createBucket(b -> b.bucket("alice-after-crash"));
      again.terminate();
    }
    Process offline = admin("user", "list", "--offline", "--data-dir", data.toString());
    String listed = new String(offline.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(offline.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(offline.exitValue()).as(listed).isZero();
    assertThat(listed).contains("alice");
  }

  private static String rootApiKey(Path data) throws Exception {
    Properties p = new Properties();
    try (InputStream in = Files.newInputStream(data.resolve("root-credentials.properties"))) {
      p.load(in);
    }
    return p.getProperty("apiKey");
  }

  private static JsonNode post(
      HttpClient http, DfsProcess server, String apiKey, String path, String body, int status)
      throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(server.endpoint().resolve(path))
            .header("X-Api-Key", apiKey)
            .POST(
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
    return JSON.readTree(r.body());
  }

  private static Process admin(String... args) throws Exception {
    List<String> cmd =
        new java.util.ArrayList<>(
            List.of(
                DfsProcess.javaBinary(), "-Xmx128m", "-jar", DfsProcess.jar().toString(), "admin"));
    cmd.addAll(List.of(args));
    return new ProcessBuilder(cmd).redirectErrorStream(true).start();
  }
}
