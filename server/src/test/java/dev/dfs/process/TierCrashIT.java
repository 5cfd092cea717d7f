package dev.dfs.process;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dfs.server.RootCredentials;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ExpirationStatus;
import software.amazon.awssdk.services.s3.model.LifecycleRule;
import software.amazon.awssdk.services.s3.model.LifecycleRuleFilter;
import software.amazon.awssdk.services.s3.model.Transition;
import software.amazon.awssdk.services.s3.model.TransitionStorageClass;

/**
 * SIGKILL of a real server while its lifecycle worker moves objects to a directory tier (a
 * one-second lifecycle day): after the restart every object reads back byte for byte, the remaining
 * transitions finish, and the tier holds exactly one file per object (a copy whose transition the
 * kill cut short was removed at start-up: no orphan).
 */
class TierCrashIT {
  private static final int OBJECTS = 40;
  private static final int SIZE = 1_500_000;

  @Test
  void sigkillDuringTransitionsLosesNothingAndLeavesNoOrphan(@TempDir Path dir) throws Exception {
    Path data = dir.resolve("data");
    Path tier = dir.resolve("tier");
    try (DfsProcess server = DfsProcess.start(data, "--lifecycle-day-seconds", "1");
        S3Client client = server.client()) {
      defineTier(server, data, tier);
      client.createBucket(b -> b.bucket("crash"));
      for (int i = 0; i < OBJECTS; i++) {
        int n = i;
        client.putObject(b -> b.bucket("crash").key(key(n)), RequestBody.fromBytes(payload(n)));
      }
      client.putBucketLifecycleConfiguration(
          b ->
              b.bucket("crash")
                  .lifecycleConfiguration(
                      c ->
                          c.rules(
                              LifecycleRule.builder()
                                  .id("cool")
                                  .status(ExpirationStatus.ENABLED)
                                  .filter(LifecycleRuleFilter.builder().prefix("cold/").build())
                                  .transitions(
                                      Transition.builder()
                                          .days(1)
                                          .storageClass(TransitionStorageClass.GLACIER_IR)
                                          .build())
                                  .build())));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (moved(client) == 0 && System.nanoTime() < deadline) Thread.sleep(10);
      server.kill(); // transitions are under way
    }
    try (DfsProcess server = DfsProcess.start(data, "--lifecycle-day-seconds", "1");
        S3Client client = server.client()) {
      for (int i = 0; i < OBJECTS; i++) {
        int n = i;
        assertThat(client.getObjectAsBytes(b -> b.bucket("crash").key(key(n))).asByteArray())
            .as(key(n))
            .isEqualTo(payload(n));
      }
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (moved(client) < OBJECTS && System.nanoTime() < deadline) Thread.sleep(100);
      assertThat(moved(client)).isEqualTo(OBJECTS);
      assertThat(tierFiles(tier)).isEqualTo(OBJECTS);
      for (int i = 0; i < OBJECTS; i += 7) {
        int n = i;
        assertThat(client.getObjectAsBytes(b -> b.bucket("crash").key(key(n))).asByteArray())
            .isEqualTo(payload(n));
      }
    }
  }

  private static String key(int n) {
    return "cold/" + n;
  }

  private static byte[] payload(int n) {
    byte[] b = new byte[SIZE];
    new Random(n).nextBytes(b);
    return b;
  }

  private static long moved(S3Client client) {
    return client.listObjectsV2(l -> l.bucket("crash")).contents().stream()
        .filter(o -> "GLACIER_IR".equals(o.storageClassAsString()))
        .count();
  }

  private static long tierFiles(Path tier) throws Exception {
    try (var files = Files.walk(tier)) {
      return files
          .filter(Files::isRegularFile)
          .filter(p -> !tier.relativize(p).toString().startsWith(".tmp"))
          .count();
    }
  }

  private static void defineTier(DfsProcess server, Path data, Path tier) throws Exception {
    String apiKey =
        RootCredentials.resolve(data, DfsProcess.ACCESS_KEY, DfsProcess.SECRET_KEY).apiKey();
    String body =
        "{\"name\":\"slow\",\"type\":\"directory\",\"path\":\""
            + tier
            + "\",\"storageClasses\":[\"GLACIER_IR\"]}";
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(server.endpoint() + "/api/v1/tiers"))
                    .header("X-Api-Key", apiKey)
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
  }
}
