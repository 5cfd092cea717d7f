package dev.dfs.s3;

import static dev.dfs.s3.SdkTestSupport.expectError;
import static dev.dfs.s3.SdkTestSupport.randomBytes;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dfs.testing.DfsServerExtension;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.CopyObjectResponse;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.MetadataDirective;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.StorageClass;

/** CopyObject, DeleteObject and DeleteObjects through the AWS SDK v2. */
class CopyDeleteSdkTest {
  private static final String BUCKET = "copies";
  private static final String OTHER = "other-bucket";

  @RegisterExtension static final DfsServerExtension DFS = DfsServerExtension.local();
  static S3Client s3;

  @BeforeAll
  static void start() throws Exception {
    s3 = DFS.client();
    s3.createBucket(b -> b.bucket(BUCKET));
    s3.createBucket(b -> b.bucket(OTHER));
  }

  private static String putWithMetadata(String key, byte[] data) {
    return s3.putObject(
            b ->
                b.bucket(BUCKET)
                    .key(key)
                    .contentType("text/csv")
                    .cacheControl("max-age=1")
                    .metadata(Map.of("origin", "source"))
                    .storageClass(StorageClass.STANDARD_IA),
            RequestBody.fromBytes(data))
        .eTag();
  }

  private static byte[] get(String bucket, String key) {
    return s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asByteArray();
  }

  @Test
  void copyKeepsMetadataByDefault() {
    byte[] data = randomBytes(5000, 1);
    String etag = putWithMetadata("src/copy", data);
    CopyObjectResponse r =
        s3.copyObject(
            b ->
                b.sourceBucket(BUCKET)
                    .sourceKey("src/copy")
                    .destinationBucket(OTHER)
                    .destinationKey("dst/copy"));
    assertThat(r.copyObjectResult().eTag()).isEqualTo(etag);
    assertThat(r.copyObjectResult().lastModified()).isAfter(Instant.now().minusSeconds(60));
    assertThat(get(OTHER, "dst/copy")).isEqualTo(data);
    HeadObjectResponse head = s3.headObject(b -> b.bucket(OTHER).key("dst/copy"));
    assertThat(head.contentType()).isEqualTo("text/csv");
    assertThat(head.cacheControl()).isEqualTo("max-age=1");
    assertThat(head.metadata()).isEqualTo(Map.of("origin", "source"));
    // As S3: without x-amz-storage-class the copy is STANDARD.
    assertThat(head.storageClass()).isNull();
  }

  @Test
  void copyWithReplaceTakesTheRequestsMetadata() {
    byte[] data = randomBytes(100, 2);
    putWithMetadata("src/replace", data);
    s3.copyObject(
        b ->
            b.sourceBucket(BUCKET)
                .sourceKey("src/replace")
                .destinationBucket(BUCKET)
                .destinationKey("dst/replace")
                .metadataDirective(MetadataDirective.REPLACE)
                .contentType("application/json")
                .metadata(Map.of("fresh", "yes"))
                .storageClass(StorageClass.GLACIER_IR));
    HeadObjectResponse head = s3.headObject(b -> b.bucket(BUCKET).key("dst/replace"));
    assertThat(head.contentType()).isEqualTo("application/json");
    assertThat(head.cacheControl()).isNull();
    assertThat(head.metadata()).isEqualTo(Map.of("fresh", "yes"));
    assertThat(head.storageClass()).isEqualTo(StorageClass.GLACIER_IR);
    assertThat(get(BUCKET, "dst/replace")).isEqualTo(data);
  }

  @Test
  void copyOntoItself() {
    putWithMetadata("self", randomBytes(10, 3));
    var e =
        expectError(
            400,
            "InvalidRequest",
            () ->
                s3.copyObject(
                    b ->
                        b.sourceBucket(BUCKET)
                            .sourceKey("self")
                            .destinationBucket(BUCKET)
                            .destinationKey("self")));
    assertThat(e.awsErrorDetails().errorMessage())
        .startsWith(
            "This copy request is illegal because it is trying to copy an object to itself");
    s3.copyObject(
        b ->
            b.sourceBucket(BUCKET)
                .sourceKey("self")
                .destinationBucket(BUCKET)
                .destinationKey("self")
                .metadataDirective(MetadataDirective.REPLACE)
                .metadata(Map.of("v", "2")));
    assertThat(s3.headObject(b -> b.bucket(BUCKET).key("self")).metadata())
        .isEqualTo(Map.of("v", "2"));
    s3.copyObject(
        b ->
            b.sourceBucket(BUCKET)
                .sourceKey("self")
                .destinationBucket(BUCKET)
                .destinationKey("self")
                .storageClass(StorageClass.ONEZONE_IA));
    HeadObjectResponse head = s3.headObject(b -> b.bucket(BUCKET).key("self"));
    assertThat(head.storageClass()).isEqualTo(StorageClass.ONEZONE_IA);
    assertThat(head.metadata()).isEqualTo(Map.of("v", "2"));
  }

