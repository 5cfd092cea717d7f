package dev.dfs.s3;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dfs.lifecycle.LifecycleDay;
import dev.dfs.store.ObjectAttributes;
import dev.dfs.store.ObjectRef;
import dev.dfs.store.tier.TierDefinition;
import dev.dfs.store.tier.TierRegistry;
import dev.dfs.testing.DfsServerExtension;
import dev.dfs.testing.DfsTestServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.IntelligentTieringAccessTier;
import software.amazon.awssdk.services.s3.model.IntelligentTieringConfiguration;
import software.amazon.awssdk.services.s3.model.IntelligentTieringStatus;
import software.amazon.awssdk.services.s3.model.StorageClass;
import software.amazon.awssdk.services.s3.model.Tiering;

/**
 * Intelligent-Tiering end to end with a 50 ms lifecycle day (so 30 days are 1.5 s and the archive
 * tier's 90 days 4.5 s) and two tiers started by the test: a directory serving STANDARD_IA (the
 * infrequent access tier) and a second DFS process's bucket as an S3 remote serving GLACIER (the
 * archive access tier). The configuration API as S3's; objects move down when untouched, come back
 * to local disk when read (or, archived, after a restore); the operator's pin and never-archive
 * overrides hold.
 */
class IntelligentTieringSdkTest {
  static final Duration DEADLINE = Duration.ofSeconds(40);

  @RegisterExtension
  static final DfsServerExtension DFS =
      DfsServerExtension.local().lifecycleDay(new LifecycleDay(Duration.ofMillis(50)));

  @TempDir static Path temp;
  static DfsTestServer remote;
  static S3Client s3;

  @BeforeAll
  static void start() throws Exception {
    remote = DfsTestServer.start(temp.resolve("remote"));
    remote.client().createBucket(b -> b.bucket("vault"));
    s3 = DFS.client();
    TierRegistry tiers = DFS.server().store().tiering().orElseThrow().tiers();
    tiers.create(
        new TierDefinition(
            "warm",
            TierDefinition.Kind.DIRECTORY,
            List.of("STANDARD_IA"),
            null,
            temp.resolve("warm").toString(),
            null,
            null,
            null,
            null,
            null,
            null));
    tiers.create(
        new TierDefinition(
            "vault",
            TierDefinition.Kind.S3,
            List.of("GLACIER"),
            null,
            null,
            remote.endpoint().toString(),
            "vault",
            "it/",
            "us-east-1",
            DfsTestServer.ACCESS_KEY,
            DfsTestServer.SECRET_KEY));
  }

  @AfterAll
  static void stop() throws Exception {
    remote.close();
  }

  static void await(String what, BooleanSupplier condition) throws InterruptedException {
    SdkTestSupport.await(what, DEADLINE, condition);
  }

  static IntelligentTieringConfiguration config(String id, String prefix, int archiveDays) {
    return IntelligentTieringConfiguration.builder()
        .id(id)
        .filter(f -> f.prefix(prefix))
        .status(IntelligentTieringStatus.ENABLED)
        .tierings(
            Tiering.builder()
                .accessTier(IntelligentTieringAccessTier.ARCHIVE_ACCESS)
                .days(archiveDays)
                .build())
        .build();
  }

  @Test
  void configurationsArePutListedReadAndDeletedAsInS3() {
    s3.createBucket(b -> b.bucket("conf"));
    SdkTestSupport.expectError(
        404,
        "NoSuchConfiguration",
        () -> s3.getBucketIntelligentTieringConfiguration(b -> b.bucket("conf").id("none")));
    SdkTestSupport.expectError(
        400,
        "InvalidArgument",
        () ->
            s3.putBucketIntelligentTieringConfiguration(
                b ->
                    b.bucket("conf")
                        .id("short")
                        .intelligentTieringConfiguration(config("short", "", 30))));
    for (int i = 0; i < 105; i++) {
      String id = String.format("c%03d", i);
      s3.putBucketIntelligentTieringConfiguration(
          b ->
              b.bucket("conf")
                  .id(id)
                  .intelligentTieringConfiguration(config(id, "p" + id + "/", 90)));
    }
    var one =
        s3.getBucketIntelligentTieringConfiguration(b -> b.bucket("conf").id("c007"))
            .intelligentTieringConfiguration();
    assertThat(one).isEqualTo(config("c007", "pc007/", 90));
    var first = s3.listBucketIntelligentTieringConfigurations(b -> b.bucket("conf"));
    assertThat(first.isTruncated()).isTrue();
    assertThat(first.intelligentTieringConfigurationList()).hasSize(100);
    var rest =
        s3.listBucketIntelligentTieringConfigurations(
            b -> b.bucket("conf").continuationToken(first.nextContinuationToken()));
    assertThat(rest.isTruncated()).isFalse();
    assertThat(rest.intelligentTieringConfigurationList())
        .extracting(IntelligentTieringConfiguration::id)
        .containsExactly("c100", "c101", "c102", "c103", "c104");
    s3.deleteBucketIntelligentTieringConfiguration(b -> b.bucket("conf").id("c007"));
    SdkTestSupport.expectError(
        404,
        "NoSuchConfiguration",
        () -> s3.deleteBucketIntelligentTieringConfiguration(b -> b.bucket("conf").id("c007")));
  }

