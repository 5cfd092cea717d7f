package dev.dfs.s3;

import static dev.dfs.s3.SdkTestSupport.expectError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dfs.testing.DfsServerExtension;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.AbortIncompleteMultipartUpload;
import software.amazon.awssdk.services.s3.model.ExpirationStatus;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.LifecycleExpiration;
import software.amazon.awssdk.services.s3.model.LifecycleRule;
import software.amazon.awssdk.services.s3.model.LifecycleRuleAndOperator;
import software.amazon.awssdk.services.s3.model.LifecycleRuleFilter;
import software.amazon.awssdk.services.s3.model.NoncurrentVersionExpiration;
import software.amazon.awssdk.services.s3.model.Tag;
import software.amazon.awssdk.services.s3.model.Tagging;
import software.amazon.awssdk.services.s3.model.Transition;
import software.amazon.awssdk.services.s3.model.TransitionStorageClass;

/**
 * Put/Get/DeleteBucketLifecycleConfiguration through the SDK's own model, S3's errors, and the
 * x-amz-expiration header on PUT, HEAD, GET and copy. The lifecycle day is the standard one here,
 * so nothing expires while the test runs.
 */
class LifecycleSdkTest {
  @RegisterExtension static final DfsServerExtension DFS = DfsServerExtension.local();
  @RegisterExtension static final DfsServerExtension OPEN = DfsServerExtension.local().anonymous();
  static S3Client s3;

  @BeforeAll
  static void start() throws Exception {
    s3 = DFS.client();
    for (String b : List.of("rules", "plain", "errors", "headers")) {
      s3.createBucket(c -> c.bucket(b));
    }
  }

  static void put(String bucket, LifecycleRule... rules) {
    s3.putBucketLifecycleConfiguration(
        b -> b.bucket(bucket).lifecycleConfiguration(c -> c.rules(rules)));
  }

  @Test
  void configurationRoundTripsThroughTheSdkModel() {
    LifecycleRule logs =
        LifecycleRule.builder()
            .id("logs")
            .status(ExpirationStatus.ENABLED)
            .filter(LifecycleRuleFilter.builder().prefix("logs/").build())
            .expiration(LifecycleExpiration.builder().days(30).build())
            .abortIncompleteMultipartUpload(
                AbortIncompleteMultipartUpload.builder().daysAfterInitiation(7).build())
            .build();
    LifecycleRule tagged =
        LifecycleRule.builder()
            .id("tagged")
            .status(ExpirationStatus.DISABLED)
            .filter(
                LifecycleRuleFilter.builder()
                    .and(
                        LifecycleRuleAndOperator.builder()
                            .prefix("tmp/")
                            .tags(Tag.builder().key("class").value("scratch").build())
                            .objectSizeGreaterThan(1L)
                            .objectSizeLessThan(1_000_000L)
                            .build())
                    .build())
            .expiration(
                LifecycleExpiration.builder().date(Instant.parse("2030-01-01T00:00:00Z")).build())
            .build();
    LifecycleRule versions =
        LifecycleRule.builder()
            .id("versions")
            .status(ExpirationStatus.ENABLED)
            .filter(LifecycleRuleFilter.builder().prefix("").build())
            .expiration(LifecycleExpiration.builder().expiredObjectDeleteMarker(true).build())
            .noncurrentVersionExpiration(
                NoncurrentVersionExpiration.builder()
                    .noncurrentDays(10)
                    .newerNoncurrentVersions(2)
                    .build())
            .build();
    put("rules", logs, tagged, versions);

    List<LifecycleRule> got = s3.getBucketLifecycleConfiguration(b -> b.bucket("rules")).rules();
    assertThat(got).containsExactly(logs, tagged, versions);

    s3.deleteBucketLifecycle(b -> b.bucket("rules"));
    expectError(
        404,
        "NoSuchLifecycleConfiguration",
        () -> s3.getBucketLifecycleConfiguration(b -> b.bucket("rules")));
    expectError(
        404,
        "NoSuchLifecycleConfiguration",
        () -> s3.getBucketLifecycleConfiguration(b -> b.bucket("plain")));
    expectError(
        404, "NoSuchBucket", () -> s3.getBucketLifecycleConfiguration(b -> b.bucket("missing")));
    s3.deleteBucketLifecycle(b -> b.bucket("plain"));
  }

