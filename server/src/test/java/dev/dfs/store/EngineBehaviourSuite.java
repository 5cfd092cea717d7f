package dev.dfs.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dfs.testing.DfsTestServer;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.function.Executable;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CORSRule;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.MetadataDirective;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.model.Tag;
import software.amazon.awssdk.services.s3.model.TaggingDirective;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

/**
 * One S3 behaviour suite for the {@link ObjectStore} contract, run by a subclass per engine: DFS on
 * the local engine, DFS as a gateway to s3proxy, DFS as a gateway to another DFS. Clients always
 * talk to DFS with DFS's credentials. What an engine cannot do is declared by {@link #knownGaps()}:
 * such a test still runs, must fail the way the gap says (else the gap list is stale and the test
 * fails), and is then reported as aborted with the gap's reason, never silently skipped. Each
 * subclass starts its upstream once for the class.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(60)
public abstract class EngineBehaviourSuite {
  /** Behaviours an upstream may lack. */
  public enum Gap {
    ADDITIONAL_CHECKSUMS,
    MULTIPART_CHECKSUMS,
    GET_PART_NUMBER,
    BUCKET_DELETE_ABORTS_UPLOADS,
    CONTENT_MD5_CHECK,
    METADATA_HEADERS,
    UPLOAD_PART_COPY_RANGE,
    UPLOAD_ID_CHECKED,
    OBJECT_TAGGING,
    TAGGING_COUNT,
    CONDITIONAL_WRITES,
    BUCKET_CORS,
    BUCKET_TAGGING
  }

  private static final AtomicInteger BUCKETS = new AtomicInteger();
  private DfsTestServer dfs;
  private S3Client s3;
  private Path dir;

  /** Starts DFS on the engine under test (and its upstream); closed after the class. */
  protected abstract DfsTestServer startDfs(Path dir) throws Exception;

  /** Stops whatever {@link #startDfs} started besides the DFS server. */
  protected void stopUpstream() throws Exception {}

  /** What this engine cannot do, with the reason. */
  protected Map<Gap, String> knownGaps() {
    return new EnumMap<>(Gap.class);
  }

  @BeforeAll
  void startAll() throws Exception {
    dir = Files.createTempDirectory("dfs-engine-suite");
    dfs = startDfs(dir);
    s3 = dfs.client();
  }

  @AfterAll
  void stopAll() throws Exception {
    try {
      if (dfs != null) dfs.close();
    } finally {
      try {
        stopUpstream();
      } finally {
        if (dir != null) DfsTestServer.deleteTree(dir);
      }
    }
  }

  protected DfsTestServer dfs() {
    return dfs;
  }

  private String newBucket() {
    String name =
        "suite-"
            + getClass()
                .getSimpleName()
                .toLowerCase(java.util.Locale.ROOT)
                .replaceAll("[^a-z0-9]", "")
                .substring(0, 8)
            + "-"
            + BUCKETS.incrementAndGet();
    s3.createBucket(b -> b.bucket(name));
    return name;
  }

  /** Runs {@code check}; for a known gap it must fail, and the test is reported aborted. */
  private void behaviour(Gap gap, Executable check) throws Throwable {
    String reason = knownGaps().get(gap);
    if (reason == null) {
      check.execute();
      return;
    }
    Throwable failure = null;
    try {
      check.execute();
    } catch (Throwable t) {
      failure = t;
    }
    assertThat(failure)
        .as(
            "known gap "
                + gap
                + " listed, but the behaviour works now;"
                + " remove it from the gap list")
        .isNotNull();
    Assumptions.abort(
        "known gap "
            + gap
            + ": "
            + reason
            + " (observed: "
            + failure.toString().lines().findFirst().orElse("")
            + ")");
  }

  private static int status(Executable e) {
    try {
      e.execute();
    } catch (S3Exception s) {
      return s.statusCode();
    } catch (Throwable t) {
      throw new AssertionError(t);
    }
    return 200;
  }

  private static String code(Executable e) {
    try {
      e.execute();
    } catch (S3Exception s) {
      return s.awsErrorDetails().errorCode();
    } catch (Throwable t) {
      throw new AssertionError(t);
    }
    return "none";
  }

  private static byte[] random(int size, long seed) {
    byte[] b = new byte[size];
    new Random(seed).nextBytes(b);
    return b;
  }

  private static String md5Hex(byte[] data) {
    return dev.dfs.testing.Digests.md5Hex(data);
  }

  // ---- buckets ----

  @Test
  void bucketsAreCreatedListedAndDeleted() {
    String b = newBucket();
    s3.headBucket(x -> x.bucket(b));
    assertThat(s3.listBuckets().buckets()).extracting(x -> x.name()).contains(b);
    s3.createBucket(x -> x.bucket(b)); // us-east-1: re-creating an owned bucket answers 200
    s3.putObject(x -> x.bucket(b).key("k"), RequestBody.fromString("v"));
    assertThat(code(() -> s3.deleteBucket(x -> x.bucket(b)))).isEqualTo("BucketNotEmpty");
    s3.deleteObject(x -> x.bucket(b).key("k"));
    s3.deleteBucket(x -> x.bucket(b));
    assertThat(status(() -> s3.headBucket(x -> x.bucket(b)))).isEqualTo(404);
    assertThat(code(() -> s3.listObjectsV2(x -> x.bucket(b)))).isEqualTo("NoSuchBucket");
    assertThat(code(() -> s3.deleteBucket(x -> x.bucket(b)))).isEqualTo("NoSuchBucket");
  }

  /**
   * As S3 general-purpose buckets, RGW and MinIO: incomplete uploads are aborted with the bucket.
   */
  @Test
  void bucketWithOnlyOpenUploadsIsDeleted() throws Throwable {
    String b = newBucket();
    String id = s3.createMultipartUpload(x -> x.bucket(b).key("m")).uploadId();
    s3.uploadPart(
        x -> x.bucket(b).key("m").uploadId(id).partNumber(1), RequestBody.fromString("p"));
    behaviour(
        Gap.BUCKET_DELETE_ABORTS_UPLOADS,
        () -> {
          s3.deleteBucket(x -> x.bucket(b));
          assertThat(status(() -> s3.headBucket(x -> x.bucket(b)))).isEqualTo(404);
        });
  }

  // ---- objects ----

  @Test
  void objectRoundTripKeepsBytesEtagAndMetadata() throws Throwable {
    String b = newBucket();
    byte[] data = random(300_000, 1);
    s3.putObject(
        x ->
            x.bucket(b)
                .key("dir/ü é.bin")
                .contentType("application/x-test")
                .metadata(Map.of("color", "blue")),
        RequestBody.fromBytes(data));
    ResponseBytes<GetObjectResponse> got = s3.getObjectAsBytes(x -> x.bucket(b).key("dir/ü é.bin"));
    assertThat(got.asByteArray()).isEqualTo(data);
    assertThat(got.response().eTag()).isEqualTo("\"" + md5Hex(data) + "\"");
    assertThat(got.response().contentType()).isEqualTo("application/x-test");
    assertThat(got.response().metadata()).containsEntry("color", "blue");
    assertThat(got.response().contentLength()).isEqualTo(data.length);
    behaviour(
        Gap.METADATA_HEADERS,
        () -> {
          s3.putObject(
              x ->
                  x.bucket(b)
                      .key("h")
                      .cacheControl("max-age=60")
                      .contentDisposition("attachment; filename=\"a.txt\"")
                      .contentLanguage("de")
                      .contentEncoding("identity"),
              RequestBody.fromString("x"));
          HeadObjectResponse h = s3.headObject(x -> x.bucket(b).key("h"));
          assertThat(h.cacheControl()).isEqualTo("max-age=60");
          assertThat(h.contentDisposition()).isEqualTo("attachment; filename=\"a.txt\"");
          assertThat(h.contentLanguage()).isEqualTo("de");
        });
  }

  @Test
  void emptyObject() {
    String b = newBucket();
    s3.putObject(x -> x.bucket(b).key("empty"), RequestBody.empty());
    assertThat(s3.getObjectAsBytes(x -> x.bucket(b).key("empty")).asByteArray()).isEmpty();
    assertThat(s3.headObject(x -> x.bucket(b).key("empty")).contentLength()).isZero();
  }

  @Test
  void missingObjectsAndBuckets() {
    String b = newBucket();
    assertThat(code(() -> s3.getObject(x -> x.bucket(b).key("nope")))).isEqualTo("NoSuchKey");
    assertThat(status(() -> s3.headObject(x -> x.bucket(b).key("nope")))).isEqualTo(404);
    assertThat(code(() -> s3.getObject(x -> x.bucket("no-such-bucket-here").key("k"))))
        .isEqualTo("NoSuchBucket");
    assertThat(
            code(
                () ->
                    s3.putObject(
                        x -> x.bucket("no-such-bucket-here").key("k"),
                        RequestBody.fromString("v"))))
        .isEqualTo("NoSuchBucket");
    s3.deleteObject(x -> x.bucket(b).key("never-there")); // idempotent
  }

  @Test
  void rangesAndInvalidRange() {
    String b = newBucket();
    byte[] data = random(1000, 2);
    s3.putObject(x -> x.bucket(b).key("r"), RequestBody.fromBytes(data));
    var first = s3.getObjectAsBytes(x -> x.bucket(b).key("r").range("bytes=0-9"));
    assertThat(first.asByteArray()).isEqualTo(java.util.Arrays.copyOfRange(data, 0, 10));
    assertThat(first.response().contentRange()).isEqualTo("bytes 0-9/1000");
    assertThat(s3.getObjectAsBytes(x -> x.bucket(b).key("r").range("bytes=-5")).asByteArray())
        .isEqualTo(java.util.Arrays.copyOfRange(data, 995, 1000));
    assertThat(s3.getObjectAsBytes(x -> x.bucket(b).key("r").range("bytes=990-")).asByteArray())
        .isEqualTo(java.util.Arrays.copyOfRange(data, 990, 1000));
    assertThat(code(() -> s3.getObject(x -> x.bucket(b).key("r").range("bytes=2000-3000"))))
        .isEqualTo("InvalidRange");
  }

  @Test
  void conditionalReads() {
    String b = newBucket();
    String etag = s3.putObject(x -> x.bucket(b).key("c"), RequestBody.fromString("v")).eTag();
    assertThat(status(() -> s3.getObject(x -> x.bucket(b).key("c").ifNoneMatch(etag))))
        .isEqualTo(304);
    assertThat(status(() -> s3.getObject(x -> x.bucket(b).key("c").ifMatch("\"0000\""))))
        .isEqualTo(412);
    assertThat(
            status(
                () ->
                    s3.getObject(
                        x ->
                            x.bucket(b).key("c").ifModifiedSince(Instant.now().plusSeconds(3600)))))
        .isEqualTo(304);
    assertThat(status(() -> s3.headObject(x -> x.bucket(b).key("c").ifMatch(etag)))).isEqualTo(200);
  }

  @Test
  void contentMd5MismatchIsBadDigestAndStoresNothing() throws Throwable {
    String b = newBucket();
    behaviour(
        Gap.CONTENT_MD5_CHECK,
        () -> {
          assertThat(
                  code(
                      () ->
                          s3.putObject(
                              x -> x.bucket(b).key("md5").contentMD5("1B2M2Y8AsgTpgAmY7PhCfg=="),
                              RequestBody.fromString("not empty"))))
              .isEqualTo("BadDigest");
          assertThat(status(() -> s3.headObject(x -> x.bucket(b).key("md5")))).isEqualTo(404);
        });
  }

  @Test
  void additionalChecksumsAreStoredAndChecked() throws Throwable {
    String b = newBucket();
    behaviour(
        Gap.ADDITIONAL_CHECKSUMS,
        () -> {
          var put =
              s3.putObject(
                  x -> x.bucket(b).key("crc").checksumAlgorithm(ChecksumAlgorithm.CRC32_C),
                  RequestBody.fromString("checksummed"));
          assertThat(put.checksumCRC32C()).isNotNull();
          var head = s3.headObject(x -> x.bucket(b).key("crc").checksumMode(ChecksumMode.ENABLED));
          assertThat(head.checksumCRC32C()).isEqualTo(put.checksumCRC32C());
          assertThat(
                  code(
                      () ->
                          s3.putObject(
                              x -> x.bucket(b).key("crc-bad").checksumCRC32C("AAAAAA=="),
                              RequestBody.fromString("checksummed"))))
              .isEqualTo("BadDigest");
          assertThat(status(() -> s3.headObject(x -> x.bucket(b).key("crc-bad")))).isEqualTo(404);
        });
  }

  @Test
  void largeObjectStreamsBothWays() throws Exception {
    String b = newBucket();
    byte[] data = random(24 * 1024 * 1024 + 17, 3);
    s3.putObject(x -> x.bucket(b).key("big"), RequestBody.fromBytes(data));
    try (InputStream in = s3.getObject(x -> x.bucket(b).key("big"))) {
      assertThat(MessageDigest.getInstance("MD5").digest(in.readAllBytes()))
          .isEqualTo(MessageDigest.getInstance("MD5").digest(data));
    }
  }

  @Test
  void copyOnTheServerKeepsOrReplacesMetadata() {
    String b = newBucket();
    String b2 = newBucket();
    s3.putObject(
        x -> x.bucket(b).key("src").contentType("text/plain").metadata(Map.of("a", "1")),
        RequestBody.fromString("copy me"));
    s3.copyObject(
        x -> x.sourceBucket(b).sourceKey("src").destinationBucket(b2).destinationKey("dst"));
    var copied = s3.getObjectAsBytes(x -> x.bucket(b2).key("dst"));
    assertThat(copied.asUtf8String()).isEqualTo("copy me");
    assertThat(copied.response().metadata()).containsEntry("a", "1");
    assertThat(copied.response().contentType()).isEqualTo("text/plain");
    s3.copyObject(
        x ->
            x.sourceBucket(b)
                .sourceKey("src")
                .destinationBucket(b)
                .destinationKey("src")
                .metadataDirective(MetadataDirective.REPLACE)
                .metadata(Map.of("b", "2")));
    assertThat(s3.headObject(x -> x.bucket(b).key("src")).metadata())
        .containsEntry("b", "2")
        .doesNotContainKey("a");
    assertThat(
            code(
                () ->
                    s3.copyObject(
                        x ->
                            x.sourceBucket(b)
                                .sourceKey("none")
                                .destinationBucket(b)
                                .destinationKey("x"))))
        .isEqualTo("NoSuchKey");
  }

  @Test
  void deleteObjectsInABatch() {
    String b = newBucket();
    for (String k : List.of("d1", "d2", "d3")) {
      s3.putObject(x -> x.bucket(b).key(k), RequestBody.fromString(k));
    }
    var r =
        s3.deleteObjects(
            x ->
                x.bucket(b)
                    .delete(
                        d ->
                            d.objects(
                                ObjectIdentifier.builder().key("d1").build(),
                                ObjectIdentifier.builder().key("d2").build(),
                                ObjectIdentifier.builder().key("missing").build())));
    assertThat(r.deleted()).hasSize(3);
    assertThat(s3.listObjectsV2(x -> x.bucket(b)).contents())
        .extracting(S3Object::key)
        .containsExactly("d3");
  }

  // ---- listing ----

  @Test
  void listingWithDelimiterPrefixAndPagination() {
    String b = newBucket();
    List<String> keys = List.of("a/1", "a/2", "a/b/3", "b/1", "c", "d/x/y", "e");
    for (String k : keys) s3.putObject(x -> x.bucket(b).key(k), RequestBody.fromString(k));
    ListObjectsV2Response top = s3.listObjectsV2(x -> x.bucket(b).delimiter("/"));
    assertThat(top.contents()).extracting(S3Object::key).containsExactly("c", "e");
    assertThat(top.commonPrefixes())
        .extracting(CommonPrefix::prefix)
        .containsExactly("a/", "b/", "d/");
    ListObjectsV2Response inA = s3.listObjectsV2(x -> x.bucket(b).prefix("a/").delimiter("/"));
    assertThat(inA.contents()).extracting(S3Object::key).containsExactly("a/1", "a/2");
    assertThat(inA.commonPrefixes()).extracting(CommonPrefix::prefix).containsExactly("a/b/");
    // one entry per page, with and without delimiter: every entry exactly once, in order
    assertThat(pageAll(b, null)).containsExactlyElementsOf(keys);
    assertThat(pageAll(b, "/")).containsExactly("a/", "b/", "c", "d/", "e");
    assertThat(s3.listObjectsV2(x -> x.bucket(b).startAfter("b/1")).contents())
        .extracting(S3Object::key)
        .containsExactly("c", "d/x/y", "e");
    var v1 = s3.listObjects(x -> x.bucket(b).delimiter("/").maxKeys(2));
    assertThat(v1.isTruncated()).isTrue();
    var v1next = s3.listObjects(x -> x.bucket(b).delimiter("/").marker(v1.nextMarker()));
    assertThat(v1next.commonPrefixes()).extracting(CommonPrefix::prefix).containsExactly("d/");
  }

  private List<String> pageAll(String b, String delimiter) {
    List<String> seen = new ArrayList<>();
    String token = null;
    for (int i = 0; i < 20; i++) {
      String t = token;
      ListObjectsV2Response r =
          s3.listObjectsV2(x -> x.bucket(b).maxKeys(1).delimiter(delimiter).continuationToken(t));
      r.contents().forEach(o -> seen.add(o.key()));
      r.commonPrefixes().forEach(p -> seen.add(p.prefix()));
      if (!r.isTruncated()) return seen;
      token = r.nextContinuationToken();
    }
    throw new AssertionError("listing did not end: " + seen);
  }

  // ---- multipart ----

  @Test
  void multipartUploadListCompleteAndReadParts() throws Throwable {
    String b = newBucket();
    byte[] p1 = random(5 * 1024 * 1024, 4);
    byte[] p2 = random(1234, 5);
    String id =
        s3.createMultipartUpload(
                x -> x.bucket(b).key("mp").contentType("video/test").metadata(Map.of("m", "v")))
            .uploadId();
    UploadPartResponse r1 =
        s3.uploadPart(
            x -> x.bucket(b).key("mp").uploadId(id).partNumber(1), RequestBody.fromBytes(p1));
    UploadPartResponse r2 =
        s3.uploadPart(
            x -> x.bucket(b).key("mp").uploadId(id).partNumber(2), RequestBody.fromBytes(p2));
    assertThat(s3.listParts(x -> x.bucket(b).key("mp").uploadId(id)).parts())
        .extracting(p -> p.partNumber() + ":" + p.size())
        .containsExactly("1:" + p1.length, "2:" + p2.length);
    assertThat(s3.listMultipartUploads(x -> x.bucket(b)).uploads())
        .extracting(u -> u.key() + "/" + u.uploadId())
        .containsExactly("mp/" + id);
    assertThat(
            code(
                () ->
                    s3.completeMultipartUpload(
                        x ->
                            x.bucket(b)
                                .key("mp")
                                .uploadId(id)
                                .multipartUpload(
                                    m ->
                                        m.parts(
                                            CompletedPart.builder()
                                                .partNumber(1)
                                                .eTag("\"bad\"")
                                                .build())))))
        .isEqualTo("InvalidPart");
    var done =
        s3.completeMultipartUpload(
            x ->
                x.bucket(b)
                    .key("mp")
                    .uploadId(id)
                    .multipartUpload(
                        m ->
                            m.parts(
                                CompletedPart.builder().partNumber(1).eTag(r1.eTag()).build(),
                                CompletedPart.builder().partNumber(2).eTag(r2.eTag()).build())));
    assertThat(done.eTag()).endsWith("-2\"");
    var whole = s3.getObjectAsBytes(x -> x.bucket(b).key("mp"));
    assertThat(whole.asByteArray()).hasSize(p1.length + p2.length);
    assertThat(
            java.util.Arrays.copyOfRange(
                whole.asByteArray(), p1.length, whole.asByteArray().length))
        .isEqualTo(p2);
    assertThat(whole.response().metadata()).containsEntry("m", "v");
    assertThat(whole.response().contentType()).isEqualTo("video/test");
    behaviour(
        Gap.GET_PART_NUMBER,
        () -> {
          var part2 = s3.getObjectAsBytes(x -> x.bucket(b).key("mp").partNumber(2));
          assertThat(part2.asByteArray()).isEqualTo(p2);
          assertThat(part2.response().partsCount()).isEqualTo(2);
        });
    assertThat(code(() -> s3.listParts(x -> x.bucket(b).key("mp").uploadId(id))))
        .isEqualTo("NoSuchUpload");
  }

  @Test
  void multipartRefusalsAndAbort() throws Throwable {
    String b = newBucket();
    String id = s3.createMultipartUpload(x -> x.bucket(b).key("small")).uploadId();
    String e1 =
        s3.uploadPart(
                x -> x.bucket(b).key("small").uploadId(id).partNumber(1),
                RequestBody.fromString("tiny"))
            .eTag();
    String e2 =
        s3.uploadPart(
                x -> x.bucket(b).key("small").uploadId(id).partNumber(2),
                RequestBody.fromString("tiny too"))
            .eTag();
    assertThat(
            code(
                () ->
                    s3.completeMultipartUpload(
                        x ->
                            x.bucket(b)
                                .key("small")
                                .uploadId(id)
                                .multipartUpload(
                                    m ->
                                        m.parts(
                                            CompletedPart.builder().partNumber(1).eTag(e1).build(),
                                            CompletedPart.builder()
                                                .partNumber(2)
                                                .eTag(e2)
                                                .build())))))
        .isEqualTo("EntityTooSmall");
    s3.abortMultipartUpload(x -> x.bucket(b).key("small").uploadId(id));
    behaviour(
        Gap.UPLOAD_ID_CHECKED,
        () -> {
          assertThat(
                  code(
                      () ->
                          s3.uploadPart(
                              x -> x.bucket(b).key("small").uploadId(id).partNumber(3),
                              RequestBody.fromString("x"))))
              .isEqualTo("NoSuchUpload");
          assertThat(
                  code(() -> s3.abortMultipartUpload(x -> x.bucket(b).key("small").uploadId(id))))
              .isEqualTo("NoSuchUpload");
        });
  }

  @Test
  void uploadPartCopyWithRange() throws Throwable {
    String b = newBucket();
    byte[] src = random(6 * 1024 * 1024, 6);
    s3.putObject(x -> x.bucket(b).key("src"), RequestBody.fromBytes(src));
    String id = s3.createMultipartUpload(x -> x.bucket(b).key("assembled")).uploadId();
    behaviour(
        Gap.UPLOAD_PART_COPY_RANGE,
        () -> {
          var c1 =
              s3.uploadPartCopy(
                  x ->
                      x.sourceBucket(b)
                          .sourceKey("src")
                          .destinationBucket(b)
                          .destinationKey("assembled")
                          .uploadId(id)
                          .partNumber(1)
                          .copySourceRange("bytes=0-" + (5 * 1024 * 1024 - 1)));
          var c2 =
              s3.uploadPartCopy(
                  x ->
                      x.sourceBucket(b)
                          .sourceKey("src")
                          .destinationBucket(b)
                          .destinationKey("assembled")
                          .uploadId(id)
                          .partNumber(2)
                          .copySourceRange("bytes=" + (5 * 1024 * 1024) + "-" + (src.length - 1)));
          s3.completeMultipartUpload(
              x ->
                  x.bucket(b)
                      .key("assembled")
                      .uploadId(id)
                      .multipartUpload(
                          m ->
                              m.parts(
                                  CompletedPart.builder()
                                      .partNumber(1)
                                      .eTag(c1.copyPartResult().eTag())
                                      .build(),
                                  CompletedPart.builder()
                                      .partNumber(2)
                                      .eTag(c2.copyPartResult().eTag())
                                      .build())));
          assertThat(s3.getObjectAsBytes(x -> x.bucket(b).key("assembled")).asByteArray())
              .isEqualTo(src);
        });
  }

  @Test
  void multipartWithCompositeChecksums() throws Throwable {
    String b = newBucket();
    behaviour(
        Gap.MULTIPART_CHECKSUMS,
        () -> {
          String id =
              s3.createMultipartUpload(
                      x -> x.bucket(b).key("ck").checksumAlgorithm(ChecksumAlgorithm.CRC32))
                  .uploadId();
          var r1 =
              s3.uploadPart(
                  x ->
                      x.bucket(b)
                          .key("ck")
                          .uploadId(id)
                          .partNumber(1)
                          .checksumAlgorithm(ChecksumAlgorithm.CRC32),
                  RequestBody.fromBytes(random(5 << 20, 7)));
          var r2 =
              s3.uploadPart(
                  x ->
                      x.bucket(b)
                          .key("ck")
                          .uploadId(id)
                          .partNumber(2)
                          .checksumAlgorithm(ChecksumAlgorithm.CRC32),
                  RequestBody.fromString("end"));
          var done =
              s3.completeMultipartUpload(
                  x ->
                      x.bucket(b)
                          .key("ck")
                          .uploadId(id)
                          .multipartUpload(
                              m ->
                                  m.parts(
                                      CompletedPart.builder()
                                          .partNumber(1)
                                          .eTag(r1.eTag())
                                          .checksumCRC32(r1.checksumCRC32())
                                          .build(),
                                      CompletedPart.builder()
                                          .partNumber(2)
                                          .eTag(r2.eTag())
                                          .checksumCRC32(r2.checksumCRC32())
                                          .build())));
          assertThat(done.checksumCRC32()).endsWith("-2");
          var head = s3.headObject(x -> x.bucket(b).key("ck").checksumMode(ChecksumMode.ENABLED));
          assertThat(head.checksumCRC32()).isEqualTo(done.checksumCRC32());
        });
  }

  @Test
  void keysAreOpaqueStrings() {
    String b = newBucket();
    String key = "x y/~!@$&*()+=;,?#[]%ü";
    s3.putObject(x -> x.bucket(b).key(key), RequestBody.fromString("safe"));
    assertThat(s3.getObjectAsBytes(x -> x.bucket(b).key(key)).asString(StandardCharsets.UTF_8))
        .isEqualTo("safe");
    assertThat(s3.listObjectsV2(x -> x.bucket(b)).contents())
        .extracting(S3Object::key)
        .containsExactly(key);
  }

  // ---- tagging ----

  private Map<String, String> tags(String b, String key) {
    Map<String, String> out = new java.util.TreeMap<>();
    s3.getObjectTagging(x -> x.bucket(b).key(key))
        .tagSet()
        .forEach(t -> out.put(t.key(), t.value()));
    return out;
  }

  @Test
  void bucketTagsRoundTrip() throws Throwable {
    String b = newBucket();
    behaviour(
        Gap.BUCKET_TAGGING,
        () -> {
          s3.putBucketTagging(
              x ->
                  x.bucket(b)
                      .tagging(
                          t ->
                              t.tagSet(
                                  Tag.builder().key("team").value("blue").build(),
                                  Tag.builder().key("cost center").value("42 & more").build())));
          Map<String, String> got = new java.util.TreeMap<>();
          s3.getBucketTagging(x -> x.bucket(b)).tagSet().forEach(t -> got.put(t.key(), t.value()));
          assertThat(got).isEqualTo(Map.of("team", "blue", "cost center", "42 & more"));
          s3.deleteBucketTagging(x -> x.bucket(b));
          assertThatThrownBy(() -> s3.getBucketTagging(x -> x.bucket(b)))
              .isInstanceOfSatisfying(
                  S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(404));
        });
  }

  @Test
  void objectTagsTravelWithPutCopyAndMultipart() throws Throwable {
    String b = newBucket();
    behaviour(
        Gap.OBJECT_TAGGING,
        () -> {
          s3.putObject(
              x -> x.bucket(b).key("t").tagging("a=1&b=x%20y"), RequestBody.fromString("v"));
          assertThat(tags(b, "t")).isEqualTo(Map.of("a", "1", "b", "x y"));
          s3.putObjectTagging(
              x ->
                  x.bucket(b)
                      .key("t")
                      .tagging(t -> t.tagSet(Tag.builder().key("c").value("3").build())));
          assertThat(tags(b, "t")).isEqualTo(Map.of("c", "3"));
          // CopyObject: COPY (default) keeps the source's tags, REPLACE takes x-amz-tagging
          s3.copyObject(
              x -> x.sourceBucket(b).sourceKey("t").destinationBucket(b).destinationKey("kept"));
          assertThat(tags(b, "kept")).isEqualTo(Map.of("c", "3"));
          s3.copyObject(
              x ->
                  x.sourceBucket(b)
                      .sourceKey("t")
                      .destinationBucket(b)
                      .destinationKey("new")
                      .taggingDirective(TaggingDirective.REPLACE)
                      .tagging("d=4"));
          assertThat(tags(b, "new")).isEqualTo(Map.of("d", "4"));
          s3.copyObject(
              x ->
                  x.sourceBucket(b)
                      .sourceKey("t")
                      .destinationBucket(b)
                      .destinationKey("none")
                      .taggingDirective(TaggingDirective.REPLACE));
          assertThat(tags(b, "none")).isEmpty();
          String id =
              s3.createMultipartUpload(x -> x.bucket(b).key("mp").tagging("m=1")).uploadId();
          String e =
              s3.uploadPart(
                      x -> x.bucket(b).key("mp").uploadId(id).partNumber(1),
                      RequestBody.fromString("part"))
                  .eTag();
          s3.completeMultipartUpload(
              x ->
                  x.bucket(b)
                      .key("mp")
                      .uploadId(id)
                      .multipartUpload(
                          m -> m.parts(CompletedPart.builder().partNumber(1).eTag(e).build())));
          assertThat(tags(b, "mp")).isEqualTo(Map.of("m", "1"));
          s3.deleteObjectTagging(x -> x.bucket(b).key("t"));
          assertThat(tags(b, "t")).isEmpty();
          assertThat(s3.getObjectAsBytes(x -> x.bucket(b).key("t")).asUtf8String()).isEqualTo("v");
          assertThat(code(() -> s3.getObjectTagging(x -> x.bucket(b).key("missing"))))
              .isEqualTo("NoSuchKey");
          assertThat(
                  code(
                      () ->
                          s3.putObjectTagging(
                              x ->
                                  x.bucket(b)
                                      .key("missing")
                                      .tagging(
                                          t ->
                                              t.tagSet(
                                                  Tag.builder().key("c").value("3").build())))))
              .isEqualTo("NoSuchKey");
        });
  }

  @Test
  void tagCountOnGet() throws Throwable {
    String b = newBucket();
    behaviour(
        Gap.TAGGING_COUNT,
        () -> {
          s3.putObject(x -> x.bucket(b).key("t").tagging("a=1&b=2"), RequestBody.fromString("v"));
          assertThat(s3.getObject(x -> x.bucket(b).key("t")).response().tagCount()).isEqualTo(2);
        });
  }

  // ---- conditional writes ----

  @Test
  void conditionalWritesOnPutAndComplete() throws Throwable {
    String b = newBucket();
    behaviour(
        Gap.CONDITIONAL_WRITES,
        () -> {
          String e1 =
              s3.putObject(
                      x -> x.bucket(b).key("c").ifNoneMatch("*"), RequestBody.fromString("one"))
                  .eTag();
          assertThat(
                  status(
                      () ->
                          s3.putObject(
                              x -> x.bucket(b).key("c").ifNoneMatch("*"),
                              RequestBody.fromString("two"))))
              .isEqualTo(412);
          assertThat(
                  status(
                      () ->
                          s3.putObject(
                              x ->
                                  x.bucket(b)
                                      .key("c")
                                      .ifMatch("\"00000000000000000000000000000000\""),
                              RequestBody.fromString("two"))))
              .isEqualTo(412);
          assertThat(s3.getObjectAsBytes(x -> x.bucket(b).key("c")).asUtf8String())
              .isEqualTo("one");
          String e2 =
              s3.putObject(x -> x.bucket(b).key("c").ifMatch(e1), RequestBody.fromString("three"))
                  .eTag();
          assertThat(
                  code(
                      () ->
                          s3.putObject(
                              x -> x.bucket(b).key("missing").ifMatch(e1),
                              RequestBody.fromString("x"))))
              .isEqualTo("NoSuchKey");
          assertThat(status(() -> s3.headObject(x -> x.bucket(b).key("missing")))).isEqualTo(404);

          String id = s3.createMultipartUpload(x -> x.bucket(b).key("c")).uploadId();
          String pe =
              s3.uploadPart(
                      x -> x.bucket(b).key("c").uploadId(id).partNumber(1),
                      RequestBody.fromString("multipart"))
                  .eTag();
          var parts = CompletedPart.builder().partNumber(1).eTag(pe).build();
          assertThat(
                  status(
                      () ->
                          s3.completeMultipartUpload(
                              x ->
                                  x.bucket(b)
                                      .key("c")
                                      .uploadId(id)
                                      .ifNoneMatch("*")
                                      .multipartUpload(m -> m.parts(parts)))))
              .isEqualTo(412);
          assertThat(
                  status(
                      () ->
                          s3.completeMultipartUpload(
                              x ->
                                  x.bucket(b)
                                      .key("c")
                                      .uploadId(id)
                                      .ifMatch(e1)
                                      .multipartUpload(m -> m.parts(parts)))))
              .isEqualTo(412);
          assertThat(s3.getObjectAsBytes(x -> x.bucket(b).key("c")).asUtf8String())
              .isEqualTo("three");
          s3.completeMultipartUpload(
              x ->
                  x.bucket(b)
                      .key("c")
                      .uploadId(id)
                      .ifMatch(e2)
                      .multipartUpload(m -> m.parts(parts)));
          assertThat(s3.getObjectAsBytes(x -> x.bucket(b).key("c")).asUtf8String())
              .isEqualTo("multipart");
        });
  }

  // ---- CORS ----

  private java.net.http.HttpResponse<String> preflight(
      String b, String origin, String method, String headers) throws Exception {
    var req =
        java.net.http.HttpRequest.newBuilder(dfs.endpoint().resolve("/" + b + "/obj"))
            .method("OPTIONS", java.net.http.HttpRequest.BodyPublishers.noBody())
            .header("Origin", origin)
            .header("Access-Control-Request-Method", method)
            .timeout(java.time.Duration.ofSeconds(10));
    if (headers != null) req.header("Access-Control-Request-Headers", headers);
    try (var http = java.net.http.HttpClient.newHttpClient()) {
      return http.send(req.build(), java.net.http.HttpResponse.BodyHandlers.ofString());
    }
  }

  @Test
  void bucketCorsIsStoredAndAnswersPreflights() throws Throwable {
    String b = newBucket();
    behaviour(
        Gap.BUCKET_CORS,
        () -> {
          assertThat(code(() -> s3.getBucketCors(x -> x.bucket(b))))
              .isEqualTo("NoSuchCORSConfiguration");
          CORSRule rule =
              CORSRule.builder()
                  .id("web")
                  .allowedOrigins("https://app.example")
                  .allowedMethods("GET", "PUT")
                  .allowedHeaders("x-amz-*")
                  .exposeHeaders("ETag")
                  .maxAgeSeconds(300)
                  .build();
          s3.putBucketCors(x -> x.bucket(b).corsConfiguration(c -> c.corsRules(rule)));
          assertThat(s3.getBucketCors(x -> x.bucket(b)).corsRules()).containsExactly(rule);

          var ok = preflight(b, "https://app.example", "PUT", "x-amz-meta-a");
          assertThat(ok.statusCode()).isEqualTo(200);
          assertThat(ok.headers().firstValue("Access-Control-Allow-Origin"))
              .contains("https://app.example");
          assertThat(ok.headers().firstValue("Access-Control-Max-Age")).contains("300");
          assertThat(preflight(b, "https://evil.example", "PUT", null).statusCode()).isEqualTo(403);
          assertThat(preflight(b, "https://app.example", "DELETE", null).statusCode())
              .isEqualTo(403);
          // an actual request from the allowed origin carries the CORS headers
          s3.putObject(x -> x.bucket(b).key("obj"), RequestBody.fromString("v"));
          var get =
              s3.getObject(
                  x ->
                      x.bucket(b)
                          .key("obj")
                          .overrideConfiguration(
                              o -> o.putHeader("Origin", "https://app.example")));
          assertThat(
                  get.response()
                      .sdkHttpResponse()
                      .firstMatchingHeader("Access-Control-Allow-Origin"))
              .contains("https://app.example");
          get.close();

          s3.deleteBucketCors(x -> x.bucket(b));
          assertThat(code(() -> s3.getBucketCors(x -> x.bucket(b))))
              .isEqualTo("NoSuchCORSConfiguration");
          assertThat(preflight(b, "https://app.example", "PUT", null).statusCode()).isEqualTo(403);
        });
  }
}
