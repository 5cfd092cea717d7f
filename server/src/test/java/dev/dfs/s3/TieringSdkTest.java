package dev.dfs.s3;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dfs.lifecycle.LifecycleDay;
import dev.dfs.store.tier.TierDefinition;
import dev.dfs.store.tier.TierRegistry;
import dev.dfs.testing.DfsServerExtension;
import dev.dfs.testing.DfsTestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ExpirationStatus;
import software.amazon.awssdk.services.s3.model.LifecycleRule;
import software.amazon.awssdk.services.s3.model.LifecycleRuleFilter;
import software.amazon.awssdk.services.s3.model.Transition;
import software.amazon.awssdk.services.s3.model.TransitionStorageClass;

/**
 * Lifecycle transitions end to end with a 50 ms lifecycle day and two tiers started by the test: a
 * directory (STANDARD_IA) and a second in-process DFS server as the S3 remote (GLACIER_IR). Objects
 * move, their local chunks are freed, HEAD/List report the class, GET reads through (Range
 * included), and deleting or overwriting a tiered object frees its copy.
 */
class TieringSdkTest {
  static final Duration DEADLINE = Duration.ofSeconds(30);

  @RegisterExtension
  static final DfsServerExtension DFS =
      DfsServerExtension.local().lifecycleDay(new LifecycleDay(Duration.ofMillis(50)));

  @TempDir static Path temp;
  static DfsTestServer remote;
  static S3Client s3;

  @BeforeAll
  static void start() throws Exception {
    remote = DfsTestServer.start(temp.resolve("remote"));
    remote.client().createBucket(b -> b.bucket("cold"));
    s3 = DFS.client();
    TierRegistry tiers = DFS.server().store().tiering().orElseThrow().tiers();
    tiers.create(
        new TierDefinition(
            "slow",
            TierDefinition.Kind.DIRECTORY,
            List.of("STANDARD_IA"),
            null,
            temp.resolve("slow").toString(),
            null,
            null,
            null,
            null,
            null,
            null));
    tiers.create(
        new TierDefinition(
            "remote",
            TierDefinition.Kind.S3,
            List.of("GLACIER_IR"),
            null,
            null,
            remote.endpoint().toString(),
            "cold",
            "site-a/",
            "us-east-1",
            DfsTestServer.ACCESS_KEY,
            DfsTestServer.SECRET_KEY));
    tiers.create(
        new TierDefinition(
            "vault",
            TierDefinition.Kind.DIRECTORY,
            List.of("GLACIER", "DEEP_ARCHIVE"),
            null,
            temp.resolve("vault").toString(),
            null,
            null,
            null,
            null,
            null,
            null));
  }

  @AfterAll
  static void stop() throws Exception {
    remote.close();
  }

  static void await(String what, BooleanSupplier condition) throws InterruptedException {
    SdkTestSupport.await(what, DEADLINE, condition);
  }

  static String storageClass(String bucket, String key) {
    return s3.headObject(b -> b.bucket(bucket).key(key)).storageClassAsString();
  }

