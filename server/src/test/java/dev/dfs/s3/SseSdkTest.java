package dev.dfs.s3;

import static dev.dfs.s3.SdkTestSupport.expectError;
import static dev.dfs.s3.SdkTestSupport.md5Hex;
import static dev.dfs.s3.SdkTestSupport.quoted;
import static dev.dfs.s3.SdkTestSupport.randomBytes;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dfs.testing.DfsServerExtension;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

/** SSE-S3, SSE-C and bucket default encryption through the AWS SDK v2. */
class SseSdkTest {
  @RegisterExtension static final DfsServerExtension DFS = DfsServerExtension.local();
  static S3Client s3;
  static final String B = "sse";

  static final byte[] KEY = randomBytes(32, 1);
  static final byte[] OTHER_KEY = randomBytes(32, 2);

  @BeforeAll
  static void start() throws Exception {
    s3 = DFS.client();
    s3.createBucket(b -> b.bucket(B));
  }

  static String b64(byte[] b) {
    return Base64.getEncoder().encodeToString(b);
  }

  static String keyMd5(byte[] key) {
    try {
      return b64(MessageDigest.getInstance("MD5").digest(key));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }

  static final String KEY_MD5 = keyMd5(KEY);
  static final String OTHER_MD5 = keyMd5(OTHER_KEY);
  static final String SHORT_MD5 = keyMd5(new byte[16]);

  @Test
  void sseS3RoundTripWithHeadersEtagRangeAndChecksum() throws Exception {
    byte[] data = randomBytes(300_000, 3);
    PutObjectResponse put =
        s3.putObject(
            b ->
                b.bucket(B)
                    .key("s3obj")
                    .serverSideEncryption(ServerSideEncryption.AES256)
                    .checksumAlgorithm(ChecksumAlgorithm.CRC32_C),
            RequestBody.fromBytes(data));
    assertThat(put.serverSideEncryption()).isEqualTo(ServerSideEncryption.AES256);
    assertThat(put.eTag()).isEqualTo(quoted(md5Hex(data)));
    HeadObjectResponse head = s3.headObject(b -> b.bucket(B).key("s3obj"));
    assertThat(head.serverSideEncryption()).isEqualTo(ServerSideEncryption.AES256);
    assertThat(head.contentLength()).isEqualTo(data.length);
    ResponseBytes<GetObjectResponse> got =
        s3.getObjectAsBytes(b -> b.bucket(B).key("s3obj").checksumMode(ChecksumMode.ENABLED));
    assertThat(got.asByteArray()).isEqualTo(data);
    assertThat(got.response().serverSideEncryption()).isEqualTo(ServerSideEncryption.AES256);
    assertThat(got.response().checksumCRC32C())
        .isEqualTo(SdkTestSupport.checksum(dev.dfs.util.ChecksumAlgorithm.CRC32C, data));
    byte[] range =
        s3.getObjectAsBytes(b -> b.bucket(B).key("s3obj").range("bytes=65530-131080"))
            .asByteArray();
    assertThat(range).isEqualTo(Arrays.copyOfRange(data, 65530, 131081));
  }

  @Test
  void sseS3SmallInlineObjectAndEmptyObject() {
    for (String body : new String[] {"", "tiny"}) {
      s3.putObject(
          b ->
              b.bucket(B)
                  .key("small" + body.length())
                  .serverSideEncryption(ServerSideEncryption.AES256),
          RequestBody.fromString(body));
      assertThat(s3.getObjectAsBytes(b -> b.bucket(B).key("small" + body.length())).asUtf8String())
          .isEqualTo(body);
    }
  }

  @Test
  void sseCRoundTripAndRefusals() throws Exception {
    byte[] data = randomBytes(200_000, 4);
    PutObjectResponse put =
        s3.putObject(
            b ->
                b.bucket(B)
                    .key("cobj")
                    .sseCustomerAlgorithm("AES256")
                    .sseCustomerKey(b64(KEY))
                    .sseCustomerKeyMD5(KEY_MD5),
            RequestBody.fromBytes(data));
    assertThat(put.sseCustomerAlgorithm()).isEqualTo("AES256");
    assertThat(put.sseCustomerKeyMD5()).isEqualTo(KEY_MD5);
    assertThat(put.eTag()).isNotEqualTo(quoted(md5Hex(data)));
    ResponseBytes<GetObjectResponse> got =
        s3.getObjectAsBytes(
            b ->
                b.bucket(B)
                    .key("cobj")
                    .sseCustomerAlgorithm("AES256")
                    .sseCustomerKey(b64(KEY))
                    .sseCustomerKeyMD5(KEY_MD5));
    assertThat(got.asByteArray()).isEqualTo(data);
    assertThat(got.response().sseCustomerKeyMD5()).isEqualTo(KEY_MD5);
    assertThat(got.response().eTag()).isEqualTo(put.eTag());
    byte[] range =
        s3.getObjectAsBytes(
                b ->
                    b.bucket(B)
                        .key("cobj")
                        .range("bytes=100-70000")
                        .sseCustomerAlgorithm("AES256")
                        .sseCustomerKey(b64(KEY))
                        .sseCustomerKeyMD5(KEY_MD5))
            .asByteArray();
    assertThat(range).isEqualTo(Arrays.copyOfRange(data, 100, 70001));
    HeadObjectResponse head =
        s3.headObject(
            b ->
                b.bucket(B)
                    .key("cobj")
                    .sseCustomerAlgorithm("AES256")
                    .sseCustomerKey(b64(KEY))
                    .sseCustomerKeyMD5(KEY_MD5));
    assertThat(head.sseCustomerAlgorithm()).isEqualTo("AES256");
    assertThat(head.contentLength()).isEqualTo(data.length);

    expectError(400, "InvalidRequest", () -> s3.getObjectAsBytes(b -> b.bucket(B).key("cobj")));
    expectError(400, null, () -> s3.headObject(b -> b.bucket(B).key("cobj")));
    expectError(
        403,
        "AccessDenied",
        () ->
            s3.getObjectAsBytes(
                b ->
                    b.bucket(B)
                        .key("cobj")
                        .sseCustomerAlgorithm("AES256")
                        .sseCustomerKey(b64(OTHER_KEY))
                        .sseCustomerKeyMD5(OTHER_MD5)));
    expectError(
        403,
        null,
        () ->
            s3.headObject(
                b ->
                    b.bucket(B)
                        .key("cobj")
                        .sseCustomerAlgorithm("AES256")
                        .sseCustomerKey(b64(OTHER_KEY))
                        .sseCustomerKeyMD5(OTHER_MD5)));
    expectError(
        400,
        "InvalidArgument",
        () ->
            s3.putObject(
                b ->
                    b.bucket(B)
                        .key("bad")
                        .sseCustomerAlgorithm("AES256")
                        .sseCustomerKey(b64(KEY))
                        .sseCustomerKeyMD5(OTHER_MD5),
                RequestBody.fromString("x")));
    expectError(
        400,
        "InvalidArgument",
        () ->
            s3.putObject(
                b ->
                    b.bucket(B)
                        .key("bad")
                        .sseCustomerAlgorithm("AES256")
                        .sseCustomerKey(b64(new byte[16]))
                        .sseCustomerKeyMD5(SHORT_MD5),
                RequestBody.fromString("x")));
    expectError(
        400,
        "InvalidArgument",
        () ->
            s3.putObject(
                b ->
                    b.bucket(B)
                        .key("bad")
                        .serverSideEncryption(ServerSideEncryption.AES256)
                        .sseCustomerAlgorithm("AES256")
                        .sseCustomerKey(b64(KEY))
                        .sseCustomerKeyMD5(KEY_MD5),
                RequestBody.fromString("x")));
    s3.putObject(b -> b.bucket(B).key("plain"), RequestBody.fromString("p"));
    expectError(
        400,
        "InvalidRequest",
        () ->
            s3.getObjectAsBytes(
                b ->
                    b.bucket(B)
                        .key("plain")
                        .sseCustomerAlgorithm("AES256")
                        .sseCustomerKey(b64(KEY))
                        .sseCustomerKeyMD5(KEY_MD5)));
  }

  @Test
  void copyDecryptsTheSourceAndEncryptsTheTargetAsAsked() throws Exception {
    byte[] data = randomBytes(100_000, 5);
    s3.putObject(
        b ->
            b.bucket(B)
                .key("csrc")
                .sseCustomerAlgorithm("AES256")
                .sseCustomerKey(b64(KEY))
                .sseCustomerKeyMD5(KEY_MD5),
        RequestBody.fromBytes(data));
    // SSE-C source without its key: refused
    expectError(
        400,
        "InvalidRequest",
        () ->
            s3.copyObject(
                b ->
                    b.sourceBucket(B).sourceKey("csrc").destinationBucket(B).destinationKey("t1")));
    // SSE-C -> SSE-S3
    var copied =
        s3.copyObject(
            b ->
                b.sourceBucket(B)
                    .sourceKey("csrc")
                    .destinationBucket(B)
                    .destinationKey("t1")
                    .copySourceSSECustomerAlgorithm("AES256")
                    .copySourceSSECustomerKey(b64(KEY))
                    .copySourceSSECustomerKeyMD5(KEY_MD5)
                    .serverSideEncryption(ServerSideEncryption.AES256));
    assertThat(copied.serverSideEncryption()).isEqualTo(ServerSideEncryption.AES256);
    assertThat(copied.copyObjectResult().eTag()).isEqualTo(quoted(md5Hex(data)));
    assertThat(s3.getObjectAsBytes(b -> b.bucket(B).key("t1")).asByteArray()).isEqualTo(data);
    // SSE-S3 -> SSE-C under another key
    s3.copyObject(
        b ->
            b.sourceBucket(B)
                .sourceKey("t1")
                .destinationBucket(B)
                .destinationKey("t2")
                .sseCustomerAlgorithm("AES256")
                .sseCustomerKey(b64(OTHER_KEY))
                .sseCustomerKeyMD5(OTHER_MD5));
    assertThat(
            s3.getObjectAsBytes(
                    b ->
                        b.bucket(B)
                            .key("t2")
                            .sseCustomerAlgorithm("AES256")
                            .sseCustomerKey(b64(OTHER_KEY))
                            .sseCustomerKeyMD5(OTHER_MD5))
                .asByteArray())
        .isEqualTo(data);
    // SSE-S3 -> plaintext (COPY directive must not carry the old key material over)
    var plain =
        s3.copyObject(
            b -> b.sourceBucket(B).sourceKey("t1").destinationBucket(B).destinationKey("t3"));
    assertThat(plain.serverSideEncryption()).isNull();
    assertThat(s3.headObject(b -> b.bucket(B).key("t3")).serverSideEncryption()).isNull();
    assertThat(s3.getObjectAsBytes(b -> b.bucket(B).key("t3")).asByteArray()).isEqualTo(data);
    // in-place copy that changes only the encryption is allowed
    s3.copyObject(
        b ->
            b.sourceBucket(B)
                .sourceKey("t3")
                .destinationBucket(B)
                .destinationKey("t3")
                .serverSideEncryption(ServerSideEncryption.AES256));
    assertThat(s3.headObject(b -> b.bucket(B).key("t3")).serverSideEncryption())
        .isEqualTo(ServerSideEncryption.AES256);
  }

  @Test
  void multipartSseS3AndSseCWithPartCopy() throws Exception {
    int part = 5 * 1024 * 1024;
    byte[] p1 = randomBytes(part, 6);
    byte[] p2 = randomBytes(1000, 7);
    // SSE-S3
    String id =
        s3.createMultipartUpload(
                b -> b.bucket(B).key("mp3").serverSideEncryption(ServerSideEncryption.AES256))
            .uploadId();
    var r1 =
        s3.uploadPart(
            b -> b.bucket(B).key("mp3").uploadId(id).partNumber(1), RequestBody.fromBytes(p1));
    assertThat(r1.serverSideEncryption()).isEqualTo(ServerSideEncryption.AES256);
    assertThat(r1.eTag()).isEqualTo(quoted(md5Hex(p1)));
    var r2 =
        s3.uploadPart(
            b -> b.bucket(B).key("mp3").uploadId(id).partNumber(2), RequestBody.fromBytes(p2));
    var done =
        s3.completeMultipartUpload(
            b ->
                b.bucket(B)
                    .key("mp3")
                    .uploadId(id)
                    .multipartUpload(
                        m ->
                            m.parts(
                                CompletedPart.builder().partNumber(1).eTag(r1.eTag()).build(),
                                CompletedPart.builder().partNumber(2).eTag(r2.eTag()).build())));
    assertThat(done.serverSideEncryption()).isEqualTo(ServerSideEncryption.AES256);
    byte[] whole = new byte[part + p2.length];
    System.arraycopy(p1, 0, whole, 0, part);
    System.arraycopy(p2, 0, whole, part, p2.length);
    assertThat(s3.getObjectAsBytes(b -> b.bucket(B).key("mp3")).asByteArray()).isEqualTo(whole);
    assertThat(
            s3.getObjectAsBytes(b -> b.bucket(B).key("mp3").range("bytes=5242000-5242999"))
                .asByteArray())
        .isEqualTo(Arrays.copyOfRange(whole, 5242000, 5243000));
    assertThat(s3.getObjectAsBytes(b -> b.bucket(B).key("mp3").partNumber(2)).asByteArray())
        .isEqualTo(p2);

    // SSE-C: every part carries the key; part 2 copied from the SSE-S3 object
    String cid =
        s3.createMultipartUpload(
                b ->
                    b.bucket(B)
                        .key("mpc")
                        .sseCustomerAlgorithm("AES256")
                        .sseCustomerKey(b64(KEY))
                        .sseCustomerKeyMD5(KEY_MD5))
            .uploadId();
    expectError(
        400,
        "InvalidRequest",
        () ->
            s3.uploadPart(
                b -> b.bucket(B).key("mpc").uploadId(cid).partNumber(1),
                RequestBody.fromBytes(p1)));
    expectError(
        400,
        "InvalidArgument",
        () ->
            s3.uploadPart(
                b ->
                    b.bucket(B)
                        .key("mpc")
                        .uploadId(cid)
                        .partNumber(1)
                        .sseCustomerAlgorithm("AES256")
                        .sseCustomerKey(b64(OTHER_KEY))
                        .sseCustomerKeyMD5(OTHER_MD5),
                RequestBody.fromBytes(p1)));
    var c1 =
        s3.uploadPart(
            b ->
                b.bucket(B)
                    .key("mpc")
                    .uploadId(cid)
                    .partNumber(1)
                    .sseCustomerAlgorithm("AES256")
                    .sseCustomerKey(b64(KEY))
                    .sseCustomerKeyMD5(KEY_MD5),
            RequestBody.fromBytes(p1));
    assertThat(c1.sseCustomerKeyMD5()).isEqualTo(KEY_MD5);
    var c2 =
        s3.uploadPartCopy(
            b ->
                b.sourceBucket(B)
                    .sourceKey("mp3")
                    .copySourceRange("bytes=0-999")
                    .destinationBucket(B)
                    .destinationKey("mpc")
                    .uploadId(cid)
                    .partNumber(2)
                    .sseCustomerAlgorithm("AES256")
                    .sseCustomerKey(b64(KEY))
                    .sseCustomerKeyMD5(KEY_MD5));
    s3.completeMultipartUpload(
        b ->
            b.bucket(B)
                .key("mpc")
                .uploadId(cid)
                .multipartUpload(
                    m ->
                        m.parts(
                            CompletedPart.builder().partNumber(1).eTag(c1.eTag()).build(),
                            CompletedPart.builder()
                                .partNumber(2)
                                .eTag(c2.copyPartResult().eTag())
                                .build())));
    byte[] expected = new byte[part + 1000];
    System.arraycopy(p1, 0, expected, 0, part);
    System.arraycopy(whole, 0, expected, part, 1000);
    assertThat(
            s3.getObjectAsBytes(
                    b ->
                        b.bucket(B)
                            .key("mpc")
                            .sseCustomerAlgorithm("AES256")
                            .sseCustomerKey(b64(KEY))
                            .sseCustomerKeyMD5(KEY_MD5))
                .asByteArray())
        .isEqualTo(expected);
    expectError(400, "InvalidRequest", () -> s3.getObjectAsBytes(b -> b.bucket(B).key("mpc")));
  }

  @Test
  @SuppressWarnings("unchecked") // the SDK's varargs of builder consumers
  void bucketDefaultEncryptionRoundTripAndEffect() {
    s3.createBucket(b -> b.bucket("sse-default"));
    expectError(
        404,
        "ServerSideEncryptionConfigurationNotFoundError",
        () -> s3.getBucketEncryption(b -> b.bucket("sse-default")));
    s3.putBucketEncryption(
        b ->
            b.bucket("sse-default")
                .serverSideEncryptionConfiguration(
                    c ->
                        c.rules(
                            r ->
                                r.applyServerSideEncryptionByDefault(
                                        d -> d.sseAlgorithm(ServerSideEncryption.AES256))
                                    .bucketKeyEnabled(true))));
    var got =
        s3.getBucketEncryption(b -> b.bucket("sse-default"))
            .serverSideEncryptionConfiguration()
            .rules();
    assertThat(got).hasSize(1);
    assertThat(got.get(0).applyServerSideEncryptionByDefault().sseAlgorithm())
        .isEqualTo(ServerSideEncryption.AES256);
    assertThat(got.get(0).bucketKeyEnabled()).isTrue();
    var put = s3.putObject(b -> b.bucket("sse-default").key("o"), RequestBody.fromString("hello"));
    assertThat(put.serverSideEncryption()).isEqualTo(ServerSideEncryption.AES256);
    assertThat(s3.headObject(b -> b.bucket("sse-default").key("o")).serverSideEncryption())
        .isEqualTo(ServerSideEncryption.AES256);
    assertThat(s3.getObjectAsBytes(b -> b.bucket("sse-default").key("o")).asUtf8String())
        .isEqualTo("hello");
    expectError(
        400,
        "InvalidArgument",
        () ->
            s3.putBucketEncryption(
                b ->
                    b.bucket("sse-default")
                        .serverSideEncryptionConfiguration(
                            c ->
                                c.rules(
                                    r ->
                                        r.applyServerSideEncryptionByDefault(
                                            d -> d.sseAlgorithm("DES"))))));
    s3.deleteBucketEncryption(b -> b.bucket("sse-default"));
    expectError(
        404,
        "ServerSideEncryptionConfigurationNotFoundError",
        () -> s3.getBucketEncryption(b -> b.bucket("sse-default")));
    var after = s3.putObject(b -> b.bucket("sse-default").key("p"), RequestBody.fromString("x"));
    assertThat(after.serverSideEncryption()).isNull();
    expectError(404, "NoSuchBucket", () -> s3.getBucketEncryption(b -> b.bucket("no-such-sse")));
  }
}