  @Test
  void refusedConfigurationsAnswerS3Errors() {
    var filter = LifecycleRuleFilter.builder().prefix("").build();
    expectError(
        400,
        "InvalidArgument",
        () ->
            put(
                "errors",
                LifecycleRule.builder()
                    .id("a")
                    .status(ExpirationStatus.ENABLED)
                    .filter(filter)
                    .expiration(LifecycleExpiration.builder().days(0).build())
                    .build()));
    expectError(
        400,
        "InvalidArgument",
        () ->
            put(
                "errors",
                LifecycleRule.builder()
                    .id("a")
                    .status(ExpirationStatus.ENABLED)
                    .filter(filter)
                    .expiration(
                        LifecycleExpiration.builder()
                            .date(Instant.parse("2030-01-01T12:00:00Z"))
                            .build())
                    .build()));
    LifecycleRule one =
        LifecycleRule.builder()
            .id("same")
            .status(ExpirationStatus.ENABLED)
            .filter(filter)
            .expiration(LifecycleExpiration.builder().days(1).build())
            .build();
    expectError(400, "InvalidArgument", () -> put("errors", one, one));
    expectError(
        400,
        "MalformedXML",
        () ->
            put(
                "errors",
                LifecycleRule.builder()
                    .id("a")
                    .status(ExpirationStatus.ENABLED)
                    .filter(filter)
                    .expiration(
                        LifecycleExpiration.builder()
                            .days(1)
                            .date(Instant.parse("2030-01-01T00:00:00Z"))
                            .build())
                    .build()));
    expectError(
        400,
        "InvalidRequest",
        () ->
            put(
                "errors",
                LifecycleRule.builder()
                    .id("a")
                    .status(ExpirationStatus.ENABLED)
                    .filter(
                        LifecycleRuleFilter.builder()
                            .tag(Tag.builder().key("k").value("v").build())
                            .build())
                    .abortIncompleteMultipartUpload(
                        AbortIncompleteMultipartUpload.builder().daysAfterInitiation(1).build())
                    .build()));
    // the local engine has storage tiers: a valid transition is kept (TieringSdkTest moves objects)
    s3.createBucket(b -> b.bucket("kept-transitions"));
    put(
        "kept-transitions",
        LifecycleRule.builder()
            .id("a")
            .status(ExpirationStatus.ENABLED)
            .filter(filter)
            .transitions(
                Transition.builder().days(30).storageClass(TransitionStorageClass.GLACIER).build())
            .build());
    assertThat(
            s3.getBucketLifecycleConfiguration(b -> b.bucket("kept-transitions"))
                .rules()
                .getFirst()
                .transitions()
                .getFirst()
                .storageClass())
        .isEqualTo(TransitionStorageClass.GLACIER);
    // an invalid transition is refused for what is wrong with it first
    expectError(
        400,
        "InvalidArgument",
        () ->
            put(
                "errors",
                LifecycleRule.builder()
                    .id("a")
                    .status(ExpirationStatus.ENABLED)
                    .filter(filter)
                    .transitions(
                        Transition.builder()
                            .days(-1)
                            .storageClass(TransitionStorageClass.GLACIER)
                            .build())
                    .build()));
    expectError(
        400,
        "InvalidArgument",
        () ->
            put(
                "errors",
                LifecycleRule.builder()
                    .id("a")
                    .status(ExpirationStatus.ENABLED)
                    .filter(filter)
                    .transitions(
                        Transition.builder()
                            .days(7)
                            .storageClass(TransitionStorageClass.STANDARD_IA)
                            .build())
                    .build()));
    expectError(404, "NoSuchBucket", () -> put("missing", one));
    expectError(
        404,
        "NoSuchLifecycleConfiguration",
        () -> s3.getBucketLifecycleConfiguration(b -> b.bucket("errors")));
  }

  @Test
  void putNeedsAnIntegrityHeaderAndBadBodiesAreNever500() throws Exception {
    RawHttp raw = new RawHttp(OPEN.server().endpoint());
    raw.send("PUT", "/raw", null);
    String body =
        "<LifecycleConfiguration><Rule><ID>a</ID><Filter><Prefix>x</Prefix></Filter>"
            + "<Status>Enabled</Status><Expiration><Days>1</Days></Expiration></Rule>"
            + "</LifecycleConfiguration>";
    HttpResponse<String> noMd5 = raw.send("PUT", "/raw?lifecycle", body);
    assertThat(noMd5.statusCode()).isEqualTo(400);
    assertThat(noMd5.body()).contains("<Code>InvalidRequest</Code>").contains("Content-MD5");
    for (String bad :
        List.of(
            "",
            "<LifecycleConfiguration>",
            "not xml",
            "<LifecycleConfiguration>"
                + "<Rule><ID>a</ID><Filter/><Status>Enabled</Status><Expiration><Days>99999999999"
                + "</Days></Expiration></Rule></LifecycleConfiguration>")) {
      HttpResponse<String> r = raw.send("PUT", "/raw?lifecycle", bad);
      assertThat(r.statusCode()).as(bad).isEqualTo(400);
    }
    HttpResponse<String> post = raw.send("POST", "/raw?lifecycle", body);
    assertThat(post.statusCode()).isLessThan(500);
  }

