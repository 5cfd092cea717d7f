package dev.dfs.s3;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dfs.lifecycle.LifecycleDay;
import dev.dfs.testing.DfsServerExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.ExpirationStatus;
import software.amazon.awssdk.services.s3.model.LifecycleExpiration;
import software.amazon.awssdk.services.s3.model.LifecycleRule;
import software.amazon.awssdk.services.s3.model.LifecycleRuleFilter;
import software.amazon.awssdk.services.s3.model.ListObjectVersionsResponse;
import software.amazon.awssdk.services.s3.model.NoncurrentVersionExpiration;

/**
 * The lifecycle worker on a versioned bucket, end to end with a one-second lifecycle day:
 * noncurrent versions disappear once their days have passed (the newest one kept as asked), a
 * delete marker left alone goes after them, and the current versions stay. Waits poll with a
 * deadline.
 */
class LifecycleVersionsSdkTest {
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

  /**
   * Every version and marker as {@code key=size} or {@code key=marker}, in listing order (one
   * listing, so the worker cannot remove a version between two calls).
   */
  static List<String> history() {
    ListObjectVersionsResponse r = s3.listObjectVersions(b -> b.bucket("history"));
    List<String> out = new ArrayList<>();
    r.versions().forEach(v -> out.add(v.key() + "=" + v.size()));
    r.deleteMarkers().forEach(m -> out.add(m.key() + "=marker"));
    return out;
  }

  @Test
  void oldVersionsAndLoneDeleteMarkersExpireWhileCurrentVersionsStay() throws Exception {
    s3.createBucket(b -> b.bucket("history"));
    s3.putBucketVersioning(
        b ->
            b.bucket("history")
                .versioningConfiguration(v -> v.status(BucketVersioningStatus.ENABLED)));
    for (String body : List.of("1", "22", "333")) { // sizes tell the versions apart
      s3.putObject(b -> b.bucket("history").key("doc"), RequestBody.fromString(body));
    }
    s3.putObject(b -> b.bucket("history").key("gone"), RequestBody.fromString("last words"));
    s3.deleteObject(b -> b.bucket("history").key("gone"));
    assertThat(history())
        .containsExactlyInAnyOrder("doc=3", "doc=2", "doc=1", "gone=10", "gone=marker");

    s3.putBucketLifecycleConfiguration(
        b ->
            b.bucket("history")
                .lifecycleConfiguration(
                    c ->
                        c.rules(
                            LifecycleRule.builder()
                                .id("doc-history")
                                .status(ExpirationStatus.ENABLED)
                                .filter(LifecycleRuleFilter.builder().prefix("doc").build())
                                .noncurrentVersionExpiration(
                                    NoncurrentVersionExpiration.builder()
                                        .noncurrentDays(2)
                                        .newerNoncurrentVersions(1)
                                        .build())
                                .build(),
                            LifecycleRule.builder()
                                .id("gone-history")
                                .status(ExpirationStatus.ENABLED)
                                .filter(LifecycleRuleFilter.builder().prefix("gone").build())
                                .noncurrentVersionExpiration(
                                    NoncurrentVersionExpiration.builder().noncurrentDays(2).build())
                                .expiration(
                                    LifecycleExpiration.builder()
                                        .expiredObjectDeleteMarker(true)
                                        .build())
                                .build())));

    await(
        "doc's oldest version and gone's version expire",
        () -> !history().contains("doc=1") && !history().contains("gone=10"));
    await("gone's delete marker, now alone, expires", () -> !history().contains("gone=marker"));
    // One noncurrent version of doc is kept (NewerNoncurrentVersions=1); the current one stays.
    assertThat(history()).containsExactly("doc=3", "doc=2");
    assertThat(s3.getObjectAsBytes(b -> b.bucket("history").key("doc")).asUtf8String())
        .isEqualTo("333");
    assertThat(DFS.server().lifecycleStats().snapshot().versionsExpired()).isEqualTo(3);
  }
}
