package dev.dfs.s3;

import static dev.dfs.s3.SdkTestSupport.checksum;
import static dev.dfs.s3.SdkTestSupport.expectError;
import static dev.dfs.s3.SdkTestSupport.md5Hex;
import static dev.dfs.s3.SdkTestSupport.randomBytes;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dfs.testing.DfsServerExtension;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.GetObjectAttributesRequest;
import software.amazon.awssdk.services.s3.model.GetObjectAttributesResponse;
import software.amazon.awssdk.services.s3.model.ObjectAttributes;
import software.amazon.awssdk.services.s3.model.ObjectPart;
import software.amazon.awssdk.services.s3.model.StorageClass;

/** GetObjectAttributes through the AWS SDK v2 against the local engine. */
class GetObjectAttributesSdkTest {
  private static final String BUCKET = "attrs";
  private static final int MIB = 1024 * 1024;
  private static final List<ObjectAttributes> ALL =
      List.of(
          ObjectAttributes.E_TAG,
          ObjectAttributes.CHECKSUM,
          ObjectAttributes.OBJECT_PARTS,
          ObjectAttributes.STORAGE_CLASS,
          ObjectAttributes.OBJECT_SIZE);

  @RegisterExtension static final DfsServerExtension DFS = DfsServerExtension.local();
  static S3Client s3;

  @BeforeAll
  static void start() {
    s3 = DFS.client();
    s3.createBucket(b -> b.bucket(BUCKET));
  }

  private static GetObjectAttributesResponse attributes(
      String key, Consumer<GetObjectAttributesRequest.Builder> more) {
    return s3.getObjectAttributes(
        b -> {
          b.bucket(BUCKET).key(key).objectAttributes(ALL);
          more.accept(b);
        });
  }

  @Test
  void singlePutObjectHasEtagChecksumClassAndSizeButNoParts() {
    byte[] data = randomBytes(70_000, 1);
    // the SDK computes CRC64NVME only with the CRT on the class path: send the value
    s3.putObject(
        b ->
            b.bucket(BUCKET)
                .key("single")
                .storageClass(StorageClass.STANDARD_IA)
                .checksumCRC64NVME(checksum(dev.dfs.util.ChecksumAlgorithm.CRC64NVME, data)),
        RequestBody.fromBytes(data));
    GetObjectAttributesResponse r = attributes("single", b -> {});
    assertThat(r.eTag()).isEqualTo(md5Hex(data));
    assertThat(r.checksum().checksumCRC64NVME())
        .isEqualTo(checksum(dev.dfs.util.ChecksumAlgorithm.CRC64NVME, data));
    assertThat(r.checksum().checksumTypeAsString()).isEqualTo("FULL_OBJECT");
    assertThat(r.objectParts()).isNull();
    assertThat(r.storageClassAsString()).isEqualTo("STANDARD_IA");
    assertThat(r.objectSize()).isEqualTo(data.length);
    assertThat(r.lastModified()).isNotNull();
    assertThat(r.versionId()).isNull();

    GetObjectAttributesResponse onlySize =
        s3.getObjectAttributes(
            b -> b.bucket(BUCKET).key("single").objectAttributes(ObjectAttributes.OBJECT_SIZE));
    assertThat(onlySize.objectSize()).isEqualTo(data.length);
    assertThat(onlySize.eTag()).isNull();
    assertThat(onlySize.checksum()).isNull();
    assertThat(onlySize.storageClass()).isNull();
  }

  @Test
  void compositeMultipartListsEachPartsChecksumPageByPage() throws Exception {
    List<byte[]> parts =
        List.of(randomBytes(5 * MIB, 2), randomBytes(5 * MIB, 3), randomBytes(1000, 4));
    List<String> partCrcs = upload("composite", ChecksumAlgorithm.CRC32, null, parts);
    GetObjectAttributesResponse first = attributes("composite", b -> b.maxParts(2));
    assertThat(first.eTag()).endsWith("-3");
    assertThat(first.checksum().checksumCRC32()).isEqualTo(composite(partCrcs));
    assertThat(first.checksum().checksumTypeAsString()).isEqualTo("COMPOSITE");
    assertThat(first.objectSize()).isEqualTo(10 * MIB + 1000);
    var op = first.objectParts();
    assertThat(op.totalPartsCount()).isEqualTo(3);
    assertThat(op.maxParts()).isEqualTo(2);
    assertThat(op.isTruncated()).isTrue();
    assertThat(op.partNumberMarker()).isEqualTo(0);
    assertThat(op.nextPartNumberMarker()).isEqualTo(2);
    assertThat(op.parts()).extracting(ObjectPart::partNumber).containsExactly(1, 2);
    assertThat(op.parts()).extracting(ObjectPart::size).containsExactly(5L * MIB, 5L * MIB);
    assertThat(op.parts())
        .extracting(ObjectPart::checksumCRC32)
        .containsExactly(partCrcs.get(0), partCrcs.get(1));

    var rest = attributes("composite", b -> b.maxParts(2).partNumberMarker(2)).objectParts();
    assertThat(rest.isTruncated()).isFalse();
    assertThat(rest.partNumberMarker()).isEqualTo(2);
    assertThat(rest.parts()).extracting(ObjectPart::partNumber).containsExactly(3);
    assertThat(rest.parts().get(0).size()).isEqualTo(1000L);
    assertThat(rest.parts().get(0).checksumCRC32()).isEqualTo(partCrcs.get(2));
  }

