package dev.dfs.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A fresh server started with DFS_DEFAULT_BUCKETS serves those buckets at once, and again after a
 * restart.
 */
class DefaultBucketsIT {
  @Test
  void defaultBucketsExistOnFirstStartAndSurviveARestart(@TempDir Path data) throws Exception {
    Map<String, String> env = Map.of("DFS_DEFAULT_BUCKETS", "media,backups");
    try (DfsProcess server = DfsProcess.start(data, env);
        S3Client client = server.client()) {
      assertThat(client.listBuckets().buckets())
          .extracting(b -> b.name())
          .containsExactlyInAnyOrder("media", "backups");
      client.putObject(b -> b.bucket("media").key("k"), RequestBody.fromString("kept"));
      assertThat(server.output())
          .anyMatch(l -> l.contains("created the default bucket(s) media, backups"));
    }
    try (DfsProcess again = DfsProcess.start(data, env);
        S3Client client = again.client()) {
      assertThat(client.getObjectAsBytes(b -> b.bucket("media").key("k")).asUtf8String())
          .isEqualTo("kept");
      assertThat(again.output()).noneMatch(l -> l.contains("created the default bucket"));
    }
  }
}
