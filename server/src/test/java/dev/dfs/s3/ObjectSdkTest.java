package dev.dfs.s3;

import static dev.dfs.s3.SdkTestSupport.checksum;
import static dev.dfs.s3.SdkTestSupport.expectError;
import static dev.dfs.s3.SdkTestSupport.md5;
import static dev.dfs.s3.SdkTestSupport.md5Hex;
import static dev.dfs.s3.SdkTestSupport.quoted;
import static dev.dfs.s3.SdkTestSupport.randomBytes;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dfs.testing.DfsServerExtension;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.core.async.AsyncResponseTransformer;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.StorageClass;

/** PutObject, GetObject and HeadObject through the AWS SDK v2 against a real in-process DFS. */
class ObjectSdkTest {
  private static final String BUCKET = "objects";

  @RegisterExtension static final DfsServerExtension DFS = DfsServerExtension.local();
  static S3Client s3;

  @BeforeAll
  static void start() throws Exception {
    s3 = DFS.client();
    s3.createBucket(b -> b.bucket(BUCKET));
  }

  private static PutObjectResponse put(String key, byte[] data) {
    return s3.putObject(b -> b.bucket(BUCKET).key(key), RequestBody.fromBytes(data));
  }

  private static ResponseBytes<GetObjectResponse> get(String key) {
    return s3.getObjectAsBytes(b -> b.bucket(BUCKET).key(key));
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 1000, 3 * 1024 * 1024 + 7})
  void putGetByteForByte(int size) throws Exception {
    byte[] data = randomBytes(size, size);
    String key = "sizes/" + size;
    PutObjectResponse put = put(key, data);
    assertThat(put.eTag()).isEqualTo(quoted(md5Hex(data)));
    ResponseBytes<GetObjectResponse> got = get(key);
    assertThat(got.asByteArray()).isEqualTo(data);
    assertThat(got.response().eTag()).isEqualTo(put.eTag());
    assertThat(got.response().contentLength()).isEqualTo(size);
    assertThat(got.response().acceptRanges()).isEqualTo("bytes");
    HeadObjectResponse head = s3.headObject(b -> b.bucket(BUCKET).key(key));
    assertThat(head.contentLength()).isEqualTo(size);
    assertThat(head.eTag()).isEqualTo(put.eTag());
    assertThat(head.lastModified())
        .isBefore(Instant.now().plusSeconds(1))
        .isAfter(Instant.now().minusSeconds(60));
  }

  @Test
  void keysThatNeedEncoding() {
    String key = "a b+c%/ü?#&=~*!'()[]";
    byte[] data = "odd".getBytes(StandardCharsets.UTF_8);
    put(key, data);
    assertThat(get(key).asByteArray()).isEqualTo(data);
  }

  @Test
  void missingKeyIs404() {
    expectError(404, "NoSuchKey", () -> get("nope"));
    expectError(404, null, () -> s3.headObject(b -> b.bucket(BUCKET).key("nope")));
    expectError(
        404, "NoSuchBucket", () -> s3.getObjectAsBytes(b -> b.bucket("no-such-bucket").key("k")));
  }

  @Test
  void ranges() {
    byte[] data = randomBytes(100, 1);
    put("range", data);
    ResponseBytes<GetObjectResponse> first =
        s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("range").range("bytes=0-9"));
    assertThat(first.asByteArray()).isEqualTo(java.util.Arrays.copyOfRange(data, 0, 10));
    assertThat(first.response().contentRange()).isEqualTo("bytes 0-9/100");
    assertThat(first.response().contentLength()).isEqualTo(10);
    assertThat(
            s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("range").range("bytes=90-"))
                .asByteArray())
        .isEqualTo(java.util.Arrays.copyOfRange(data, 90, 100));
    ResponseBytes<GetObjectResponse> suffix =
        s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("range").range("bytes=-5"));
    assertThat(suffix.asByteArray()).isEqualTo(java.util.Arrays.copyOfRange(data, 95, 100));
    assertThat(suffix.response().contentRange()).isEqualTo("bytes 95-99/100");
    assertThat(
            s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("range").range("bytes=50-1000"))
                .response()
                .contentRange())
        .isEqualTo("bytes 50-99/100");
    // Several ranges or nonsense: ignored, the whole object with 200.
    ResponseBytes<GetObjectResponse> multi =
        s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("range").range("bytes=0-1,5-6"));
    assertThat(multi.asByteArray()).isEqualTo(data);
    assertThat(multi.response().contentRange()).isNull();
    assertThat(
            s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("range").range("bytes=9-3"))
                .asByteArray())
        .isEqualTo(data);
    expectError(
        416,
        "InvalidRange",
        () -> s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("range").range("bytes=100-")));
    HeadObjectResponse head =
        s3.headObject(b -> b.bucket(BUCKET).key("range").range("bytes=10-19"));
    assertThat(head.contentLength()).isEqualTo(10);
    assertThat(head.contentRange()).isEqualTo("bytes 10-19/100");
  }

  @Test
  void conditionals() {
    String etag = put("cond", new byte[] {1, 2, 3}).eTag();
    Instant past = Instant.now().minus(1, ChronoUnit.DAYS);
    Instant future = Instant.now().plus(1, ChronoUnit.DAYS);
    assertThat(s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("cond").ifMatch(etag)).asByteArray())
        .hasSize(3);
    expectError(
        412,
        "PreconditionFailed",
        () -> s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("cond").ifMatch("\"nope\"")));
    expectError(
        412,
        "PreconditionFailed",
        () -> s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("cond").ifUnmodifiedSince(past)));
    expectError(
        412, null, () -> s3.headObject(b -> b.bucket(BUCKET).key("cond").ifMatch("\"nope\"")));
    var notModified =
        expectError(
            304,
            null,
            () -> s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("cond").ifNoneMatch(etag)));
    assertThat(notModified.awsErrorDetails().sdkHttpResponse().firstMatchingHeader("ETag"))
        .contains(etag);
    assertThat(notModified.awsErrorDetails().sdkHttpResponse().firstMatchingHeader("Last-Modified"))
        .isPresent();
    expectError(
        304,
        null,
        () -> s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("cond").ifModifiedSince(future)));
    expectError(
        304, null, () -> s3.headObject(b -> b.bucket(BUCKET).key("cond").ifNoneMatch(etag)));
    // S3's precedence rules.
    assertThat(
            s3.getObjectAsBytes(
                    b -> b.bucket(BUCKET).key("cond").ifMatch(etag).ifUnmodifiedSince(past))
                .response()
                .eTag())
        .isEqualTo(etag);
    expectError(
        304,
        null,
        () ->
            s3.getObjectAsBytes(
                b -> b.bucket(BUCKET).key("cond").ifNoneMatch(etag).ifModifiedSince(past)));
    assertThat(
            s3.getObjectAsBytes(
                    b ->
                        b.bucket(BUCKET)
                            .key("cond")
                            .ifNoneMatch("\"other\"")
                            .ifModifiedSince(future))
                .asByteArray())
        .hasSize(3);
  }

  @Test
  void metadataAndContentHeadersRoundTrip() {
    Instant expires = Instant.parse("2037-01-01T00:00:00Z");
    s3.putObject(
        b ->
            b.bucket(BUCKET)
                .key("meta")
                .metadata(Map.of("Color", "blue", "x-y", "1 2"))
                .contentType("text/plain; charset=utf-8")
                .contentDisposition("attachment; filename=\"a.txt\"")
                .contentLanguage("en")
                .cacheControl("max-age=60")
                .contentEncoding("identity")
                .expires(expires)
                .storageClass(StorageClass.STANDARD_IA),
        RequestBody.fromString("hello"));
    HeadObjectResponse head = s3.headObject(b -> b.bucket(BUCKET).key("meta"));
    assertThat(head.metadata())
        .containsExactlyInAnyOrderEntriesOf(Map.of("color", "blue", "x-y", "1 2"));
    assertThat(head.contentType()).isEqualTo("text/plain; charset=utf-8");
    assertThat(head.contentDisposition()).isEqualTo("attachment; filename=\"a.txt\"");
    assertThat(head.contentLanguage()).isEqualTo("en");
    assertThat(head.cacheControl()).isEqualTo("max-age=60");
    assertThat(head.contentEncoding()).isEqualTo("identity");
    assertThat(head.expiresString()).isEqualTo("Thu, 01 Jan 2037 00:00:00 GMT");
    assertThat(head.storageClass()).isEqualTo(StorageClass.STANDARD_IA);
    GetObjectResponse got = get("meta").response();
    assertThat(got.metadata()).containsEntry("color", "blue");
    assertThat(got.storageClass()).isEqualTo(StorageClass.STANDARD_IA);

    s3.putObject(
        b -> b.bucket(BUCKET).key("std").storageClass(StorageClass.STANDARD),
        RequestBody.fromString("x"));
    assertThat(s3.headObject(b -> b.bucket(BUCKET).key("std")).storageClass()).isNull();
  }

  @Test
  void responseHeaderOverrides() {
    put("override", "x".getBytes(StandardCharsets.UTF_8));
    GetObjectResponse r =
        s3.getObjectAsBytes(
                b ->
                    b.bucket(BUCKET)
                        .key("override")
                        .responseContentType("application/json")
                        .responseContentDisposition("inline")
                        .responseCacheControl("no-store")
                        .responseContentLanguage("fr")
                        .responseContentEncoding("identity"))
            .response();
    assertThat(r.contentType()).isEqualTo("application/json");
    assertThat(r.contentDisposition()).isEqualTo("inline");
    assertThat(r.cacheControl()).isEqualTo("no-store");
    assertThat(r.contentLanguage()).isEqualTo("fr");
    assertThat(r.contentEncoding()).isEqualTo("identity");
  }

  @Test
  void invalidWriteHeaders() {
    expectError(
        400,
        "MetadataTooLarge",
        () ->
            s3.putObject(
                b -> b.bucket(BUCKET).key("big-meta").metadata(Map.of("m", "v".repeat(2100))),
                RequestBody.fromString("x")));
    expectError(
        400,
        "InvalidStorageClass",
        () ->
            s3.putObject(
                b -> b.bucket(BUCKET).key("cold").storageClass("COLD"),
                RequestBody.fromString("x")));
    expectError(404, "NoSuchKey", () -> get("big-meta"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"CRC32", "CRC32C", "SHA1", "SHA256"})
  void checksumsAreStoredAndReturnedInChecksumMode(String name) {
    byte[] data = randomBytes(200_000, name.hashCode());
    String expected = checksum(dev.dfs.util.ChecksumAlgorithm.valueOf(name), data);
    String key = "checksum/" + name;
    PutObjectResponse put =
        s3.putObject(
            b -> b.bucket(BUCKET).key(key).checksumAlgorithm(ChecksumAlgorithm.fromValue(name)),
            RequestBody.fromBytes(data));
    assertThat(
            checksumOf(
                name,
                put.checksumCRC32(),
                put.checksumCRC32C(),
                put.checksumSHA1(),
                put.checksumSHA256()))
        .isEqualTo(expected);
    ResponseBytes<GetObjectResponse> got =
        s3.getObjectAsBytes(b -> b.bucket(BUCKET).key(key).checksumMode(ChecksumMode.ENABLED));
    assertThat(got.asByteArray()).isEqualTo(data);
    GetObjectResponse r = got.response();
    assertThat(
            checksumOf(
                name, r.checksumCRC32(), r.checksumCRC32C(), r.checksumSHA1(), r.checksumSHA256()))
        .isEqualTo(expected);
    assertThat(r.checksumTypeAsString()).isEqualTo("FULL_OBJECT");
    HeadObjectResponse h =
        s3.headObject(b -> b.bucket(BUCKET).key(key).checksumMode(ChecksumMode.ENABLED));
    assertThat(
            checksumOf(
                name, h.checksumCRC32(), h.checksumCRC32C(), h.checksumSHA1(), h.checksumSHA256()))
        .isEqualTo(expected);
    // Not for ranged reads, and not without checksum mode.
    GetObjectResponse ranged =
        s3.getObjectAsBytes(
                b ->
                    b.bucket(BUCKET).key(key).range("bytes=0-9").checksumMode(ChecksumMode.ENABLED))
            .response();
    assertThat(
            checksumOf(
                name,
                ranged.checksumCRC32(),
                ranged.checksumCRC32C(),
                ranged.checksumSHA1(),
                ranged.checksumSHA256()))
        .isNull();
    HeadObjectResponse plain = s3.headObject(b -> b.bucket(BUCKET).key(key));
    assertThat(
            checksumOf(
                name,
                plain.checksumCRC32(),
                plain.checksumCRC32C(),
                plain.checksumSHA1(),
                plain.checksumSHA256()))
        .isNull();
  }

  private static String checksumOf(
      String name, String crc32, String crc32c, String sha1, String sha256) {
    return switch (name) {
      case "CRC32" -> crc32;
      case "CRC32C" -> crc32c;
      case "SHA1" -> sha1;
      default -> sha256;
    };
  }

  @Test
  void crc64nvmeFromAHeaderValue() {
    byte[] data = randomBytes(70_000, 64);
    String crc = checksum(dev.dfs.util.ChecksumAlgorithm.CRC64NVME, data);
    PutObjectResponse put =
        s3.putObject(
            b -> b.bucket(BUCKET).key("crc64").checksumCRC64NVME(crc), RequestBody.fromBytes(data));
    assertThat(put.checksumCRC64NVME()).isEqualTo(crc);
    HeadObjectResponse h =
        s3.headObject(b -> b.bucket(BUCKET).key("crc64").checksumMode(ChecksumMode.ENABLED));
    assertThat(h.checksumCRC64NVME()).isEqualTo(crc);
    expectError(
        400,
        "BadDigest",
        () ->
            s3.putObject(
                b ->
                    b.bucket(BUCKET)
                        .key("crc64-bad")
                        .checksumCRC64NVME(
                            checksum(dev.dfs.util.ChecksumAlgorithm.CRC64NVME, new byte[1])),
                RequestBody.fromBytes(data)));
  }

  @Test
  void wrongChecksumOrMd5IsBadDigest() throws Exception {
    byte[] data = randomBytes(1000, 5);
    expectError(
        400,
        "BadDigest",
        () ->
            s3.putObject(
                b -> b.bucket(BUCKET).key("bad").checksumCRC32("AAAAAA=="),
                RequestBody.fromBytes(data)));
    String wrongMd5 = Base64.getEncoder().encodeToString(md5(new byte[] {1}));
    expectError(
        400,
        "BadDigest",
        () ->
            s3.putObject(
                b -> b.bucket(BUCKET).key("bad").contentMD5(wrongMd5),
                RequestBody.fromBytes(data)));
    expectError(
        400,
        "InvalidDigest",
        () ->
            s3.putObject(
                b -> b.bucket(BUCKET).key("bad").contentMD5("nonsense"),
                RequestBody.fromBytes(data)));
    expectError(404, "NoSuchKey", () -> get("bad"));
    String md5 = Base64.getEncoder().encodeToString(md5(data));
    s3.putObject(
        b -> b.bucket(BUCKET).key("good-md5").contentMD5(md5), RequestBody.fromBytes(data));
    assertThat(get("good-md5").asByteArray()).isEqualTo(data);
  }

  @Test
  void versionIdAndPartNumberOnSimpleObjects() {
    byte[] data = randomBytes(10, 9);
    put("plain", data);
    assertThat(
            s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("plain").versionId("null")).asByteArray())
        .isEqualTo(data);
    var e =
        expectError(
            400,
            "InvalidArgument",
            () ->
                s3.getObjectAsBytes(
                    b -> b.bucket(BUCKET).key("plain").versionId("3sL4kqtJlcpXroDTDmJ")));
    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Invalid version id specified");
    ResponseBytes<GetObjectResponse> part1 =
        s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("plain").partNumber(1));
    assertThat(part1.asByteArray()).isEqualTo(data);
    assertThat(part1.response().partsCount()).isNull();
    expectError(
        416,
        "InvalidPartNumber",
        () -> s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("plain").partNumber(2)));
    expectError(
        400,
        "InvalidArgument",
        () -> s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("plain").partNumber(0)));
  }

  @Test
  void deleteIsIdempotent() {
    put("gone", new byte[] {1});
    s3.deleteObject(b -> b.bucket(BUCKET).key("gone"));
    s3.deleteObject(b -> b.bucket(BUCKET).key("gone"));
    expectError(404, "NoSuchKey", () -> get("gone"));
    expectError(
        400,
        "InvalidArgument",
        () -> s3.deleteObject(b -> b.bucket(BUCKET).key("gone").versionId("abc")));
  }

  @Test
  void asyncClientPutGet() throws Exception {
    S3AsyncClient async = DFS.server().asyncClient();
    byte[] data = randomBytes(2 * 1024 * 1024 + 3, 77);
    PutObjectResponse put =
        async
            .putObject(b -> b.bucket(BUCKET).key("async/object"), AsyncRequestBody.fromBytes(data))
            .get();
    assertThat(put.eTag()).isEqualTo(quoted(md5Hex(data)));
    ResponseBytes<GetObjectResponse> got =
        async
            .getObject(
                b -> b.bucket(BUCKET).key("async/object"), AsyncResponseTransformer.toBytes())
            .get();
    assertThat(got.asByteArray()).isEqualTo(data);
    ResponseBytes<GetObjectResponse> ranged =
        async
            .getObject(
                b -> b.bucket(BUCKET).key("async/object").range("bytes=1048576-"),
                AsyncResponseTransformer.toBytes())
            .get();
    assertThat(ranged.asByteArray())
        .isEqualTo(java.util.Arrays.copyOfRange(data, 1048576, data.length));
    byte[] empty = new byte[0];
    async
        .putObject(b -> b.bucket(BUCKET).key("async/empty"), AsyncRequestBody.fromBytes(empty))
        .get();
    assertThat(
            async
                .getObject(
                    b -> b.bucket(BUCKET).key("async/empty"), AsyncResponseTransformer.toBytes())
                .get()
                .asByteArray())
        .isEmpty();
  }
}