  @Test
  void fullObjectMultipartChecksumIsTheWholeObjectsCrc() throws Exception {
    List<byte[]> parts = List.of(randomBytes(5 * MIB, 5), randomBytes(3000, 6));
    upload(
        "full",
        ChecksumAlgorithm.CRC64_NVME,
        software.amazon.awssdk.services.s3.model.ChecksumType.FULL_OBJECT,
        parts);
    byte[] whole = new byte[5 * MIB + 3000];
    System.arraycopy(parts.get(0), 0, whole, 0, 5 * MIB);
    System.arraycopy(parts.get(1), 0, whole, 5 * MIB, 3000);
    GetObjectAttributesResponse r = attributes("full", b -> {});
    assertThat(r.checksum().checksumCRC64NVME())
        .isEqualTo(checksum(dev.dfs.util.ChecksumAlgorithm.CRC64NVME, whole));
    assertThat(r.checksum().checksumTypeAsString()).isEqualTo("FULL_OBJECT");
    assertThat(r.objectParts().parts())
        .extracting(ObjectPart::checksumCRC64NVME)
        .containsExactly(
            checksum(dev.dfs.util.ChecksumAlgorithm.CRC64NVME, parts.get(0)),
            checksum(dev.dfs.util.ChecksumAlgorithm.CRC64NVME, parts.get(1)));
  }

  @Test
  void multipartWithoutChecksumsCountsItsPartsOnly() throws Exception {
    upload("plain", null, null, List.of(randomBytes(5 * MIB, 7), randomBytes(10, 8)));
    GetObjectAttributesResponse r = attributes("plain", b -> {});
    assertThat(r.checksum()).isNull();
    assertThat(r.objectParts().totalPartsCount()).isEqualTo(2);
    assertThat(r.objectParts().parts()).isEmpty();
    assertThat(r.storageClassAsString()).isEqualTo("STANDARD");
  }

  @Test
  void versionsAndDeleteMarkers() {
    String bucket = "attrs-versions";
    s3.createBucket(b -> b.bucket(bucket));
    s3.putBucketVersioning(
        b ->
            b.bucket(bucket)
                .versioningConfiguration(c -> c.status(BucketVersioningStatus.ENABLED)));
    String v1 =
        s3.putObject(b -> b.bucket(bucket).key("k"), RequestBody.fromString("one")).versionId();
    s3.putObject(b -> b.bucket(bucket).key("k"), RequestBody.fromString("second"));
    GetObjectAttributesResponse old =
        s3.getObjectAttributes(
            b ->
                b.bucket(bucket)
                    .key("k")
                    .versionId(v1)
                    .objectAttributes(ObjectAttributes.OBJECT_SIZE, ObjectAttributes.E_TAG));
    assertThat(old.versionId()).isEqualTo(v1);
    assertThat(old.objectSize()).isEqualTo(3);
    assertThat(old.eTag())
        .isEqualTo(md5Hex("one".getBytes(java.nio.charset.StandardCharsets.UTF_8)));

    String marker = s3.deleteObject(b -> b.bucket(bucket).key("k")).versionId();
    var gone =
        expectError(
            404,
            "NoSuchKey",
            () ->
                s3.getObjectAttributes(
                    b -> b.bucket(bucket).key("k").objectAttributes(ObjectAttributes.OBJECT_SIZE)));
    assertThat(gone.awsErrorDetails().sdkHttpResponse().firstMatchingHeader("x-amz-delete-marker"))
        .hasValue("true");
    var byId =
        expectError(
            405,
            "MethodNotAllowed",
            () ->
                s3.getObjectAttributes(
                    b ->
                        b.bucket(bucket)
                            .key("k")
                            .versionId(marker)
                            .objectAttributes(ObjectAttributes.OBJECT_SIZE)));
    assertThat(byId.awsErrorDetails().sdkHttpResponse().firstMatchingHeader("Last-Modified"))
        .isPresent();
    expectError(
        404,
        "NoSuchKey",
        () ->
            s3.getObjectAttributes(
                b ->
                    b.bucket(BUCKET)
                        .key("never-written")
                        .objectAttributes(ObjectAttributes.OBJECT_SIZE)));
  }