  /**
   * Copying an older version onto its own key is how S3 restores a previous version ("Restoring
   * previous versions" in the S3 user guide), so a copy source naming a versionId is no self-copy.
   */
  @Test
  void copyOfAnOlderVersionOntoItsKeyRestoresIt() {
    s3.createBucket(b -> b.bucket("restore-versions"));
    s3.putBucketVersioning(
        b ->
            b.bucket("restore-versions")
                .versioningConfiguration(
                    v ->
                        v.status(
                            software.amazon.awssdk.services.s3.model.BucketVersioningStatus
                                .ENABLED)));
    String old =
        s3.putObject(b -> b.bucket("restore-versions").key("k"), RequestBody.fromString("first"))
            .versionId();
    s3.putObject(b -> b.bucket("restore-versions").key("k"), RequestBody.fromString("second"));
    s3.copyObject(
        b ->
            b.sourceBucket("restore-versions")
                .sourceKey("k")
                .sourceVersionId(old)
                .destinationBucket("restore-versions")
                .destinationKey("k"));
    assertThat(s3.getObjectAsBytes(b -> b.bucket("restore-versions").key("k")).asUtf8String())
        .isEqualTo("first");
    assertThat(s3.listObjectVersions(b -> b.bucket("restore-versions")).versions()).hasSize(3);
  }

  @Test
  void copySourceConditions() {
    String etag = putWithMetadata("cond", randomBytes(10, 4));
    Instant past = Instant.now().minus(1, ChronoUnit.DAYS);
    Instant future = Instant.now().plus(1, ChronoUnit.DAYS);
    expectError(
        412,
        "PreconditionFailed",
        () ->
            s3.copyObject(
                b ->
                    b.sourceBucket(BUCKET)
                        .sourceKey("cond")
                        .destinationBucket(BUCKET)
                        .destinationKey("c1")
                        .copySourceIfMatch("\"nope\"")));
    expectError(
        412,
        "PreconditionFailed",
        () ->
            s3.copyObject(
                b ->
                    b.sourceBucket(BUCKET)
                        .sourceKey("cond")
                        .destinationBucket(BUCKET)
                        .destinationKey("c1")
                        .copySourceIfNoneMatch(etag)));
    expectError(
        412,
        "PreconditionFailed",
        () ->
            s3.copyObject(
                b ->
                    b.sourceBucket(BUCKET)
                        .sourceKey("cond")
                        .destinationBucket(BUCKET)
                        .destinationKey("c1")
                        .copySourceIfModifiedSince(future)));
    expectError(
        412,
        "PreconditionFailed",
        () ->
            s3.copyObject(
                b ->
                    b.sourceBucket(BUCKET)
                        .sourceKey("cond")
                        .destinationBucket(BUCKET)
                        .destinationKey("c1")
                        .copySourceIfUnmodifiedSince(past)));
    expectError(404, "NoSuchKey", () -> get(BUCKET, "c1"));
    // If-Match true wins over If-Unmodified-Since false.
    s3.copyObject(
        b ->
            b.sourceBucket(BUCKET)
                .sourceKey("cond")
                .destinationBucket(BUCKET)
                .destinationKey("c1")
                .copySourceIfMatch(etag)
                .copySourceIfUnmodifiedSince(past));
    s3.copyObject(
        b ->
            b.sourceBucket(BUCKET)
                .sourceKey("cond")
                .destinationBucket(BUCKET)
                .destinationKey("c2")
                .copySourceIfNoneMatch("\"other\"")
                .copySourceIfModifiedSince(past));
    assertThat(get(BUCKET, "c2")).hasSize(10);
  }

  @Test
  void keysNeedingUrlEncoding() {
    String key = "a b+c%/ü";
    byte[] data = randomBytes(64, 5);
    s3.putObject(b -> b.bucket(BUCKET).key(key), RequestBody.fromBytes(data));
    s3.copyObject(
        b ->
            b.sourceBucket(BUCKET)
                .sourceKey(key)
                .destinationBucket(OTHER)
                .destinationKey(key + " copy"));
    assertThat(get(OTHER, key + " copy")).isEqualTo(data);
  }