  static long slowFiles() {
    try (var files = Files.walk(temp.resolve("slow"))) {
      return files.filter(Files::isRegularFile).filter(p -> !p.toString().contains(".tmp")).count();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  static int remoteObjects() {
    return remote.client().listObjectsV2(l -> l.bucket("cold").prefix("site-a/")).keyCount();
  }

  static LifecycleRule rule(String prefix, int days, TransitionStorageClass target) {
    return LifecycleRule.builder()
        .id(prefix)
        .status(ExpirationStatus.ENABLED)
        .filter(LifecycleRuleFilter.builder().prefix(prefix).build())
        .transitions(Transition.builder().days(days).storageClass(target).build())
        .build();
  }

  @Test
  void objectsMoveAreReadThroughAndTheirCopiesAreFreed() throws Exception {
    s3.createBucket(b -> b.bucket("aging"));
    byte[] big = SdkTestSupport.randomBytes(300_000, 1);
    byte[] small = SdkTestSupport.randomBytes(1_000, 2); // stored inline in the metadata
    s3.putObject(b -> b.bucket("aging").key("ia/big"), RequestBody.fromBytes(big));
    s3.putObject(b -> b.bucket("aging").key("ir/small"), RequestBody.fromBytes(small));
    s3.putObject(b -> b.bucket("aging").key("ir/big"), RequestBody.fromBytes(big));
    s3.putObject(b -> b.bucket("aging").key("hot/stays"), RequestBody.fromBytes(small));
    long chunksBefore = DFS.server().store().referencedChunks(null, 100).size();
    s3.putBucketLifecycleConfiguration(
        b ->
            b.bucket("aging")
                .lifecycleConfiguration(
                    c ->
                        c.rules(
                            rule("ia/", 30, TransitionStorageClass.STANDARD_IA),
                            rule("ir/", 1, TransitionStorageClass.GLACIER_IR))));

    await("ia/big in STANDARD_IA", () -> "STANDARD_IA".equals(storageClass("aging", "ia/big")));
    await(
        "ir/ in GLACIER_IR",
        () ->
            "GLACIER_IR".equals(storageClass("aging", "ir/small"))
                && "GLACIER_IR".equals(storageClass("aging", "ir/big")));
    assertThat(storageClass("aging", "hot/stays")).isNull(); // STANDARD is not sent
    assertThat(slowFiles()).isEqualTo(1);
    assertThat(remoteObjects()).isEqualTo(2);
    assertThat(DFS.server().store().referencedChunks(null, 100)).hasSize((int) chunksBefore - 2);
    assertThat(s3.listObjectsV2(l -> l.bucket("aging")).contents())
        .extracting(o -> o.key() + "=" + o.storageClassAsString())
        .containsExactly(
            "hot/stays=STANDARD", "ia/big=STANDARD_IA", "ir/big=GLACIER_IR", "ir/small=GLACIER_IR");

    assertThat(s3.getObjectAsBytes(b -> b.bucket("aging").key("ia/big")).asByteArray())
        .isEqualTo(big);
    assertThat(s3.getObjectAsBytes(b -> b.bucket("aging").key("ir/big")).asByteArray())
        .isEqualTo(big);
    assertThat(s3.getObjectAsBytes(b -> b.bucket("aging").key("ir/small")).asByteArray())
        .isEqualTo(small);
    assertThat(
            s3.getObjectAsBytes(b -> b.bucket("aging").key("ir/big").range("bytes=1000-70999"))
                .asByteArray())
        .isEqualTo(Arrays.copyOfRange(big, 1000, 71_000));
    assertThat(
            s3.getObjectAsBytes(b -> b.bucket("aging").key("ia/big").range("bytes=-10"))
                .asByteArray())
        .isEqualTo(Arrays.copyOfRange(big, big.length - 10, big.length));

    reportShowsTheTiers();

    s3.deleteObject(b -> b.bucket("aging").key("ir/big"));
    await("the remote copy of ir/big freed", () -> remoteObjects() == 1);
    s3.putObject(b -> b.bucket("aging").key("ia/big"), RequestBody.fromBytes(small));
    await("the directory copy of ia/big freed", () -> slowFiles() == 0);
    assertThat(s3.getObjectAsBytes(b -> b.bucket("aging").key("ia/big")).asByteArray())
        .isEqualTo(small);
    assertThat(DFS.server().store().tiering().orElseThrow().stats().transitionsDone())
        .isGreaterThanOrEqualTo(3);
  }

  /** The policy report and /metrics: bytes per tier and class, costs, counters. */
  static void reportShowsTheTiers() throws Exception {
    java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
    String body =
        http.send(
                java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(DFS.server().endpoint() + "/api/v1/metrics/policy"))
                    .header("X-Api-Key", DfsTestServer.API_KEY)
                    .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString())
            .body();
    var t = new com.fasterxml.jackson.databind.ObjectMapper().readTree(body).get("tiering");
    assertThat(t.get("supported").asBoolean()).isTrue();
    assertThat(t.get("transitions").get("done").asLong()).isGreaterThanOrEqualTo(3);
    assertThat(t.get("bytes_transitioned").asLong()).isGreaterThanOrEqualTo(601_000);
    assertThat(t.toString())
        .contains("{\"name\":\"slow\",\"objects\":1,\"bytes\":300000}")
        .contains("{\"storage_class\":\"GLACIER_IR\",\"objects\":2,\"bytes\":301000}");
    assertThat(t.get("monthly_cost").get("all_in_top_tier").asDouble())
        .isGreaterThan(t.get("monthly_cost").get("now").asDouble());
    String metrics =
        http.send(
                java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(DFS.server().endpoint() + "/metrics"))
                    .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString())
            .body();
    assertThat(metrics).contains("dfs_tier_transitions_total").contains("dfs_tier_monthly_cost");
  }

