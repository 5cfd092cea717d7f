package dev.dfs.s3;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dfs.lifecycle.LifecycleDay;
import dev.dfs.lifecycle.LifecycleStats;
import dev.dfs.testing.DfsServerExtension;
import dev.dfs.testing.DfsTestServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.AbortIncompleteMultipartUpload;
import software.amazon.awssdk.services.s3.model.ExpirationStatus;
import software.amazon.awssdk.services.s3.model.LifecycleExpiration;
import software.amazon.awssdk.services.s3.model.LifecycleRule;
import software.amazon.awssdk.services.s3.model.LifecycleRuleFilter;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * The lifecycle worker end to end with a one-second lifecycle day (DFS_LIFECYCLE_DAY_SECONDS=1):
 * rules set through the SDK delete expired objects and abort stale uploads within seconds, leave
 * everything else alone, and the counters show up in /api/v1/metrics/policy. Waits poll with a
 * deadline.
 */
class LifecycleWorkerSdkTest {
  static final Duration DEADLINE = Duration.ofSeconds(30);

  @RegisterExtension
  static final DfsServerExtension DFS =
      DfsServerExtension.local().lifecycleDay(LifecycleDay.ofSeconds(1));

  static S3Client s3;

  @BeforeAll
  static void start() throws Exception {
    s3 = DFS.client();
  }

  static void await(String what, BooleanSupplier condition) throws InterruptedException {
    SdkTestSupport.await(what, DEADLINE, condition);
  }

  static boolean exists(String bucket, String key) {
    try {
      s3.headObject(b -> b.bucket(bucket).key(key));
      return true;
    } catch (NoSuchKeyException e) {
      return false;
    }
  }

  static List<String> uploads(String bucket) {
    return s3.listMultipartUploads(b -> b.bucket(bucket)).uploads().stream()
        .map(MultipartUpload::key)
        .toList();
  }

  @Test
  void expiresObjectsAndAbortsUploadsButSparesRewrittenAndUnmatchedOnes() throws Exception {
    s3.createBucket(b -> b.bucket("short"));
    s3.putBucketLifecycleConfiguration(
        b ->
            b.bucket("short")
                .lifecycleConfiguration(
                    c ->
                        c.rules(
                            LifecycleRule.builder()
                                .id("logs")
                                .status(ExpirationStatus.ENABLED)
                                .filter(LifecycleRuleFilter.builder().prefix("logs/").build())
                                .expiration(LifecycleExpiration.builder().days(4).build())
                                .build(),
                            LifecycleRule.builder()
                                .id("stale-uploads")
                                .status(ExpirationStatus.ENABLED)
                                .filter(LifecycleRuleFilter.builder().prefix("stale/").build())
                                .abortIncompleteMultipartUpload(
                                    AbortIncompleteMultipartUpload.builder()
                                        .daysAfterInitiation(1)
                                        .build())
                                .build())));
    s3.putObject(b -> b.bucket("short").key("logs/a"), RequestBody.fromString("aaaa"));
    s3.putObject(b -> b.bucket("short").key("logs/b"), RequestBody.fromString("bb"));
    s3.putObject(b -> b.bucket("short").key("keep/c"), RequestBody.fromString("c"));
    s3.createMultipartUpload(b -> b.bucket("short").key("stale/u"));
    s3.createMultipartUpload(b -> b.bucket("short").key("other/u"));

    await("the stale upload is aborted", () -> !uploads("short").contains("stale/u"));
    assertThat(uploads("short")).containsExactly("other/u");

    // Halfway through logs/b's four lifecycle days, a client rewrites it: its age restarts.
    Thread.sleep(2000);
    s3.putObject(b -> b.bucket("short").key("logs/b"), RequestBody.fromString("new!"));

    await("logs/a expires", () -> !exists("short", "logs/a"));
    assertThat(exists("short", "logs/b")).as("rewritten two days later, not due yet").isTrue();
    assertThat(s3.getObjectAsBytes(b -> b.bucket("short").key("logs/b")).asUtf8String())
        .isEqualTo("new!");
    await("the rewritten logs/b expires in its turn", () -> !exists("short", "logs/b"));
    assertThat(exists("short", "keep/c")).isTrue();
    assertThat(uploads("short")).containsExactly("other/u");

    LifecycleStats.Snapshot s = DFS.server().lifecycleStats().snapshot();
    assertThat(s.running()).isTrue();
    assertThat(s.objectsExpired()).isEqualTo(2);
    assertThat(s.bytesFreed()).isEqualTo(4 + 4);
    assertThat(s.uploadsAborted()).isEqualTo(1);
    assertThat(s.errors()).isZero();

    await(
        "a pass has completed since",
        () -> DFS.server().lifecycleStats().snapshot().lastRun() != null);
    JsonNode policy = policyMetrics();
    assertThat(policy.get("engine_running").asBoolean()).isTrue();
    assertThat(policy.get("total_policies").asInt()).isEqualTo(2);
    assertThat(policy.get("active_policies").asInt()).isEqualTo(2);
    assertThat(policy.get("totals").get("objects_expired").asLong()).isEqualTo(2);
    assertThat(policy.get("totals").get("uploads_aborted").asLong()).isEqualTo(1);
    assertThat(policy.get("totals").get("bytes_freed").asLong()).isEqualTo(8);
    assertThat(policy.get("last_run").get("status").asText()).isEqualTo("ok");
    assertThat(policy.get("rules").findValuesAsText("rule_id")).contains("logs", "stale-uploads");

    String metrics = get("/metrics").body();
    assertThat(metrics)
        .contains("dfs_lifecycle_objects_expired_total{engine=\"local\"} 2.0")
        .contains("dfs_lifecycle_uploads_aborted_total{engine=\"local\"} 1.0")
        .contains("dfs_lifecycle_bytes_freed_total{engine=\"local\"} 8.0")
        .contains("dfs_lifecycle_last_pass_duration_seconds{engine=\"local\"}");
  }

  static HttpResponse<String> get(String path) throws Exception {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    return http.send(
        HttpRequest.newBuilder(URI.create(DFS.server().endpoint() + path))
            .header("X-Api-Key", DfsTestServer.API_KEY)
            .timeout(Duration.ofSeconds(10))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  static JsonNode policyMetrics() throws Exception {
    HttpResponse<String> r = get("/api/v1/metrics/policy");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return new ObjectMapper().readTree(r.body());
  }
}
