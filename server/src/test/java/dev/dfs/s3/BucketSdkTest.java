package dev.dfs.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dfs.testing.DfsServerExtension;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Bucket;
import software.amazon.awssdk.services.s3.model.CreateBucketResponse;
import software.amazon.awssdk.services.s3.model.GetBucketLocationResponse;
import software.amazon.awssdk.services.s3.model.HeadBucketResponse;
import software.amazon.awssdk.services.s3.model.ListBucketsResponse;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** Bucket operations through the AWS SDK v2 (and raw HTTP where an SDK cannot go). */
class BucketSdkTest {
  @RegisterExtension static final DfsServerExtension DFS = DfsServerExtension.local();
  @RegisterExtension static final DfsServerExtension ANON = DfsServerExtension.local().anonymous();
  static S3Client s3;
  static RawHttp raw;
  static final AtomicInteger SEQ = new AtomicInteger();

  @BeforeAll
  static void start() throws Exception {
    s3 = DFS.client();
    raw = new RawHttp(ANON.server().endpoint());
  }

  static String newName() {
    return "bkt-" + SEQ.incrementAndGet();
  }

  static void assertS3Error(Runnable call, int status, String code) {
    assertThatThrownBy(call::run)
        .isInstanceOfSatisfying(
            S3Exception.class,
            e -> {
              assertThat(e.statusCode()).isEqualTo(status);
              if (code != null) assertThat(e.awsErrorDetails().errorCode()).isEqualTo(code);
            });
  }

  @Test
  void createListHeadDelete() {
    String name = newName();
    Instant before = Instant.now().minusSeconds(2);
    CreateBucketResponse created = s3.createBucket(b -> b.bucket(name));
    assertThat(created.location()).isEqualTo("/" + name);

    ListBucketsResponse list = s3.listBuckets();
    assertThat(list.owner().id()).isEqualTo("root");
    Bucket listed =
        list.buckets().stream().filter(b -> b.name().equals(name)).findFirst().orElseThrow();
    assertThat(listed.creationDate()).isBetween(before, Instant.now().plusSeconds(2));
    assertThat(listed.bucketRegion()).isEqualTo("us-east-1");
    List<String> names = list.buckets().stream().map(Bucket::name).toList();
    assertThat(names).isSorted();

    HeadBucketResponse head = s3.headBucket(b -> b.bucket(name));
    assertThat(head.bucketRegion()).isEqualTo("us-east-1");

    s3.deleteBucket(b -> b.bucket(name));
    assertThatThrownBy(() -> s3.headBucket(b -> b.bucket(name)))
        .isInstanceOfSatisfying(
            NoSuchBucketException.class, e -> assertThat(e.statusCode()).isEqualTo(404));
    assertThat(s3.listBuckets().buckets()).extracting(Bucket::name).doesNotContain(name);
  }

  @Test
  void recreatingAnOwnedBucketIsOkInUsEast1() {
    String name = newName();
    s3.createBucket(b -> b.bucket(name));
    CreateBucketResponse again = s3.createBucket(b -> b.bucket(name));
    assertThat(again.sdkHttpResponse().statusCode()).isEqualTo(200);
  }

  /** Names the SDK lets through (it checks length, case, '..', IPs, '-' and '_' itself). */
  @ParameterizedTest
  @ValueSource(strings = {"api", "xn--abc", "abc-s3alias", "abc--ol-s3", "sthree-x"})
  void invalidNamesAreRefused(String name) {
    assertS3Error(() -> s3.createBucket(b -> b.bucket(name)), 400, "InvalidBucketName");
  }

