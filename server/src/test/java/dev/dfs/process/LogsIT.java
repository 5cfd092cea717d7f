package dev.dfs.process;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Logs a machine can read: DFS_LOG_FORMAT=json and DFS_LOG_LEVEL from .env give one JSON object a
 * line on stderr; DFS_ACCESS_LOG writes one JSON line per request naming the caller's access key id
 * but never its secret; the text format's timestamps carry the date.
 */
class LogsIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void jsonLogsFromDotEnvAndAnAccessLogWithoutSecrets(@TempDir Path tmp) throws Exception {
    Path work = Files.createDirectories(tmp.resolve("work"));
    Files.writeString(work.resolve(".env"), "DFS_LOG_FORMAT=json\nDFS_LOG_LEVEL=debug\n");
    Path access = tmp.resolve("access.log");
    try (DfsProcess server =
            DfsProcess.startIn(
                work,
                tmp.resolve("data"),
                Map.of("DFS_ACCESS_LOG", access.toString(), "DFS_DEFAULT_BUCKETS", "logged"));
        S3Client client = server.client()) {
      client.putObject(b -> b.bucket("logged").key("dir/k.txt"), RequestBody.fromString("12345"));
      client.getObjectAsBytes(b -> b.bucket("logged").key("dir/k.txt"));
      assertThat(server.terminate()).isIn(0, 143);

      List<JsonNode> logLines = new ArrayList<>();
      for (String line : server.output()) {
        if (line.startsWith("{")) logLines.add(JSON.readTree(line)); // the banner is plain stdout
      }
      assertThat(logLines)
          .allSatisfy(
              l ->
                  assertThat(
                          l.has("timestamp")
                              && l.has("level")
                              && l.has("loggerName")
                              && l.has("formattedMessage"))
                      .isTrue());
      assertThat(logLines)
          .anyMatch(
              l -> l.path("formattedMessage").asText().contains("created the default bucket"));
      assertThat(logLines)
          .as("DEBUG from .env")
          .anyMatch(l -> l.path("level").asText().equals("DEBUG"));
    }

    String text = Files.readString(access);
    assertThat(text).doesNotContain(DfsProcess.SECRET_KEY);
    List<JsonNode> requests = new ArrayList<>();
    for (String line : text.split("\n")) requests.add(JSON.readTree(line));
    JsonNode put =
        requests.stream()
            .filter(r -> r.path("operation").asText().equals("PutObject"))
            .findFirst()
            .orElseThrow();
    assertThat(put.path("bucket").asText()).isEqualTo("logged");
    assertThat(put.path("key").asText()).isEqualTo("dir/k.txt");
    assertThat(put.path("status").asInt()).isEqualTo(200);
    assertThat(put.path("accessKeyId").asText()).isEqualTo(DfsProcess.ACCESS_KEY);
    assertThat(put.path("user").asText()).isEqualTo("root");
    assertThat(put.path("remoteAddr").asText()).isEqualTo("127.0.0.1");
    assertThat(put.path("requestId").asText()).matches("[0-9A-F]{16}");
    assertThat(put.path("time").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
    assertThat(put.has("durationMs") && put.has("bytesIn")).isTrue();
    JsonNode get =
        requests.stream()
            .filter(r -> r.path("operation").asText().equals("GetObject"))
            .findFirst()
            .orElseThrow();
    assertThat(get.path("bytesOut").asLong()).isEqualTo(5);
  }

  @Test
  void textLogLinesCarryTheDate(@TempDir Path tmp) throws Exception {
    try (DfsProcess server = DfsProcess.start(tmp, Map.of("DFS_DEFAULT_BUCKETS", "dated"))) {
      assertThat(server.output())
          .anyMatch(
              l ->
                  l.matches(
                      "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}\\S* INFO .*created the default bucket.*"));
    }
  }
}