  @Test
  void copyErrors() {
    expectError(
        404,
        "NoSuchKey",
        () ->
            s3.copyObject(
                b ->
                    b.sourceBucket(BUCKET)
                        .sourceKey("missing")
                        .destinationBucket(BUCKET)
                        .destinationKey("x")));
    expectError(
        404,
        "NoSuchBucket",
        () ->
            s3.copyObject(
                b ->
                    b.sourceBucket("no-bucket")
                        .sourceKey("k")
                        .destinationBucket(BUCKET)
                        .destinationKey("x")));
    putWithMetadata("versioned", new byte[] {1});
    expectError(
        400,
        "InvalidArgument",
        () ->
            s3.copyObject(
                b ->
                    b.sourceBucket(BUCKET)
                        .sourceKey("versioned")
                        .sourceVersionId("v1")
                        .destinationBucket(BUCKET)
                        .destinationKey("x")));
    s3.copyObject(
        b ->
            b.sourceBucket(BUCKET)
                .sourceKey("versioned")
                .sourceVersionId("null")
                .destinationBucket(BUCKET)
                .destinationKey("from-null-version"));
    assertThat(get(BUCKET, "from-null-version")).containsExactly(1);
  }

  @Test
  void copyWithChecksumAlgorithm() {
    byte[] data = randomBytes(3000, 6);
    s3.putObject(b -> b.bucket(BUCKET).key("plain-sum"), RequestBody.fromBytes(data));
    CopyObjectResponse r =
        s3.copyObject(
            b ->
                b.sourceBucket(BUCKET)
                    .sourceKey("plain-sum")
                    .destinationBucket(BUCKET)
                    .destinationKey("sha-sum")
                    .checksumAlgorithm(ChecksumAlgorithm.SHA256));
    String expected = SdkTestSupport.checksum(dev.dfs.util.ChecksumAlgorithm.SHA256, data);
    assertThat(r.copyObjectResult().checksumSHA256()).isEqualTo(expected);
    assertThat(
            s3.headObject(b -> b.bucket(BUCKET).key("sha-sum").checksumMode(ChecksumMode.ENABLED))
                .checksumSHA256())
        .isEqualTo(expected);
  }

  @Test
  void deleteObjectsVerbose() {
    for (String k : List.of("d/1", "d/2")) {
      s3.putObject(b -> b.bucket(BUCKET).key(k), RequestBody.fromBytes(new byte[] {1}));
    }
    DeleteObjectsResponse r =
        s3.deleteObjects(
            b ->
                b.bucket(BUCKET)
                    .delete(
                        d ->
                            d.objects(
                                ObjectIdentifier.builder().key("d/1").build(),
                                ObjectIdentifier.builder().key("d/2").build(),
                                ObjectIdentifier.builder().key("d/never-existed").build(),
                                ObjectIdentifier.builder()
                                    .key("d/versioned")
                                    .versionId("abc")
                                    .build())));
    assertThat(r.deleted())
        .extracting(x -> x.key())
        .containsExactly("d/1", "d/2", "d/never-existed");
    assertThat(r.errors())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.key()).isEqualTo("d/versioned");
              assertThat(e.code()).isEqualTo("InvalidArgument");
            });
    expectError(404, "NoSuchKey", () -> get(BUCKET, "d/1"));
  }

  @Test
  void deleteObjectsQuiet() {
    s3.putObject(b -> b.bucket(BUCKET).key("q/1"), RequestBody.fromBytes(new byte[] {1}));
    DeleteObjectsResponse r =
        s3.deleteObjects(
            b ->
                b.bucket(BUCKET)
                    .delete(
                        d ->
                            d.quiet(true)
                                .objects(
                                    ObjectIdentifier.builder().key("q/1").build(),
                                    ObjectIdentifier.builder().key("q/2").build())));
    assertThat(r.deleted()).isEmpty();
    assertThat(r.errors()).isEmpty();
    expectError(404, "NoSuchKey", () -> get(BUCKET, "q/1"));
  }

  @Test
  void deleteObjectsLimits() {
    List<ObjectIdentifier> many = new java.util.ArrayList<>();
    for (int i = 0; i < 1001; i++) many.add(ObjectIdentifier.builder().key("k" + i).build());
    expectError(
        400,
        "MalformedXML",
        () -> s3.deleteObjects(b -> b.bucket(BUCKET).delete(d -> d.objects(many))));
    DeleteObjectsResponse thousand =
        s3.deleteObjects(b -> b.bucket(BUCKET).delete(d -> d.objects(many.subList(0, 1000))));
    assertThat(thousand.deleted()).hasSize(1000);
    expectError(
        404,
        "NoSuchBucket",
        () ->
            s3.deleteObjects(
                b ->
                    b.bucket("no-bucket")
                        .delete(d -> d.objects(ObjectIdentifier.builder().key("k").build()))));
  }
}
