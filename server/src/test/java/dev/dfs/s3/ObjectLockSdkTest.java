package dev.dfs.s3;

import static dev.dfs.s3.SdkTestSupport.expectError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dfs.testing.DfsServerExtension;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.ObjectLockEnabled;
import software.amazon.awssdk.services.s3.model.ObjectLockLegalHoldStatus;
import software.amazon.awssdk.services.s3.model.ObjectLockMode;
import software.amazon.awssdk.services.s3.model.ObjectLockRetentionMode;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

/** S3 Object Lock through the AWS SDK v2: bucket configuration, retention, legal hold. */
class ObjectLockSdkTest {
  @RegisterExtension static final DfsServerExtension DFS = DfsServerExtension.local();
  static S3Client s3;
  static final AtomicInteger buckets = new AtomicInteger();

  @BeforeAll
  static void start() throws Exception {
    s3 = DFS.client();
  }

  static String lockedBucket() {
    String name = "lock-" + buckets.incrementAndGet();
    s3.createBucket(b -> b.bucket(name).objectLockEnabledForBucket(true));
    return name;
  }

  static String plainBucket() {
    String name = "plain-" + buckets.incrementAndGet();
    s3.createBucket(b -> b.bucket(name));
    return name;
  }

  static Instant inOneHour() {
    return Instant.now().plus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS);
  }

  static String put(
      String bucket, String key, java.util.function.Consumer<PutObjectRequest.Builder> lock) {
    return s3.putObject(
            b -> {
              b.bucket(bucket).key(key);
              lock.accept(b);
            },
            RequestBody.fromString("locked data"))
        .versionId();
  }

  @Test
  void lockedBucketsAreVersionedForGood() {
    String b = lockedBucket();
    assertThat(s3.getBucketVersioning(r -> r.bucket(b)).status())
        .isEqualTo(BucketVersioningStatus.ENABLED);
    expectError(
        409,
        "InvalidBucketState",
        () ->
            s3.putBucketVersioning(
                r ->
                    r.bucket(b)
                        .versioningConfiguration(c -> c.status(BucketVersioningStatus.SUSPENDED))));
    var config = s3.getObjectLockConfiguration(r -> r.bucket(b)).objectLockConfiguration();
    assertThat(config.objectLockEnabled()).isEqualTo(ObjectLockEnabled.ENABLED);
    assertThat(config.rule()).isNull();
  }

  @Test
  void bucketsWithoutObjectLockRefuseLockOperations() {
    String b = plainBucket();
    expectError(
        404,
        "ObjectLockConfigurationNotFoundError",
        () -> s3.getObjectLockConfiguration(r -> r.bucket(b)));
    expectError(
        409,
        "InvalidBucketState",
        () ->
            s3.putObjectLockConfiguration(
                r ->
                    r.bucket(b)
                        .objectLockConfiguration(
                            c -> c.objectLockEnabled(ObjectLockEnabled.ENABLED))));
    s3.putObject(r -> r.bucket(b).key("k"), RequestBody.fromString("x"));
    expectError(400, "InvalidRequest", () -> s3.getObjectRetention(r -> r.bucket(b).key("k")));
    expectError(
        400,
        "InvalidRequest",
        () ->
            s3.putObjectLegalHold(
                r -> r.bucket(b).key("k").legalHold(h -> h.status(ObjectLockLegalHoldStatus.ON))));
    expectError(
        400,
        "InvalidRequest",
        () ->
            put(
                b,
                "k2",
                p ->
                    p.objectLockMode(ObjectLockMode.GOVERNANCE)
                        .objectLockRetainUntilDate(inOneHour())));
    // a versioning-enabled bucket may turn Object Lock on, as S3 allows
    s3.putBucketVersioning(
        r -> r.bucket(b).versioningConfiguration(c -> c.status(BucketVersioningStatus.ENABLED)));
    s3.putObjectLockConfiguration(
        r ->
            r.bucket(b)
                .objectLockConfiguration(c -> c.objectLockEnabled(ObjectLockEnabled.ENABLED)));
    assertThat(
            s3.getObjectLockConfiguration(r -> r.bucket(b))
                .objectLockConfiguration()
                .objectLockEnabled())
        .isEqualTo(ObjectLockEnabled.ENABLED);
  }

  @Test
  void defaultRetentionAppliesToNewVersions() {
    String b = lockedBucket();
    s3.putObjectLockConfiguration(
        r ->
            r.bucket(b)
                .objectLockConfiguration(
                    c ->
                        c.objectLockEnabled(ObjectLockEnabled.ENABLED)
                            .rule(
                                rule ->
                                    rule.defaultRetention(
                                        d -> d.mode(ObjectLockRetentionMode.GOVERNANCE).days(1)))));
    var rule = s3.getObjectLockConfiguration(r -> r.bucket(b)).objectLockConfiguration().rule();
    assertThat(rule.defaultRetention().mode()).isEqualTo(ObjectLockRetentionMode.GOVERNANCE);
    assertThat(rule.defaultRetention().days()).isEqualTo(1);
    String v = put(b, "k", p -> {});
    var head = s3.headObject(r -> r.bucket(b).key("k").versionId(v));
    assertThat(head.objectLockMode()).isEqualTo(ObjectLockMode.GOVERNANCE);
    assertThat(head.objectLockRetainUntilDate())
        .isBetween(
            Instant.now().plus(Duration.ofHours(23)), Instant.now().plus(Duration.ofHours(25)));
    var retention = s3.getObjectRetention(r -> r.bucket(b).key("k").versionId(v)).retention();
    assertThat(retention.mode()).isEqualTo(ObjectLockRetentionMode.GOVERNANCE);
    expectError(
        400,
        "MalformedXML",
        () ->
            s3.putObjectLockConfiguration(
                r ->
                    r.bucket(b)
                        .objectLockConfiguration(
                            c ->
                                c.objectLockEnabled(ObjectLockEnabled.ENABLED)
                                    .rule(
                                        x ->
                                            x.defaultRetention(
                                                d ->
                                                    d.mode(ObjectLockRetentionMode.GOVERNANCE)
                                                        .days(1)
                                                        .years(1))))));
    expectError(
        400,
        "InvalidRetentionPeriod",
        () ->
            s3.putObjectLockConfiguration(
                r ->
                    r.bucket(b)
                        .objectLockConfiguration(
                            c ->
                                c.objectLockEnabled(ObjectLockEnabled.ENABLED)
                                    .rule(
                                        x ->
                                            x.defaultRetention(
                                                d ->
                                                    d.mode(ObjectLockRetentionMode.GOVERNANCE)
                                                        .days(0))))));
    expectError(
        400,
        "InvalidRetentionPeriod",
        () ->
            s3.putObjectLockConfiguration(
                r ->
                    r.bucket(b)
                        .objectLockConfiguration(
                            c ->
                                c.objectLockEnabled(ObjectLockEnabled.ENABLED)
                                    .rule(
                                        x ->
                                            x.defaultRetention(
                                                d ->
                                                    d.mode(ObjectLockRetentionMode.COMPLIANCE)
                                                        .years(-1))))));
  }

  /** GOVERNANCE to COMPLIANCE is a change S3 allows only with the bypass, even when longer. */
  @Test
  void governanceBecomesComplianceOnlyWithTheBypass() {
    String b = lockedBucket();
    Instant until = inOneHour();
    String v =
        put(
            b,
            "k",
            p -> p.objectLockMode(ObjectLockMode.GOVERNANCE).objectLockRetainUntilDate(until));
    expectError(
        403,
        "AccessDenied",
        () ->
            s3.putObjectRetention(
                r ->
                    r.bucket(b)
                        .key("k")
                        .versionId(v)
                        .retention(
                            x ->
                                x.mode(ObjectLockRetentionMode.COMPLIANCE)
                                    .retainUntilDate(until.plusSeconds(60)))));
    s3.putObjectRetention(
        r ->
            r.bucket(b)
                .key("k")
                .versionId(v)
                .bypassGovernanceRetention(true)
                .retention(
                    x ->
                        x.mode(ObjectLockRetentionMode.COMPLIANCE)
                            .retainUntilDate(until.plusSeconds(60))));
    assertThat(s3.getObjectRetention(r -> r.bucket(b).key("k").versionId(v)).retention().mode())
        .isEqualTo(ObjectLockRetentionMode.COMPLIANCE);
  }

  @Test
  void governanceRetentionBlocksDeletesUnlessBypassed() {
    String b = lockedBucket();
    Instant until = inOneHour();
    String v =
        put(
            b,
            "k",
            p -> p.objectLockMode(ObjectLockMode.GOVERNANCE).objectLockRetainUntilDate(until));
    var head = s3.headObject(r -> r.bucket(b).key("k"));
    assertThat(head.objectLockMode()).isEqualTo(ObjectLockMode.GOVERNANCE);
    assertThat(head.objectLockRetainUntilDate()).isEqualTo(until);
    expectError(403, "AccessDenied", () -> s3.deleteObject(r -> r.bucket(b).key("k").versionId(v)));
    var batch =
        s3.deleteObjects(
            r ->
                r.bucket(b)
                    .delete(
                        d -> d.objects(ObjectIdentifier.builder().key("k").versionId(v).build())));
    assertThat(batch.errors())
        .singleElement()
        .satisfies(e -> assertThat(e.code()).isEqualTo("AccessDenied"));
    // a delete marker is always allowed
    assertThat(s3.deleteObject(r -> r.bucket(b).key("k")).deleteMarker()).isTrue();
    // shortening needs the bypass; extending does not
    expectError(
        403,
        "AccessDenied",
        () ->
            s3.putObjectRetention(
                r ->
                    r.bucket(b)
                        .key("k")
                        .versionId(v)
                        .retention(
                            x ->
                                x.mode(ObjectLockRetentionMode.GOVERNANCE)
                                    .retainUntilDate(until.minusSeconds(60)))));
    s3.putObjectRetention(
        r ->
            r.bucket(b)
                .key("k")
                .versionId(v)
                .retention(
                    x ->
                        x.mode(ObjectLockRetentionMode.GOVERNANCE)
                            .retainUntilDate(until.plusSeconds(60))));
    s3.putObjectRetention(
        r ->
            r.bucket(b)
                .key("k")
                .versionId(v)
                .bypassGovernanceRetention(true)
                .retention(
                    x ->
                        x.mode(ObjectLockRetentionMode.GOVERNANCE)
                            .retainUntilDate(until.minusSeconds(60))));
    assertThat(
            s3.getObjectRetention(r -> r.bucket(b).key("k").versionId(v))
                .retention()
                .retainUntilDate())
        .isEqualTo(until.minusSeconds(60));
    s3.deleteObject(r -> r.bucket(b).key("k").versionId(v).bypassGovernanceRetention(true));
    expectError(
        404, "NoSuchVersion", () -> s3.getObjectAsBytes(r -> r.bucket(b).key("k").versionId(v)));
  }

  @Test
  void complianceRetentionCanOnlyBeExtended() {
    String b = lockedBucket();
    Instant until = inOneHour();
    String v =
        put(
            b,
            "k",
            p -> p.objectLockMode(ObjectLockMode.COMPLIANCE).objectLockRetainUntilDate(until));
    expectError(
        403,
        "AccessDenied",
        () ->
            s3.deleteObject(
                r -> r.bucket(b).key("k").versionId(v).bypassGovernanceRetention(true)));
    expectError(
        403,
        "AccessDenied",
        () ->
            s3.putObjectRetention(
                r ->
                    r.bucket(b)
                        .key("k")
                        .versionId(v)
                        .bypassGovernanceRetention(true)
                        .retention(
                            x ->
                                x.mode(ObjectLockRetentionMode.COMPLIANCE)
                                    .retainUntilDate(until.minusSeconds(1)))));
    expectError(
        403,
        "AccessDenied",
        () ->
            s3.putObjectRetention(
                r ->
                    r.bucket(b)
                        .key("k")
                        .versionId(v)
                        .bypassGovernanceRetention(true)
                        .retention(
                            x ->
                                x.mode(ObjectLockRetentionMode.GOVERNANCE)
                                    .retainUntilDate(until.plusSeconds(60)))));
    s3.putObjectRetention(
        r ->
            r.bucket(b)
                .key("k")
                .versionId(v)
                .retention(
                    x ->
                        x.mode(ObjectLockRetentionMode.COMPLIANCE)
                            .retainUntilDate(until.plusSeconds(3600))));
    var r = s3.getObjectRetention(x -> x.bucket(b).key("k").versionId(v)).retention();
    assertThat(r.mode()).isEqualTo(ObjectLockRetentionMode.COMPLIANCE);
    assertThat(r.retainUntilDate()).isEqualTo(until.plusSeconds(3600));
  }

  @Test
  void legalHoldBlocksDeletesUntilReleased() {
    String b = lockedBucket();
    String v = put(b, "k", p -> {});
    expectError(
        404,
        "NoSuchObjectLockConfiguration",
        () -> s3.getObjectLegalHold(r -> r.bucket(b).key("k").versionId(v)));
    expectError(
        404,
        "NoSuchObjectLockConfiguration",
        () -> s3.getObjectRetention(r -> r.bucket(b).key("k").versionId(v)));
    s3.putObjectLegalHold(
        r ->
            r.bucket(b)
                .key("k")
                .versionId(v)
                .legalHold(h -> h.status(ObjectLockLegalHoldStatus.ON)));
    assertThat(s3.getObjectLegalHold(r -> r.bucket(b).key("k").versionId(v)).legalHold().status())
        .isEqualTo(ObjectLockLegalHoldStatus.ON);
    assertThat(s3.headObject(r -> r.bucket(b).key("k")).objectLockLegalHoldStatus())
        .isEqualTo(ObjectLockLegalHoldStatus.ON);
    expectError(
        403,
        "AccessDenied",
        () ->
            s3.deleteObject(
                r -> r.bucket(b).key("k").versionId(v).bypassGovernanceRetention(true)));
    s3.putObjectLegalHold(
        r ->
            r.bucket(b)
                .key("k")
                .versionId(v)
                .legalHold(h -> h.status(ObjectLockLegalHoldStatus.OFF)));
    var done =
        s3.deleteObjects(
            r ->
                r.bucket(b)
                    .delete(
                        d -> d.objects(ObjectIdentifier.builder().key("k").versionId(v).build())));
    assertThat(done.errors()).isEmpty();
    assertThat(done.deleted()).hasSize(1);
  }

  @Test
  void invalidLockRequestsAreClientErrors() {
    String b = lockedBucket();
    expectError(
        400,
        "InvalidArgument",
        () -> put(b, "k", p -> p.objectLockMode(ObjectLockMode.GOVERNANCE)));
    expectError(
        400,
        "InvalidArgument",
        () ->
            put(
                b,
                "k",
                p ->
                    p.objectLockMode(ObjectLockMode.GOVERNANCE)
                        .objectLockRetainUntilDate(Instant.now().minusSeconds(60))));
    expectError(
        400,
        "InvalidArgument",
        () -> put(b, "k", p -> p.objectLockMode("FOREVER").objectLockRetainUntilDate(inOneHour())));
    String v = put(b, "k", p -> {});
    expectError(
        400,
        "InvalidArgument",
        () ->
            s3.putObjectRetention(
                r ->
                    r.bucket(b)
                        .key("k")
                        .versionId(v)
                        .retention(
                            x ->
                                x.mode(ObjectLockRetentionMode.GOVERNANCE)
                                    .retainUntilDate(Instant.now().minusSeconds(5)))));
    String marker = s3.deleteObject(r -> r.bucket(b).key("k")).versionId();
    expectError(
        405,
        "MethodNotAllowed",
        () -> s3.getObjectRetention(r -> r.bucket(b).key("k").versionId(marker)));
    expectError(
        404,
        "NoSuchVersion",
        () -> s3.getObjectLegalHold(r -> r.bucket(b).key("k").versionId("0".repeat(32))));
  }

  @Test
  void copyAndMultipartTakeLockHeadersNotTheSourceLock() {
    String b = lockedBucket();
    Instant until = inOneHour();
    put(
        b,
        "src",
        p ->
            p.objectLockMode(ObjectLockMode.COMPLIANCE)
                .objectLockRetainUntilDate(until)
                .objectLockLegalHoldStatus(ObjectLockLegalHoldStatus.ON));
    String plain =
        s3.copyObject(
                r -> r.sourceBucket(b).sourceKey("src").destinationBucket(b).destinationKey("copy"))
            .versionId();
    var head = s3.headObject(r -> r.bucket(b).key("copy").versionId(plain));
    assertThat(head.objectLockMode()).isNull();
    assertThat(head.objectLockLegalHoldStatus()).isNull();
    s3.copyObject(
        r ->
            r.sourceBucket(b)
                .sourceKey("src")
                .destinationBucket(b)
                .destinationKey("copy2")
                .objectLockMode(ObjectLockMode.GOVERNANCE)
                .objectLockRetainUntilDate(until));
    assertThat(s3.headObject(r -> r.bucket(b).key("copy2")).objectLockMode())
        .isEqualTo(ObjectLockMode.GOVERNANCE);

    String upload =
        s3.createMultipartUpload(
                r -> r.bucket(b).key("mp").objectLockLegalHoldStatus(ObjectLockLegalHoldStatus.ON))
            .uploadId();
    var part =
        s3.uploadPart(
            r -> r.bucket(b).key("mp").uploadId(upload).partNumber(1),
            RequestBody.fromString("part"));
    String v =
        s3.completeMultipartUpload(
                r ->
                    r.bucket(b)
                        .key("mp")
                        .uploadId(upload)
                        .multipartUpload(
                            m ->
                                m.parts(
                                    CompletedPart.builder()
                                        .partNumber(1)
                                        .eTag(part.eTag())
                                        .build())))
            .versionId();
    assertThat(s3.getObjectLegalHold(r -> r.bucket(b).key("mp").versionId(v)).legalHold().status())
        .isEqualTo(ObjectLockLegalHoldStatus.ON);
  }
}