  @Test
  void archivedObjectsNeedARestoreThatExpires() throws Exception {
    s3.createBucket(b -> b.bucket("archive"));
    byte[] data = SdkTestSupport.randomBytes(200_000, 3);
    s3.putObject(b -> b.bucket("archive").key("arc/x"), RequestBody.fromBytes(data));
    s3.putBucketLifecycleConfiguration(
        b ->
            b.bucket("archive")
                .lifecycleConfiguration(
                    c -> c.rules(rule("arc/", 1, TransitionStorageClass.GLACIER))));
    await("arc/x in GLACIER", () -> "GLACIER".equals(storageClass("archive", "arc/x")));
    SdkTestSupport.expectError(
        403,
        "InvalidObjectState",
        () -> s3.getObjectAsBytes(b -> b.bucket("archive").key("arc/x")));
    assertThat(s3.headObject(b -> b.bucket("archive").key("arc/x")).restore()).isNull();
    s3.putObject(b -> b.bucket("archive").key("plain"), RequestBody.fromString("standard"));
    SdkTestSupport.expectError(
        403,
        "InvalidObjectState",
        () ->
            s3.restoreObject(b -> b.bucket("archive").key("plain").restoreRequest(r -> r.days(1))));

    var started =
        s3.restoreObject(
            b -> b.bucket("archive").key("arc/x").restoreRequest(r -> r.days(100_000)));
    assertThat(started.sdkHttpResponse().statusCode()).isEqualTo(202);
    await(
        "the restore done",
        () ->
            String.valueOf(s3.headObject(b -> b.bucket("archive").key("arc/x")).restore())
                .startsWith("ongoing-request=\"false\", expiry-date=\""));
    assertThat(s3.getObjectAsBytes(b -> b.bucket("archive").key("arc/x")).asByteArray())
        .isEqualTo(data);
    // restoring a restored object sets its expiry anew: one 50 ms day from now
    var again =
        s3.restoreObject(b -> b.bucket("archive").key("arc/x").restoreRequest(r -> r.days(1)));
    assertThat(again.sdkHttpResponse().statusCode()).isEqualTo(200);
    await(
        "the restored copy expired",
        () -> {
          try {
            s3.getObjectAsBytes(b -> b.bucket("archive").key("arc/x"));
            return false;
          } catch (software.amazon.awssdk.services.s3.model.S3Exception e) {
            return e.statusCode() == 403;
          }
        });
    assertThat(s3.headObject(b -> b.bucket("archive").key("arc/x")).restore()).isNull();
  }