  @Test
  void sseCustomerKeyIsNeededAndChecked() throws Exception {
    byte[] key = randomBytes(32, 9);
    byte[] other = randomBytes(32, 10);
    String md5 = keyMd5(key);
    String otherMd5 = keyMd5(other);
    s3.putObject(
        b ->
            b.bucket(BUCKET)
                .key("ssec")
                .sseCustomerAlgorithm("AES256")
                .sseCustomerKey(b64(key))
                .sseCustomerKeyMD5(md5),
        RequestBody.fromString("x"));
    GetObjectAttributesResponse r =
        s3.getObjectAttributes(
            b ->
                b.bucket(BUCKET)
                    .key("ssec")
                    .objectAttributes(ObjectAttributes.OBJECT_SIZE)
                    .sseCustomerAlgorithm("AES256")
                    .sseCustomerKey(b64(key))
                    .sseCustomerKeyMD5(md5));
    assertThat(r.objectSize()).isEqualTo(1);
    expectError(
        400,
        "InvalidRequest",
        () ->
            s3.getObjectAttributes(
                b -> b.bucket(BUCKET).key("ssec").objectAttributes(ObjectAttributes.OBJECT_SIZE)));
    expectError(
        403,
        "AccessDenied",
        () ->
            s3.getObjectAttributes(
                b ->
                    b.bucket(BUCKET)
                        .key("ssec")
                        .objectAttributes(ObjectAttributes.OBJECT_SIZE)
                        .sseCustomerAlgorithm("AES256")
                        .sseCustomerKey(b64(other))
                        .sseCustomerKeyMD5(otherMd5)));
  }

  /** Uploads {@code parts}; returns each part's checksum as the server answered it. */
  private static List<String> upload(
      String key,
      ChecksumAlgorithm algorithm,
      software.amazon.awssdk.services.s3.model.ChecksumType type,
      List<byte[]> parts) {
    String id =
        s3.createMultipartUpload(
                b -> b.bucket(BUCKET).key(key).checksumAlgorithm(algorithm).checksumType(type))
            .uploadId();
    List<CompletedPart> done = new ArrayList<>();
    List<String> checksums = new ArrayList<>();
    for (int i = 0; i < parts.size(); i++) {
      int n = i + 1;
      // CRC64NVME as a value: the SDK computes it only with the CRT on the class path
      String crc64 =
          algorithm == ChecksumAlgorithm.CRC64_NVME
              ? checksum(dev.dfs.util.ChecksumAlgorithm.CRC64NVME, parts.get(i))
              : null;
      var r =
          s3.uploadPart(
              b ->
                  b.bucket(BUCKET)
                      .key(key)
                      .uploadId(id)
                      .partNumber(n)
                      .checksumAlgorithm(crc64 == null ? algorithm : null)
                      .checksumCRC64NVME(crc64),
              RequestBody.fromBytes(parts.get(n - 1)));
      String crc =
          algorithm == ChecksumAlgorithm.CRC32
              ? r.checksumCRC32()
              : algorithm == ChecksumAlgorithm.CRC64_NVME ? r.checksumCRC64NVME() : null;
      checksums.add(crc);
      done.add(
          CompletedPart.builder()
              .partNumber(n)
              .eTag(r.eTag())
              .checksumCRC32(algorithm == ChecksumAlgorithm.CRC32 ? crc : null)
              .build());
    }
    s3.completeMultipartUpload(
        b -> b.bucket(BUCKET).key(key).uploadId(id).multipartUpload(m -> m.parts(done)));
    return checksums;
  }

  /** S3's composite checksum (without its -N): the CRC32 of the parts' raw CRC32s. */
  private static String composite(List<String> partCrcs) {
    java.io.ByteArrayOutputStream raw = new java.io.ByteArrayOutputStream();
    for (String c : partCrcs) raw.writeBytes(Base64.getDecoder().decode(c));
    return checksum(dev.dfs.util.ChecksumAlgorithm.CRC32, raw.toByteArray());
  }

  private static String b64(byte[] b) {
    return Base64.getEncoder().encodeToString(b);
  }

  private static String keyMd5(byte[] key) throws Exception {
    return b64(MessageDigest.getInstance("MD5").digest(key));
  }
}