  static String tierOf(String bucket, String key) {
    try {
      return DFS.server()
          .store()
          .head(ObjectRef.current(bucket, key))
          .orElseThrow()
          .metadata()
          .attribute(ObjectAttributes.TIER);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  static void putOverrides(String bucket, String json) throws Exception {
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create(
                            DFS.server().endpoint() + "/api/v1/buckets/" + bucket + "/tiering"))
                    .header("X-Api-Key", DfsTestServer.API_KEY)
                    .PUT(HttpRequest.BodyPublishers.ofString(json))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
  }

  @Test
  void objectsGoDownWhenUntouchedAndComeBackWhenRead() throws Exception {
    s3.createBucket(b -> b.bucket("itier"));
    byte[] data = SdkTestSupport.randomBytes(200_000, 7);
    for (String key : List.of("a", "hot", "pin/c", "keep/d")) {
      s3.putObject(
          b -> b.bucket("itier").key(key).storageClass(StorageClass.INTELLIGENT_TIERING),
          RequestBody.fromBytes(data));
    }
    putOverrides(
        "itier",
        "{\"overrides\":[{\"prefix\":\"pin/\",\"pin\":\"FREQUENT\"},"
            + "{\"prefix\":\"keep/\",\"neverArchive\":true}]}");
    s3.putBucketIntelligentTieringConfiguration(
        b -> b.bucket("itier").id("all").intelligentTieringConfiguration(config("all", "", 90)));

    // "a" goes to the infrequent tier after 30 days, then to the archive tier after 90,
    // while "hot", read all along, stays on local disk
    await(
        "a in the infrequent tier",
        () -> {
          s3.getObjectAsBytes(b -> b.bucket("itier").key("hot"));
          return "warm".equals(tierOf("itier", "a"));
        });
    await(
        "a archived",
        () -> {
          s3.getObjectAsBytes(b -> b.bucket("itier").key("hot"));
          return "ARCHIVE_ACCESS"
              .equals(s3.headObject(b -> b.bucket("itier").key("a")).archiveStatusAsString());
        });
    assertThat(tierOf("itier", "a")).isEqualTo("vault");
    assertThat(tierOf("itier", "hot")).isNull();
    assertThat(tierOf("itier", "pin/c")).isNull(); // pinned to FREQUENT
    assertThat(tierOf("itier", "keep/d")).isEqualTo("warm"); // never archived
    assertThat(s3.headObject(b -> b.bucket("itier").key("a")).storageClassAsString())
        .isEqualTo("INTELLIGENT_TIERING");
    assertThat(s3.headObject(b -> b.bucket("itier").key("keep/d")).archiveStatus()).isNull();

    // read through the infrequent tier, then moved back up
    assertThat(s3.getObjectAsBytes(b -> b.bucket("itier").key("keep/d")).asByteArray())
        .isEqualTo(data);
    await("keep/d back on local disk", () -> tierOf("itier", "keep/d") == null);

    // archived: no GET until restored, then back to local disk
    SdkTestSupport.expectError(
        403, "InvalidObjectState", () -> s3.getObjectAsBytes(b -> b.bucket("itier").key("a")));
    s3.restoreObject(b -> b.bucket("itier").key("a").restoreRequest(r -> r.days(1000)));
    await("a restored and back on local disk", () -> tierOf("itier", "a") == null);
    assertThat(s3.getObjectAsBytes(b -> b.bucket("itier").key("a")).asByteArray()).isEqualTo(data);
    assertThat(s3.headObject(b -> b.bucket("itier").key("a")).archiveStatus()).isNull();
    await(
        "the archive copy freed",
        () -> remote.client().listObjectsV2(l -> l.bucket("vault").prefix("it/")).keyCount() == 0);
    assertThat(DFS.server().intelligentTiering().movedUp()).isGreaterThanOrEqualTo(2);
  }
}
