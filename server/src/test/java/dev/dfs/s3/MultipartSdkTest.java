package dev.dfs.s3;

import static dev.dfs.s3.SdkTestSupport.checksum;
import static dev.dfs.s3.SdkTestSupport.expectError;
import static dev.dfs.s3.SdkTestSupport.md5;
import static dev.dfs.s3.SdkTestSupport.md5Hex;
import static dev.dfs.s3.SdkTestSupport.quoted;
import static dev.dfs.s3.SdkTestSupport.randomBytes;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dfs.testing.DfsServerExtension;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.ChecksumType;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.ListMultipartUploadsResponse;
import software.amazon.awssdk.services.s3.model.ListPartsResponse;
import software.amazon.awssdk.services.s3.model.StorageClass;
import software.amazon.awssdk.services.s3.model.UploadPartCopyResponse;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

/** Multipart uploads through the AWS SDK v2 against a real in-process DFS. */
class MultipartSdkTest {
  private static final String BUCKET = "multipart";
  private static final int MIB = 1024 * 1024;

  @RegisterExtension static final DfsServerExtension DFS = DfsServerExtension.local();
  static S3Client s3;

  @BeforeAll
  static void start() throws Exception {
    s3 = DFS.client();
    s3.createBucket(b -> b.bucket(BUCKET));
  }

  private static String create(String key) {
    return s3.createMultipartUpload(b -> b.bucket(BUCKET).key(key)).uploadId();
  }

  private static UploadPartResponse part(String key, String uploadId, int n, byte[] data) {
    return s3.uploadPart(
        b -> b.bucket(BUCKET).key(key).uploadId(uploadId).partNumber(n),
        RequestBody.fromBytes(data));
  }

  private static CompleteMultipartUploadResponse complete(
      String key, String uploadId, List<CompletedPart> parts) {
    return s3.completeMultipartUpload(
        b -> b.bucket(BUCKET).key(key).uploadId(uploadId).multipartUpload(m -> m.parts(parts)));
  }

  private static CompletedPart done(int n, String etag) {
    return CompletedPart.builder().partNumber(n).eTag(etag).build();
  }