  /**
   * An S3 tier with 5 MiB parts takes a 12 MiB object as a three-part multipart upload (the path
   * objects over 5 GiB take with the default part size), checked and read back whole and by ranges
   * across part boundaries.
   */
  @Test
  void largeObjectsGoToAnS3TierInParts() throws Exception {
    DFS.server()
        .store()
        .tiering()
        .orElseThrow()
        .tiers()
        .create(
            new TierDefinition(
                "parts",
                TierDefinition.Kind.S3,
                List.of("ONEZONE_IA"),
                null,
                null,
                remote.endpoint().toString(),
                "cold",
                "site-b/",
                "us-east-1",
                DfsTestServer.ACCESS_KEY,
                DfsTestServer.SECRET_KEY,
                TierDefinition.MIN_PART_SIZE));
    s3.createBucket(b -> b.bucket("large"));
    byte[] data = SdkTestSupport.randomBytes(12 << 20, 9);
    s3.putObject(
        b -> b.bucket("large").key("video").storageClass("ONEZONE_IA"),
        RequestBody.fromBytes(data));
    var stored = remote.client().listObjectsV2(l -> l.bucket("cold").prefix("site-b/")).contents();
    assertThat(stored).hasSize(1);
    assertThat(stored.getFirst().size()).isEqualTo(data.length);
    assertThat(stored.getFirst().eTag()).endsWith("-3\""); // three parts
    assertThat(s3.getObjectAsBytes(b -> b.bucket("large").key("video")).asByteArray())
        .isEqualTo(data);
    int from = (5 << 20) - 100;
    assertThat(
            s3.getObjectAsBytes(
                    b -> b.bucket("large").key("video").range("bytes=" + from + "-" + (from + 199)))
                .asByteArray())
        .isEqualTo(Arrays.copyOfRange(data, from, from + 200));
    assertThat(remote.client().listMultipartUploads(l -> l.bucket("cold")).uploads()).isEmpty();
    s3.deleteObject(b -> b.bucket("large").key("video"));
    await(
        "the remote copy freed",
        () ->
            remote.client().listObjectsV2(l -> l.bucket("cold").prefix("site-b/")).keyCount() == 0);
  }

  /**
   * Data not written for 90 (50 ms) lifecycle days is recommended for a move to the cheapest tier
   * read without a restore, with its monthly savings from the cost models.
   */
  @Test
  void thePolicyReportRecommendsMovesWithTheirSavings() throws Exception {
    s3.createBucket(b -> b.bucket("idle"));
    for (int i = 0; i < 3; i++) {
      int n = i;
      s3.putObject(
          b -> b.bucket("idle").key("k" + n),
          RequestBody.fromBytes(SdkTestSupport.randomBytes(100_000, 20 + n)));
    }
    java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
    var json = new com.fasterxml.jackson.databind.ObjectMapper();
    com.fasterxml.jackson.databind.JsonNode[] idle = new com.fasterxml.jackson.databind.JsonNode[1];
    await(
        "a recommendation for the three objects of bucket idle",
        () -> {
          try {
            String body =
                http.send(
                        java.net.http.HttpRequest.newBuilder(
                                java.net.URI.create(
                                    DFS.server().endpoint() + "/api/v1/metrics/policy"))
                            .header("X-Api-Key", DfsTestServer.API_KEY)
                            .build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString())
                    .body();
            for (var r : json.readTree(body).get("recommendations")) {
              if (r.get("bucket").asText().equals("idle")) idle[0] = r;
            }
            // the three were written one after another: wait until the last one is old enough
            return idle[0] != null && idle[0].get("objects").asLong() == 3;
          } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
          } catch (InterruptedException e) {
            throw new IllegalStateException(e);
          }
        });
    assertThat(idle[0].get("bytes").asLong()).isEqualTo(300_000);
    assertThat(idle[0].get("tier").asText()).isEqualTo("remote"); // GLACIER_IR: $0.004
    assertThat(idle[0].get("basis").asText()).isEqualTo("last_modified");
    assertThat(idle[0].get("monthly_savings").asDouble())
        .isCloseTo(
            300_000 / (1024.0 * 1024 * 1024) * (0.023 - 0.004),
            org.assertj.core.data.Offset.offset(1e-12));
    assertThat(idle[0].get("description").asText()).startsWith("0.3 MiB in bucket idle");
  }
}