  @Test
  @SuppressWarnings("unchecked") // the SDK's varargs of builder consumers
  void expirationHeaderNamesTheDueDateAndRule() {
    put(
        "headers",
        LifecycleRule.builder()
            .id("picture-deletion")
            .status(ExpirationStatus.ENABLED)
            .filter(LifecycleRuleFilter.builder().prefix("pics/").build())
            .expiration(LifecycleExpiration.builder().days(3).build())
            .build(),
        LifecycleRule.builder()
            .id("later")
            .status(ExpirationStatus.ENABLED)
            .filter(LifecycleRuleFilter.builder().prefix("").build())
            .expiration(LifecycleExpiration.builder().days(30).build())
            .build(),
        LifecycleRule.builder()
            .id("tagged")
            .status(ExpirationStatus.ENABLED)
            .filter(
                LifecycleRuleFilter.builder()
                    .tag(Tag.builder().key("tmp").value("yes").build())
                    .build())
            .expiration(LifecycleExpiration.builder().days(1).build())
            .build());
    String put =
        s3.putObject(b -> b.bucket("headers").key("pics/cat.jpg"), RequestBody.fromString("meow"))
            .expiration();
    HeadObjectResponse head = s3.headObject(b -> b.bucket("headers").key("pics/cat.jpg"));
    String expected =
        "expiry-date=\""
            + midnightAfter(head.lastModified(), 3)
            + "\", rule-id=\"picture-deletion\"";
    assertThat(put).isEqualTo(expected);
    assertThat(head.expiration()).isEqualTo(expected);
    assertThat(s3.getObject(b -> b.bucket("headers").key("pics/cat.jpg")).response().expiration())
        .isEqualTo(expected);

    s3.putObject(
        b ->
            b.bucket("headers")
                .key("docs/a.txt")
                .tagging(
                    Tagging.builder()
                        .tagSet(Tag.builder().key("tmp").value("yes").build())
                        .build()),
        RequestBody.fromString("x"));
    assertThat(s3.headObject(b -> b.bucket("headers").key("docs/a.txt")).expiration())
        .endsWith("rule-id=\"tagged\"");
    String copied =
        s3.copyObject(
                b ->
                    b.sourceBucket("headers")
                        .sourceKey("docs/a.txt")
                        .destinationBucket("headers")
                        .destinationKey("docs/b.txt")
                        .taggingDirective("REPLACE"))
            .expiration();
    assertThat(copied).endsWith("rule-id=\"later\"");

    String uploadId =
        s3.createMultipartUpload(b -> b.bucket("headers").key("pics/big.jpg")).uploadId();
    String etag =
        s3.uploadPart(
                b -> b.bucket("headers").key("pics/big.jpg").uploadId(uploadId).partNumber(1),
                RequestBody.fromString("part"))
            .eTag();
    String completed =
        s3.completeMultipartUpload(
                b ->
                    b.bucket("headers")
                        .key("pics/big.jpg")
                        .uploadId(uploadId)
                        .multipartUpload(m -> m.parts(p -> p.partNumber(1).eTag(etag))))
            .expiration();
    assertThat(completed).endsWith("rule-id=\"picture-deletion\"");

    s3.putObject(b -> b.bucket("plain").key("k"), RequestBody.fromString("x"));
    assertThat(s3.headObject(b -> b.bucket("plain").key("k")).expiration()).isNull();

    s3.deleteBucketLifecycle(b -> b.bucket("headers"));
    assertThat(s3.headObject(b -> b.bucket("headers").key("pics/cat.jpg")).expiration())
        .as("the cached configuration is dropped on delete")
        .isNull();
  }

  @Test
  void newUploadsNameTheirAbortDateAndRule() {
    s3.createBucket(b -> b.bucket("uploads"));
    put(
        "uploads",
        LifecycleRule.builder()
            .id("abort-tmp")
            .status(ExpirationStatus.ENABLED)
            .filter(LifecycleRuleFilter.builder().prefix("tmp/").build())
            .abortIncompleteMultipartUpload(
                AbortIncompleteMultipartUpload.builder().daysAfterInitiation(2).build())
            .build());
    var created = s3.createMultipartUpload(b -> b.bucket("uploads").key("tmp/big"));
    assertThat(created.abortRuleId()).isEqualTo("abort-tmp");
    assertThat(created.abortDate()).isAfter(Instant.now().plus(1, ChronoUnit.DAYS));
    assertThat(created.abortDate().truncatedTo(ChronoUnit.DAYS)).isEqualTo(created.abortDate());
    var other = s3.createMultipartUpload(b -> b.bucket("uploads").key("keep/big"));
    assertThat(other.abortRuleId()).isNull();
    assertThat(other.abortDate()).isNull();
  }

  /** lastModified plus {@code days} days, rounded up to midnight UTC, as an HTTP date. */
  static String midnightAfter(Instant lastModified, int days) {
    Instant t = lastModified.plus(days, ChronoUnit.DAYS);
    Instant midnight = t.truncatedTo(ChronoUnit.DAYS);
    Instant at = midnight.equals(t) ? t : midnight.plus(1, ChronoUnit.DAYS);
    return DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US)
        .format(ZonedDateTime.ofInstant(at, ZoneOffset.UTC));
  }
}