  private static String multipartEtag(byte[]... parts) throws Exception {
    ByteArrayOutputStream md5s = new ByteArrayOutputStream();
    for (byte[] p : parts) md5s.write(md5(p));
    return quoted(md5Hex(md5s.toByteArray()) + "-" + parts.length);
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) out.writeBytes(p);
    return out.toByteArray();
  }

  @Test
  void uploadCompleteAndReadBack() throws Exception {
    byte[] p1 = randomBytes(5 * MIB, 1);
    byte[] p2 = randomBytes(MIB + 3, 2);
    String id =
        s3.createMultipartUpload(
                b ->
                    b.bucket(BUCKET)
                        .key("big")
                        .contentType("video/mp4")
                        .metadata(Map.of("kind", "mp"))
                        .storageClass(StorageClass.STANDARD_IA))
            .uploadId();
    UploadPartResponse r1 = part("big", id, 1, p1);
    UploadPartResponse r2 = part("big", id, 2, p2);
    assertThat(r1.eTag()).isEqualTo(quoted(md5Hex(p1)));
    CompleteMultipartUploadResponse done =
        complete("big", id, List.of(done(1, r1.eTag()), done(2, r2.eTag())));
    assertThat(done.eTag()).isEqualTo(multipartEtag(p1, p2)).matches("\"[0-9a-f]{32}-2\"");
    assertThat(done.bucket()).isEqualTo(BUCKET);
    assertThat(done.key()).isEqualTo("big");
    assertThat(done.location()).endsWith("/" + BUCKET + "/big");

    ResponseBytes<GetObjectResponse> whole = s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("big"));
    assertThat(whole.asByteArray()).isEqualTo(concat(p1, p2));
    assertThat(whole.response().eTag()).isEqualTo(done.eTag());
    assertThat(whole.response().contentType()).isEqualTo("video/mp4");
    assertThat(whole.response().metadata()).isEqualTo(Map.of("kind", "mp"));
    assertThat(whole.response().storageClass()).isEqualTo(StorageClass.STANDARD_IA);
    assertThat(whole.response().partsCount()).isNull();

    ResponseBytes<GetObjectResponse> second =
        s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("big").partNumber(2));
    assertThat(second.asByteArray()).isEqualTo(p2);
    assertThat(second.response().partsCount()).isEqualTo(2);
    assertThat(second.response().contentRange())
        .isEqualTo(
            "bytes "
                + p1.length
                + "-"
                + (p1.length + p2.length - 1)
                + "/"
                + (p1.length + p2.length));
    assertThat(s3.headObject(b -> b.bucket(BUCKET).key("big").partNumber(1)).contentLength())
        .isEqualTo(p1.length);
    expectError(
        416,
        "InvalidPartNumber",
        () -> s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("big").partNumber(3)));
  }

  @Test
  void completeErrors() throws Exception {
    byte[] p1 = randomBytes(5 * MIB, 3);
    byte[] small = randomBytes(1024, 4);
    String id = create("errors");
    String e1 = part("errors", id, 1, p1).eTag();
    String e2 = part("errors", id, 2, small).eTag();
    String e3 = part("errors", id, 3, small).eTag();
    expectError(
        400,
        "InvalidPart",
        () ->
            complete(
                "errors",
                id,
                List.of(done(1, e1), done(2, quoted("0123456789abcdef0123456789abcdef")))));
    expectError(
        400, "InvalidPart", () -> complete("errors", id, List.of(done(1, e1), done(4, e2))));
    expectError(
        400, "InvalidPartOrder", () -> complete("errors", id, List.of(done(2, e2), done(1, e1))));
    expectError(
        400,
        "EntityTooSmall",
        () -> complete("errors", id, List.of(done(1, e1), done(2, e2), done(3, e3))));
    expectError(400, "MalformedXML", () -> complete("errors", id, List.of()));
    expectError(
        404, "NoSuchUpload", () -> complete("errors", "no-such-upload", List.of(done(1, e1))));
    // ETag quotes are optional; the last part may be small.
    CompleteMultipartUploadResponse ok =
        complete("errors", id, List.of(done(1, e1.replace("\"", "")), done(2, e2)));
    assertThat(ok.eTag()).isEqualTo(multipartEtag(p1, small));
    expectError(404, "NoSuchUpload", () -> part("errors", id, 3, small));
  }

  @Test
  void partNumberLimits() {
    String id = create("limits");
    expectError(400, "InvalidArgument", () -> part("limits", id, 0, new byte[1]));
    expectError(400, "InvalidArgument", () -> part("limits", id, 10001, new byte[1]));
    part("limits", id, 10000, new byte[1]);
    s3.abortMultipartUpload(b -> b.bucket(BUCKET).key("limits").uploadId(id));
  }

  @Test
  void listPartsPagesAndAbort() {
    String id = create("listed");
    for (int n = 1; n <= 3; n++) part("listed", id, n, randomBytes(100 * n, n));
    ListPartsResponse first =
        s3.listParts(b -> b.bucket(BUCKET).key("listed").uploadId(id).maxParts(2));
    assertThat(first.isTruncated()).isTrue();
    assertThat(first.parts()).extracting(p -> p.partNumber()).containsExactly(1, 2);
    assertThat(first.parts().get(1).size()).isEqualTo(200);
    assertThat(first.nextPartNumberMarker()).isEqualTo(2);
    assertThat(first.maxParts()).isEqualTo(2);
    assertThat(first.owner().id()).isEqualTo("root");
    assertThat(first.initiator().id()).isEqualTo("root");
    assertThat(first.storageClass()).isEqualTo(StorageClass.STANDARD);
    ListPartsResponse rest =
        s3.listParts(
            b ->
                b.bucket(BUCKET)
                    .key("listed")
                    .uploadId(id)
                    .partNumberMarker(first.nextPartNumberMarker()));
    assertThat(rest.isTruncated()).isFalse();
    assertThat(rest.parts()).extracting(p -> p.partNumber()).containsExactly(3);
    assertThat(rest.partNumberMarker()).isEqualTo(2);

    s3.abortMultipartUpload(b -> b.bucket(BUCKET).key("listed").uploadId(id));
    expectError(
        404, "NoSuchUpload", () -> s3.listParts(b -> b.bucket(BUCKET).key("listed").uploadId(id)));
    expectError(
        404,
        "NoSuchUpload",
        () -> s3.abortMultipartUpload(b -> b.bucket(BUCKET).key("listed").uploadId(id)));
  }

  @Test
  void listUploads() {
    S3Client client = DFS.server().client();
    String bucket = "uploads-listing";
    client.createBucket(b -> b.bucket(bucket));
    List<String> ids = new ArrayList<>();
    for (String key : List.of("dir/a", "dir/b", "dir/sub/c", "top a+b")) {
      ids.add(client.createMultipartUpload(b -> b.bucket(bucket).key(key)).uploadId());
    }
    ListMultipartUploadsResponse all = client.listMultipartUploads(b -> b.bucket(bucket));
    assertThat(all.uploads())
        .extracting(u -> u.key())
        .containsExactly("dir/a", "dir/b", "dir/sub/c", "top a+b");
    assertThat(all.uploads()).extracting(u -> u.uploadId()).containsExactlyElementsOf(ids);
    assertThat(all.isTruncated()).isFalse();

    ListMultipartUploadsResponse page =
        client.listMultipartUploads(b -> b.bucket(bucket).maxUploads(2));
    assertThat(page.isTruncated()).isTrue();
    assertThat(page.uploads()).extracting(u -> u.key()).containsExactly("dir/a", "dir/b");
    ListMultipartUploadsResponse next =
        client.listMultipartUploads(
            b ->
                b.bucket(bucket)
                    .keyMarker(page.nextKeyMarker())
                    .uploadIdMarker(page.nextUploadIdMarker()));
    assertThat(next.uploads()).extracting(u -> u.key()).containsExactly("dir/sub/c", "top a+b");

    ListMultipartUploadsResponse grouped =
        client.listMultipartUploads(b -> b.bucket(bucket).prefix("dir/").delimiter("/"));
    assertThat(grouped.uploads()).extracting(u -> u.key()).containsExactly("dir/a", "dir/b");
    assertThat(grouped.commonPrefixes()).extracting(p -> p.prefix()).containsExactly("dir/sub/");
    assertThat(grouped.prefix()).isEqualTo("dir/");
    assertThat(grouped.delimiter()).isEqualTo("/");

    for (int i = 0; i < ids.size(); i++) {
      String key = all.uploads().get(i).key();
      String id = ids.get(i);
      client.abortMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(id));
    }
    assertThat(client.listMultipartUploads(b -> b.bucket(bucket)).uploads()).isEmpty();
  }

  @Test
  void uploadPartCopyWithRanges() throws Exception {
    byte[] source = randomBytes(6 * MIB + 11, 9);
    s3.putObject(b -> b.bucket(BUCKET).key("copy-source"), RequestBody.fromBytes(source));
    String id = create("copied");
    int cut = 5 * MIB;
    UploadPartCopyResponse c1 =
        s3.uploadPartCopy(
            b ->
                b.sourceBucket(BUCKET)
                    .sourceKey("copy-source")
                    .destinationBucket(BUCKET)
                    .destinationKey("copied")
                    .uploadId(id)
                    .partNumber(1)
                    .copySourceRange("bytes=0-" + (cut - 1)));
    UploadPartCopyResponse c2 =
        s3.uploadPartCopy(
            b ->
                b.sourceBucket(BUCKET)
                    .sourceKey("copy-source")
                    .destinationBucket(BUCKET)
                    .destinationKey("copied")
                    .uploadId(id)
                    .partNumber(2)
                    .copySourceRange("bytes=" + cut + "-" + (source.length - 1)));
    byte[] first = Arrays.copyOfRange(source, 0, cut);
    byte[] second = Arrays.copyOfRange(source, cut, source.length);
    assertThat(c1.copyPartResult().eTag()).isEqualTo(quoted(md5Hex(first)));
    assertThat(c1.copyPartResult().lastModified()).isNotNull();
    expectError(
        416,
        "InvalidRange",
        () ->
            s3.uploadPartCopy(
                b ->
                    b.sourceBucket(BUCKET)
                        .sourceKey("copy-source")
                        .destinationBucket(BUCKET)
                        .destinationKey("copied")
                        .uploadId(id)
                        .partNumber(3)
                        .copySourceRange("bytes=0-" + source.length)));
    expectError(
        400,
        "InvalidArgument",
        () ->
            s3.uploadPartCopy(
                b ->
                    b.sourceBucket(BUCKET)
                        .sourceKey("copy-source")
                        .destinationBucket(BUCKET)
                        .destinationKey("copied")
                        .uploadId(id)
                        .partNumber(3)
                        .copySourceRange("0-10")));
    expectError(
        412,
        "PreconditionFailed",
        () ->
            s3.uploadPartCopy(
                b ->
                    b.sourceBucket(BUCKET)
                        .sourceKey("copy-source")
                        .destinationBucket(BUCKET)
                        .destinationKey("copied")
                        .uploadId(id)
                        .partNumber(3)
                        .copySourceIfMatch("\"nope\"")));
    complete(
        "copied",
        id,
        List.of(done(1, c1.copyPartResult().eTag()), done(2, c2.copyPartResult().eTag())));
    assertThat(s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("copied")).asByteArray())
        .isEqualTo(source);
    assertThat(s3.headObject(b -> b.bucket(BUCKET).key("copied")).eTag())
        .isEqualTo(multipartEtag(first, second));
  }

  @Test
  void compositeChecksums() throws Exception {
    byte[] p1 = randomBytes(5 * MIB, 21);
    byte[] p2 = randomBytes(1000, 22);
    String id =
        s3.createMultipartUpload(
                b -> b.bucket(BUCKET).key("composite").checksumAlgorithm(ChecksumAlgorithm.CRC32))
            .uploadId();
    UploadPartResponse r1 =
        s3.uploadPart(
            b ->
                b.bucket(BUCKET)
                    .key("composite")
                    .uploadId(id)
                    .partNumber(1)
                    .checksumAlgorithm(ChecksumAlgorithm.CRC32),
            RequestBody.fromBytes(p1));
    UploadPartResponse r2 =
        s3.uploadPart(
            b ->
                b.bucket(BUCKET)
                    .key("composite")
                    .uploadId(id)
                    .partNumber(2)
                    .checksumAlgorithm(ChecksumAlgorithm.CRC32),
            RequestBody.fromBytes(p2));
    String c1 = checksum(dev.dfs.util.ChecksumAlgorithm.CRC32, p1);
    String c2 = checksum(dev.dfs.util.ChecksumAlgorithm.CRC32, p2);
    assertThat(r1.checksumCRC32()).isEqualTo(c1);
    assertThat(r2.checksumCRC32()).isEqualTo(c2);
    expectError(
        400,
        "InvalidRequest",
        () ->
            s3.uploadPart(
                b ->
                    b.bucket(BUCKET)
                        .key("composite")
                        .uploadId(id)
                        .partNumber(3)
                        .checksumAlgorithm(ChecksumAlgorithm.SHA256),
                RequestBody.fromBytes(p2)));

    ListPartsResponse listed = s3.listParts(b -> b.bucket(BUCKET).key("composite").uploadId(id));
    assertThat(listed.parts()).extracting(p -> p.checksumCRC32()).containsExactly(c1, c2);
    assertThat(listed.checksumAlgorithm()).isEqualTo(ChecksumAlgorithm.CRC32);

    expectError(
        400,
        "InvalidRequest",
        () -> complete("composite", id, List.of(done(1, r1.eTag()), done(2, r2.eTag()))));
    CompleteMultipartUploadResponse done =
        complete(
            "composite",
            id,
            List.of(
                CompletedPart.builder().partNumber(1).eTag(r1.eTag()).checksumCRC32(c1).build(),
                CompletedPart.builder().partNumber(2).eTag(r2.eTag()).checksumCRC32(c2).build()));
    byte[] raw = concat(Base64.getDecoder().decode(c1), Base64.getDecoder().decode(c2));
    String composite = checksum(dev.dfs.util.ChecksumAlgorithm.CRC32, raw) + "-2";
    assertThat(done.checksumCRC32()).isEqualTo(composite);
    assertThat(done.checksumType()).isEqualTo(ChecksumType.COMPOSITE);
    ResponseBytes<GetObjectResponse> got =
        s3.getObjectAsBytes(
            b -> b.bucket(BUCKET).key("composite").checksumMode(ChecksumMode.ENABLED));
    assertThat(got.asByteArray()).isEqualTo(concat(p1, p2));
    assertThat(got.response().checksumCRC32()).isEqualTo(composite);
  }

  @Test
  void fullObjectChecksum() {
    byte[] p1 = randomBytes(5 * MIB, 31);
    byte[] p2 = randomBytes(777, 32);
    String id =
        s3.createMultipartUpload(
                b ->
                    b.bucket(BUCKET)
                        .key("full")
                        .checksumAlgorithm(ChecksumAlgorithm.CRC32_C)
                        .checksumType(ChecksumType.FULL_OBJECT))
            .uploadId();
    String e1 =
        s3.uploadPart(
                b ->
                    b.bucket(BUCKET)
                        .key("full")
                        .uploadId(id)
                        .partNumber(1)
                        .checksumAlgorithm(ChecksumAlgorithm.CRC32_C),
                RequestBody.fromBytes(p1))
            .eTag();
    String e2 =
        s3.uploadPart(
                b ->
                    b.bucket(BUCKET)
                        .key("full")
                        .uploadId(id)
                        .partNumber(2)
                        .checksumAlgorithm(ChecksumAlgorithm.CRC32_C),
                RequestBody.fromBytes(p2))
            .eTag();
    CompleteMultipartUploadResponse done = complete("full", id, List.of(done(1, e1), done(2, e2)));
    String expected = checksum(dev.dfs.util.ChecksumAlgorithm.CRC32C, concat(p1, p2));
    assertThat(done.checksumCRC32C()).isEqualTo(expected);
    assertThat(done.checksumType()).isEqualTo(ChecksumType.FULL_OBJECT);
    // The SDK validates the full-object CRC32C of the body it receives.
    ResponseBytes<GetObjectResponse> got =
        s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("full").checksumMode(ChecksumMode.ENABLED));
    assertThat(got.response().checksumCRC32C()).isEqualTo(expected);
    assertThat(got.asByteArray()).isEqualTo(concat(p1, p2));
  }

  @Test
  void sdkDefaultPartChecksumsOnAnUploadWithout() throws Exception {
    byte[] p1 = randomBytes(5 * MIB, 41);
    byte[] p2 = randomBytes(10, 42);
    String id = create("defaults");
    UploadPartResponse r1 = part("defaults", id, 1, p1);
    assertThat(r1.checksumCRC32()).isEqualTo(checksum(dev.dfs.util.ChecksumAlgorithm.CRC32, p1));
    UploadPartResponse r2 = part("defaults", id, 2, p2);
    complete("defaults", id, List.of(done(1, r1.eTag()), done(2, r2.eTag())));
    assertThat(s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("defaults")).asByteArray())
        .isEqualTo(concat(p1, p2));
  }

  @Test
  void asyncClientMultipart() throws Exception {
    var async = DFS.server().asyncClient();
    byte[] p1 = randomBytes(5 * MIB, 51);
    byte[] p2 = randomBytes(4321, 52);
    String id = async.createMultipartUpload(b -> b.bucket(BUCKET).key("async-mp")).get().uploadId();
    String e1 =
        async
            .uploadPart(
                b -> b.bucket(BUCKET).key("async-mp").uploadId(id).partNumber(1),
                software.amazon.awssdk.core.async.AsyncRequestBody.fromBytes(p1))
            .get()
            .eTag();
    String e2 =
        async
            .uploadPart(
                b -> b.bucket(BUCKET).key("async-mp").uploadId(id).partNumber(2),
                software.amazon.awssdk.core.async.AsyncRequestBody.fromBytes(p2))
            .get()
            .eTag();
    async
        .completeMultipartUpload(
            b ->
                b.bucket(BUCKET)
                    .key("async-mp")
                    .uploadId(id)
                    .multipartUpload(m -> m.parts(done(1, e1), done(2, e2))))
        .get();
    assertThat(s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("async-mp")).asByteArray())
        .isEqualTo(concat(p1, p2));
  }
}
