package dev.dfs.s3;

import static dev.dfs.s3.SdkTestSupport.expectError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dfs.testing.DfsServerExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.DeleteMarkerEntry;
import software.amazon.awssdk.services.s3.model.EncodingType;
import software.amazon.awssdk.services.s3.model.ListObjectVersionsResponse;
import software.amazon.awssdk.services.s3.model.MFADelete;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.ObjectVersion;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.Tag;

/** S3 object versioning through the AWS SDK v2 against the local engine. */
class VersioningSdkTest {
  @RegisterExtension static final DfsServerExtension DFS = DfsServerExtension.local();
  static S3Client s3;
  static final AtomicInteger buckets = new AtomicInteger();

  @BeforeAll
  static void start() throws Exception {
    s3 = DFS.client();
  }

  static String bucket(boolean enabled) {
    String name = "ver-" + buckets.incrementAndGet();
    s3.createBucket(b -> b.bucket(name));
    if (enabled) setStatus(name, BucketVersioningStatus.ENABLED);
    return name;
  }

  static void setStatus(String bucket, BucketVersioningStatus status) {
    s3.putBucketVersioning(b -> b.bucket(bucket).versioningConfiguration(c -> c.status(status)));
  }

  static String put(String bucket, String key, String body) {
    return s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromString(body)).versionId();
  }

  static String get(String bucket, String key, String versionId) {
    return s3.getObjectAsBytes(b -> b.bucket(bucket).key(key).versionId(versionId)).asUtf8String();
  }

  static String header(S3Exception e, String name) {
    return e.awsErrorDetails().sdkHttpResponse().firstMatchingHeader(name).orElse(null);
  }

  @Test
  void versioningStateMovesBetweenEnabledAndSuspended() {
    String b = bucket(false);
    assertThat(s3.getBucketVersioning(r -> r.bucket(b)).status()).isNull();
    setStatus(b, BucketVersioningStatus.ENABLED);
    assertThat(s3.getBucketVersioning(r -> r.bucket(b)).status())
        .isEqualTo(BucketVersioningStatus.ENABLED);
    setStatus(b, BucketVersioningStatus.SUSPENDED);
    assertThat(s3.getBucketVersioning(r -> r.bucket(b)).status())
        .isEqualTo(BucketVersioningStatus.SUSPENDED);
    expectError(
        501,
        "NotImplemented",
        () ->
            s3.putBucketVersioning(
                r ->
                    r.bucket(b)
                        .versioningConfiguration(
                            c ->
                                c.status(BucketVersioningStatus.ENABLED)
                                    .mfaDelete(MFADelete.ENABLED))));
    expectError(404, "NoSuchBucket", () -> s3.getBucketVersioning(r -> r.bucket("no-such-ver")));
    expectError(
        400,
        "MalformedXML",
        () ->
            s3.putBucketVersioning(
                r -> r.bucket(b).versioningConfiguration(c -> c.status("Bogus"))));
    assertThat(s3.getBucketVersioning(r -> r.bucket(b)).status())
        .isEqualTo(BucketVersioningStatus.SUSPENDED);
  }

  @Test
  void unversionedBucketsSendNoVersionIdAndAcceptVersionIdNull() {
    String b = bucket(false);
    assertThat(put(b, "k", "one")).isNull();
    assertThat(get(b, "k", "null")).isEqualTo("one");
    ListObjectVersionsResponse list = s3.listObjectVersions(r -> r.bucket(b));
    assertThat(list.versions())
        .singleElement()
        .satisfies(
            v -> {
              assertThat(v.versionId()).isEqualTo("null");
              assertThat(v.isLatest()).isTrue();
            });
    assertThat(s3.deleteObject(r -> r.bucket(b).key("k")).versionId()).isNull();
    assertThat(s3.listObjectVersions(r -> r.bucket(b)).versions()).isEmpty();
  }

  @Test
  void everyWriteAddsAVersionReadableById() {
    String b = bucket(true);
    String v1 = put(b, "doc", "first");
    String v2 = put(b, "doc", "second");
    String v3 = put(b, "doc", "third");
    assertThat(List.of(v1, v2, v3))
        .doesNotHaveDuplicates()
        .allMatch(v -> v.matches("[0-9a-f]{32}"));
    assertThat(get(b, "doc", null)).isEqualTo("third");
    assertThat(get(b, "doc", v1)).isEqualTo("first");
    assertThat(get(b, "doc", v2)).isEqualTo("second");
    var head = s3.headObject(r -> r.bucket(b).key("doc").versionId(v1));
    assertThat(head.versionId()).isEqualTo(v1);
    assertThat(head.contentLength()).isEqualTo(5);
    assertThat(s3.getObject(r -> r.bucket(b).key("doc")).response().versionId()).isEqualTo(v3);
    expectError(404, "NoSuchVersion", () -> get(b, "doc", "0".repeat(32)));
    expectError(400, "InvalidArgument", () -> get(b, "doc", "not-a-version"));
    expectError(404, "NoSuchVersion", () -> get(b, "doc", "null"));
    // only the current version is listed as an object
    assertThat(s3.listObjectsV2(r -> r.bucket(b)).contents())
        .singleElement()
        .satisfies(o -> assertThat(o.size()).isEqualTo(5));
  }

  @Test
  void deleteMarkersHideTheKeyUntilRemoved() {
    String b = bucket(true);
    String v1 = put(b, "k", "data");
    var del = s3.deleteObject(r -> r.bucket(b).key("k"));
    assertThat(del.deleteMarker()).isTrue();
    String marker = del.versionId();
    assertThat(marker).isNotNull().isNotEqualTo(v1);

    S3Exception missing = expectError(404, "NoSuchKey", () -> get(b, "k", null));
    assertThat(header(missing, "x-amz-delete-marker")).isEqualTo("true");
    assertThat(header(missing, "x-amz-version-id")).isEqualTo(marker);
    S3Exception headMissing =
        expectError(404, null, () -> s3.headObject(r -> r.bucket(b).key("k")));
    assertThat(header(headMissing, "x-amz-delete-marker")).isEqualTo("true");
    S3Exception onMarker = expectError(405, "MethodNotAllowed", () -> get(b, "k", marker));
    assertThat(header(onMarker, "x-amz-delete-marker")).isEqualTo("true");
    assertThat(header(onMarker, "Last-Modified")).isNotNull();
    S3Exception headOnMarker =
        expectError(405, null, () -> s3.headObject(r -> r.bucket(b).key("k").versionId(marker)));
    assertThat(header(headOnMarker, "x-amz-delete-marker")).isEqualTo("true");
    assertThat(s3.listObjectsV2(r -> r.bucket(b)).contents()).isEmpty();
    assertThat(get(b, "k", v1)).isEqualTo("data");

    var undo = s3.deleteObject(r -> r.bucket(b).key("k").versionId(marker));
    assertThat(undo.deleteMarker()).isTrue();
    assertThat(undo.versionId()).isEqualTo(marker);
    assertThat(get(b, "k", null)).isEqualTo("data");
    assertThat(s3.listObjectsV2(r -> r.bucket(b)).contents()).hasSize(1);
  }

  @Test
  void deletingTheCurrentVersionByIdMakesThePreviousOneCurrent() {
    String b = bucket(true);
    String v1 = put(b, "k", "one");
    String v2 = put(b, "k", "two");
    var r = s3.deleteObject(d -> d.bucket(b).key("k").versionId(v2));
    assertThat(r.versionId()).isEqualTo(v2);
    assertThat(r.deleteMarker()).isNull();
    assertThat(get(b, "k", null)).isEqualTo("one");
    s3.deleteObject(d -> d.bucket(b).key("k").versionId(v1));
    expectError(404, "NoSuchKey", () -> get(b, "k", null));
    assertThat(s3.listObjectVersions(l -> l.bucket(b)).versions()).isEmpty();
    // deleting a version that does not exist is not an error, as in S3
    s3.deleteObject(d -> d.bucket(b).key("k").versionId(v1));
    expectError(
        400, "InvalidArgument", () -> s3.deleteObject(d -> d.bucket(b).key("k").versionId("zzz")));
  }

  @Test
  void listObjectVersionsOrdersKeysThenNewestFirst() {
    String b = bucket(true);
    String a1 = put(b, "a", "1");
    String a2 = put(b, "a", "22");
    put(b, "b", "x");
    String bMarker = s3.deleteObject(r -> r.bucket(b).key("b")).versionId();
    String c1 = put(b, "dir/c", "333");
    ListObjectVersionsResponse all = s3.listObjectVersions(r -> r.bucket(b));
    assertThat(all.versions())
        .extracting(ObjectVersion::key)
        .containsExactly("a", "a", "b", "dir/c");
    assertThat(all.versions().get(0).versionId()).isEqualTo(a2);
    assertThat(all.versions().get(0).isLatest()).isTrue();
    assertThat(all.versions().get(1).versionId()).isEqualTo(a1);
    assertThat(all.versions().get(1).isLatest()).isFalse();
    assertThat(all.versions().get(1).size()).isEqualTo(1);
    assertThat(all.versions().get(1).eTag()).startsWith("\"");
    assertThat(all.versions().get(1).storageClassAsString()).isEqualTo("STANDARD");
    assertThat(all.versions().get(1).owner().id()).isNotEmpty();
    assertThat(all.versions().get(2).isLatest()).isFalse();
    assertThat(all.deleteMarkers())
        .singleElement()
        .satisfies(
            m -> {
              assertThat(m.key()).isEqualTo("b");
              assertThat(m.versionId()).isEqualTo(bMarker);
              assertThat(m.isLatest()).isTrue();
              assertThat(m.owner()).isNotNull();
            });
    assertThat(all.deleteMarkers())
        .extracting(DeleteMarkerEntry::versionId)
        .containsExactly(bMarker);
    assertThat(all.isTruncated()).isFalse();

    var rolled = s3.listObjectVersions(r -> r.bucket(b).delimiter("/"));
    assertThat(rolled.commonPrefixes())
        .singleElement()
        .satisfies(p -> assertThat(p.prefix()).isEqualTo("dir/"));
    assertThat(rolled.versions()).extracting(ObjectVersion::key).containsExactly("a", "a", "b");
    assertThat(s3.listObjectVersions(r -> r.bucket(b).prefix("dir/")).versions())
        .extracting(ObjectVersion::versionId)
        .containsExactly(c1);

    // paging one entry at a time visits everything once, in order
    List<String> seen = new ArrayList<>();
    String keyMarker = null;
    String versionMarker = null;
    for (int i = 0; i < 10; i++) {
      String km = keyMarker;
      String vm = versionMarker;
      var page =
          s3.listObjectVersions(r -> r.bucket(b).maxKeys(1).keyMarker(km).versionIdMarker(vm));
      page.versions()
          .forEach(v -> seen.add(v.key() + "@" + v.versionId() + (v.isLatest() ? "*" : "")));
      page.deleteMarkers()
          .forEach(v -> seen.add(v.key() + "@" + v.versionId() + (v.isLatest() ? "*" : "")));
      if (!page.isTruncated()) break;
      keyMarker = page.nextKeyMarker();
      versionMarker = page.nextVersionIdMarker();
    }
    assertThat(seen)
        .containsExactly(
            "a@" + a2 + "*",
            "a@" + a1,
            "b@" + bMarker + "*",
            "b@" + all.versions().get(2).versionId(),
            "dir/c@" + c1 + "*");

    assertThat(s3.listObjectVersions(r -> r.bucket(b).keyMarker("a")).versions())
        .extracting(ObjectVersion::key)
        .containsExactly("b", "dir/c");
    expectError(
        400, "InvalidArgument", () -> s3.listObjectVersions(r -> r.bucket(b).versionIdMarker(a1)));
    expectError(
        400,
        "InvalidArgument",
        () -> s3.listObjectVersions(r -> r.bucket(b).keyMarker("a").versionIdMarker("nope")));
    // a version-id-marker is a position among the key's versions, whether or not a version
    // is there any more: past the oldest possible one, the listing resumes at the next key
    assertThat(
            s3.listObjectVersions(r -> r.bucket(b).keyMarker("a").versionIdMarker("f".repeat(32)))
                .versions())
        .extracting(ObjectVersion::key)
        .containsExactly("b", "dir/c");
    assertThat(
            s3.listObjectVersions(r -> r.bucket(b).keyMarker("a").versionIdMarker("0".repeat(32)))
                .versions())
        .extracting(ObjectVersion::key)
        .containsExactly("a", "a", "b", "dir/c");
  }

  @Test
  void encodingTypeUrlEncodesKeys() {
    String b = bucket(true);
    put(b, "a b+c", "x");
    var page = s3.listObjectVersions(r -> r.bucket(b).encodingType(EncodingType.URL));
    assertThat(page.encodingType()).isEqualTo(EncodingType.URL);
    assertThat(page.versions()).extracting(ObjectVersion::key).containsExactly("a b+c");
  }

  @Test
  void suspendedBucketsReplaceTheNullVersion() {
    String b = bucket(true);
    String v1 = put(b, "k", "enabled");
    setStatus(b, BucketVersioningStatus.SUSPENDED);
    assertThat(put(b, "k", "null-1")).isEqualTo("null");
    assertThat(put(b, "k", "null-2")).isEqualTo("null");
    assertThat(get(b, "k", null)).isEqualTo("null-2");
    assertThat(get(b, "k", "null")).isEqualTo("null-2");
    assertThat(s3.listObjectVersions(r -> r.bucket(b)).versions())
        .extracting(ObjectVersion::versionId)
        .containsExactly("null", v1);
    var del = s3.deleteObject(r -> r.bucket(b).key("k"));
    assertThat(del.deleteMarker()).isTrue();
    assertThat(del.versionId()).isEqualTo("null");
    var list = s3.listObjectVersions(r -> r.bucket(b));
    assertThat(list.versions()).extracting(ObjectVersion::versionId).containsExactly(v1);
    assertThat(list.deleteMarkers())
        .extracting(DeleteMarkerEntry::versionId)
        .containsExactly("null");
    s3.deleteObject(r -> r.bucket(b).key("k").versionId("null"));
    assertThat(get(b, "k", null)).isEqualTo("enabled");
  }

  @Test
  void copyAndMultipartWorkWithVersions() {
    String b = bucket(true);
    String v1 = put(b, "src", "old source");
    put(b, "src", "new source");
    var copied =
        s3.copyObject(
            r ->
                r.sourceBucket(b)
                    .sourceKey("src")
                    .sourceVersionId(v1)
                    .destinationBucket(b)
                    .destinationKey("dst"));
    assertThat(copied.copySourceVersionId()).isEqualTo(v1);
    assertThat(copied.versionId()).isNotNull();
    assertThat(get(b, "dst", null)).isEqualTo("old source");
    String marker = s3.deleteObject(r -> r.bucket(b).key("src")).versionId();
    expectError(
        400,
        "InvalidRequest",
        () ->
            s3.copyObject(
                r ->
                    r.sourceBucket(b)
                        .sourceKey("src")
                        .sourceVersionId(marker)
                        .destinationBucket(b)
                        .destinationKey("x")));
    expectError(
        404,
        "NoSuchKey",
        () ->
            s3.copyObject(
                r -> r.sourceBucket(b).sourceKey("src").destinationBucket(b).destinationKey("x")));

    String upload = s3.createMultipartUpload(r -> r.bucket(b).key("mp")).uploadId();
    var part =
        s3.uploadPartCopy(
            r ->
                r.sourceBucket(b)
                    .sourceKey("src")
                    .sourceVersionId(v1)
                    .destinationBucket(b)
                    .destinationKey("mp")
                    .uploadId(upload)
                    .partNumber(1));
    assertThat(part.copySourceVersionId()).isEqualTo(v1);
    var done =
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
                                    .eTag(part.copyPartResult().eTag())
                                    .build())));
    assertThat(done.versionId()).matches("[0-9a-f]{32}");
    assertThat(get(b, "mp", done.versionId())).isEqualTo("old source");
  }

  @Test
  void deleteObjectsReportsVersionsAndMarkers() {
    String b = bucket(true);
    String v1 = put(b, "one", "1");
    put(b, "two", "2");
    var result =
        s3.deleteObjects(
            r ->
                r.bucket(b)
                    .delete(
                        d ->
                            d.objects(
                                ObjectIdentifier.builder().key("one").versionId(v1).build(),
                                ObjectIdentifier.builder().key("two").build(),
                                ObjectIdentifier.builder().key("three").versionId("bad").build())));
    assertThat(result.deleted()).hasSize(2);
    var one =
        result.deleted().stream().filter(d -> d.key().equals("one")).findFirst().orElseThrow();
    assertThat(one.versionId()).isEqualTo(v1);
    assertThat(one.deleteMarker()).isNull();
    var two =
        result.deleted().stream().filter(d -> d.key().equals("two")).findFirst().orElseThrow();
    assertThat(two.deleteMarker()).isTrue();
    assertThat(two.deleteMarkerVersionId()).matches("[0-9a-f]{32}");
    assertThat(result.errors())
        .singleElement()
        .satisfies(e -> assertThat(e.code()).isEqualTo("InvalidArgument"));
    var undo =
        s3.deleteObjects(
            r ->
                r.bucket(b)
                    .delete(
                        d ->
                            d.objects(
                                ObjectIdentifier.builder()
                                    .key("two")
                                    .versionId(two.deleteMarkerVersionId())
                                    .build())));
    assertThat(undo.deleted().get(0).deleteMarker()).isTrue();
    assertThat(get(b, "two", null)).isEqualTo("2");
  }

  @Test
  void taggingAddressesVersions() {
    String b = bucket(true);
    String v1 = put(b, "k", "1");
    String v2 = put(b, "k", "2");
    var put =
        s3.putObjectTagging(
            r ->
                r.bucket(b)
                    .key("k")
                    .versionId(v1)
                    .tagging(t -> t.tagSet(Tag.builder().key("old").value("yes").build())));
    assertThat(put.versionId()).isEqualTo(v1);
    var got = s3.getObjectTagging(r -> r.bucket(b).key("k").versionId(v1));
    assertThat(got.versionId()).isEqualTo(v1);
    assertThat(got.tagSet()).extracting(Tag::key).containsExactly("old");
    assertThat(s3.getObjectTagging(r -> r.bucket(b).key("k")).tagSet()).isEmpty();
    assertThat(s3.getObjectTagging(r -> r.bucket(b).key("k").versionId(v2)).tagSet()).isEmpty();
    s3.deleteObjectTagging(r -> r.bucket(b).key("k").versionId(v1));
    assertThat(s3.getObjectTagging(r -> r.bucket(b).key("k").versionId(v1)).tagSet()).isEmpty();
    expectError(
        404,
        "NoSuchVersion",
        () -> s3.getObjectTagging(r -> r.bucket(b).key("k").versionId("f".repeat(32))));
  }

  @Test
  void bucketsWithVersionsOrMarkersCannotBeDeleted() {
    String b = bucket(true);
    String v1 = put(b, "k", "1");
    String marker = s3.deleteObject(r -> r.bucket(b).key("k")).versionId();
    expectError(409, "BucketNotEmpty", () -> s3.deleteBucket(r -> r.bucket(b)));
    s3.deleteObject(r -> r.bucket(b).key("k").versionId(v1));
    expectError(409, "BucketNotEmpty", () -> s3.deleteBucket(r -> r.bucket(b)));
    s3.deleteObject(r -> r.bucket(b).key("k").versionId(marker));
    s3.deleteBucket(r -> r.bucket(b));
    assertThat(s3.listBuckets().buckets()).noneMatch(x -> x.name().equals(b));
  }

  @Test
  void usageCountsEveryStoredVersion() throws Exception {
    String b = bucket(true);
    put(b, "k", "12345");
    put(b, "k", "123");
    s3.deleteObject(r -> r.bucket(b).key("k"));
    Map<String, dev.dfs.store.StoreUsage.BucketUsage> usage =
        DFS.server().store().usage().orElseThrow().buckets();
    assertThat(usage.get(b)).isEqualTo(new dev.dfs.store.StoreUsage.BucketUsage(2, 8));
  }
}