  /** Names only a raw request can carry. */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "ab",
        "Upper-Case",
        "a..b",
        "192.168.0.1",
        "-dash",
        "under_score",
        "dash-",
        "a%20b"
      })
  void invalidNamesAreRefusedOnTheWire(String name) throws Exception {
    HttpResponse<String> r = raw.send("PUT", "/" + name, "");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).contains("<Code>InvalidBucketName</Code>");
  }

  @Test
  void locationConstraintOfOurRegionIsAccepted() {
    String name = newName();
    s3.createBucket(
        b -> b.bucket(name).createBucketConfiguration(c -> c.locationConstraint("us-east-1")));
    assertThat(s3.headBucket(b -> b.bucket(name)).bucketRegion()).isEqualTo("us-east-1");
  }

  @Test
  void locationConstraintOfAnotherRegionIsRefused() {
    String name = newName();
    assertS3Error(
        () ->
            s3.createBucket(
                b ->
                    b.bucket(name)
                        .createBucketConfiguration(c -> c.locationConstraint("eu-west-1"))),
        400,
        "IllegalLocationConstraintException");
    assertThatThrownBy(() -> s3.headBucket(b -> b.bucket(name)))
        .isInstanceOf(NoSuchBucketException.class);
  }

  @Test
  void objectLockAtCreationEnablesVersioning() {
    String name = newName();
    s3.createBucket(b -> b.bucket(name).objectLockEnabledForBucket(true));
    assertThat(s3.getBucketVersioning(b -> b.bucket(name)).statusAsString()).isEqualTo("Enabled");
  }

  @Test
  void malformedConfigurationIsMalformedXml() throws Exception {
    HttpResponse<String> r = raw.send("PUT", "/" + newName(), "<CreateBucketConfiguration>");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).contains("<Code>MalformedXML</Code>");
  }

  @Test
  void rawCreateAnswersLocationAndHeadHasNoBodyWhenMissing() throws Exception {
    String name = newName();
    HttpResponse<String> created = raw.send("PUT", "/" + name, "");
    assertThat(created.statusCode()).isEqualTo(200);
    assertThat(created.headers().firstValue("Location")).hasValue("/" + name);

    HttpResponse<String> head = raw.send("HEAD", "/" + name + "-missing", null);
    assertThat(head.statusCode()).isEqualTo(404);
    assertThat(head.body()).isEmpty();

    HttpResponse<String> headOk = raw.send("HEAD", "/" + name, null);
    assertThat(headOk.headers().firstValue("x-amz-bucket-region")).hasValue("us-east-1");
  }

  @Test
  void reservedApiNameSaysWhy() throws Exception {
    HttpResponse<String> r = raw.send("PUT", "/api", "");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).contains("<Code>InvalidBucketName</Code>").contains("management API");
  }

  @Test
  void deletingANonEmptyBucketIsRefused() {
    String name = newName();
    s3.createBucket(b -> b.bucket(name));
    s3.putObject(b -> b.bucket(name).key("k"), RequestBody.fromString("x"));
    assertS3Error(() -> s3.deleteBucket(b -> b.bucket(name)), 409, "BucketNotEmpty");
    s3.deleteObject(b -> b.bucket(name).key("k"));
    s3.deleteBucket(b -> b.bucket(name));
  }

  /** S3 general-purpose buckets, RGW and MinIO abort incomplete uploads with their bucket. */
  @Test
  void deletingABucketWithOnlyOpenUploadsAbortsThem() {
    String name = newName();
    s3.createBucket(b -> b.bucket(name));
    String uploadId = s3.createMultipartUpload(b -> b.bucket(name).key("big")).uploadId();
    s3.uploadPart(
        b -> b.bucket(name).key("big").uploadId(uploadId).partNumber(1),
        RequestBody.fromString("part"));
    s3.deleteBucket(b -> b.bucket(name));
    assertS3Error(() -> s3.headBucket(b -> b.bucket(name)), 404, null);
    s3.createBucket(b -> b.bucket(name));
    assertThat(s3.listMultipartUploads(b -> b.bucket(name)).uploads()).isEmpty();
    s3.deleteBucket(b -> b.bucket(name));
  }

  @Test
  void openUploadsSurviveARefusedDeleteBucket() {
    String name = newName();
    s3.createBucket(b -> b.bucket(name));
    s3.putObject(b -> b.bucket(name).key("k"), RequestBody.fromString("x"));
    String uploadId = s3.createMultipartUpload(b -> b.bucket(name).key("big")).uploadId();
    assertS3Error(() -> s3.deleteBucket(b -> b.bucket(name)), 409, "BucketNotEmpty");
    assertThat(s3.listMultipartUploads(b -> b.bucket(name)).uploads())
        .extracting(u -> u.uploadId())
        .containsExactly(uploadId);
    s3.deleteObject(b -> b.bucket(name).key("k"));
    s3.deleteBucket(b -> b.bucket(name));
  }

  @Test
  void missingBucketIsNoSuchBucketEverywhere() {
    String name = newName();
    assertS3Error(() -> s3.deleteBucket(b -> b.bucket(name)), 404, "NoSuchBucket");
    assertS3Error(() -> s3.getBucketLocation(b -> b.bucket(name)), 404, "NoSuchBucket");
    assertS3Error(() -> s3.getBucketVersioning(b -> b.bucket(name)), 404, "NoSuchBucket");
  }

  @Test
  void locationIsEmptyForUsEast1() throws Exception {
    String name = newName();
    s3.createBucket(b -> b.bucket(name));
    GetBucketLocationResponse location = s3.getBucketLocation(b -> b.bucket(name));
    assertThat(location.locationConstraintAsString()).isNullOrEmpty();
    raw.send("PUT", "/" + name, "");
    assertThat(raw.get("/" + name + "?location").body())
        .contains("<LocationConstraint xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"");
  }

  @Test
  void versioningOfANeverVersionedBucketIsEmpty() throws Exception {
    String name = newName();
    s3.createBucket(b -> b.bucket(name));
    var versioning = s3.getBucketVersioning(b -> b.bucket(name));
    assertThat(versioning.status()).isNull();
    assertThat(versioning.mfaDelete()).isNull();
    raw.send("PUT", "/" + name, "");
    HttpResponse<String> r = raw.get("/" + name + "?versioning");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).contains("<VersioningConfiguration").doesNotContain("<Status>");
  }

  @Test
  void listBucketsPagesWithPrefixAndMaxBuckets() {
    String prefix = "page-" + SEQ.incrementAndGet() + "-";
    for (String n : List.of("a", "b", "c", "d", "e")) {
      String name = prefix + n;
      s3.createBucket(b -> b.bucket(name));
    }
    ListBucketsResponse first = s3.listBuckets(b -> b.prefix(prefix).maxBuckets(2));
    assertThat(first.buckets())
        .extracting(Bucket::name)
        .containsExactly(prefix + "a", prefix + "b");
    assertThat(first.continuationToken()).isNotBlank();
    assertThat(first.prefix()).isEqualTo(prefix);
    List<String> all =
        s3.listBucketsPaginator(b -> b.prefix(prefix).maxBuckets(2)).buckets().stream()
            .map(Bucket::name)
            .toList();
    assertThat(all)
        .containsExactly(prefix + "a", prefix + "b", prefix + "c", prefix + "d", prefix + "e");
    assertThat(s3.listBuckets(b -> b.prefix(prefix).bucketRegion("eu-west-1")).buckets()).isEmpty();
  }

  @Test
  void badMaxBucketsIsInvalidArgument() {
    assertS3Error(() -> s3.listBuckets(b -> b.maxBuckets(0)), 400, "InvalidArgument");
    assertS3Error(() -> s3.listBuckets(b -> b.continuationToken("nope!")), 400, "InvalidArgument");
  }

  @Test
  void asyncClientCreatesAndLists() throws Exception {
    S3AsyncClient async = DFS.server().asyncClient();
    String name = newName();
    async.createBucket(b -> b.bucket(name)).get();
    assertThat(async.listBuckets().get().buckets()).extracting(Bucket::name).contains(name);
    async.deleteBucket(b -> b.bucket(name)).get();
  }
}
