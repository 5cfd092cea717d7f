package dev.dfs.s3;

import static dev.dfs.s3.SdkTestSupport.checksum;
import static dev.dfs.s3.SdkTestSupport.expectError;
import static dev.dfs.s3.SdkTestSupport.randomBytes;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dfs.testing.DfsServerExtension;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.ChecksumType;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CompletedPart;

/** The object checksum a CompleteMultipartUpload claims, checked before the commit. */
class CompleteChecksumSdkTest {
  private static final String BUCKET = "complete-sums";
  private static final byte[] ONE = randomBytes(5 * 1024 * 1024, 11);
  private static final byte[] TWO = randomBytes(777, 12);

  @RegisterExtension static final DfsServerExtension DFS = DfsServerExtension.local();
  static S3Client s3;

  @BeforeAll
  static void start() {
    s3 = DFS.client();
    s3.createBucket(b -> b.bucket(BUCKET));
  }

  /** A two-part CRC32 upload of ONE and TWO; returns upload id and the parts to complete. */
  private static Upload crc32Upload(String key, ChecksumType type) {
    String id =
        s3.createMultipartUpload(
                b ->
                    b.bucket(BUCKET)
                        .key(key)
                        .checksumAlgorithm(ChecksumAlgorithm.CRC32)
                        .checksumType(type))
            .uploadId();
    List<CompletedPart> parts = new ArrayList<>();
    List<String> crcs = new ArrayList<>();
    byte[][] data = {ONE, TWO};
    for (int i = 0; i < 2; i++) {
      int n = i + 1;
      var r =
          s3.uploadPart(
              b ->
                  b.bucket(BUCKET)
                      .key(key)
                      .uploadId(id)
                      .partNumber(n)
                      .checksumAlgorithm(ChecksumAlgorithm.CRC32),
              RequestBody.fromBytes(data[n - 1]));
      crcs.add(r.checksumCRC32());
      parts.add(
          CompletedPart.builder()
              .partNumber(n)
              .eTag(r.eTag())
              .checksumCRC32(r.checksumCRC32())
              .build());
    }
    return new Upload(key, id, parts, crcs);
  }

  private record Upload(String key, String id, List<CompletedPart> parts, List<String> crcs) {
    void complete(Consumer<CompleteMultipartUploadRequest.Builder> more) {
      s3.completeMultipartUpload(
          b -> {
            b.bucket(BUCKET).key(key).uploadId(id).multipartUpload(m -> m.parts(parts));
            more.accept(b);
          });
    }
  }

  @Test
  void compositeClaimMustMatchTheParts() {
    Upload u = crc32Upload("composite", null);
    java.io.ByteArrayOutputStream raw = new java.io.ByteArrayOutputStream();
    for (String c : u.crcs()) raw.writeBytes(Base64.getDecoder().decode(c));
    String composite = checksum(dev.dfs.util.ChecksumAlgorithm.CRC32, raw.toByteArray());
    expectError(400, "BadDigest", () -> u.complete(b -> b.checksumCRC32(u.crcs().get(0))));
    expectError(
        400,
        "InvalidRequest",
        () ->
            u.complete(
                b -> b.checksumSHA256(checksum(dev.dfs.util.ChecksumAlgorithm.SHA256, ONE))));
    expectError(
        400,
        "InvalidRequest",
        () -> u.complete(b -> b.checksumCRC32(composite).checksumType(ChecksumType.FULL_OBJECT)));
    // nothing was committed by the refused completions
    expectError(404, null, () -> s3.headObject(b -> b.bucket(BUCKET).key("composite")));
    u.complete(b -> b.checksumCRC32(composite + "-2").checksumType(ChecksumType.COMPOSITE));
    assertThat(
            s3.headObject(b -> b.bucket(BUCKET).key("composite").checksumMode(ChecksumMode.ENABLED))
                .checksumCRC32())
        .isEqualTo(composite + "-2");
  }

  @Test
  void fullObjectClaimIsTheWholeObjectsCrc() {
    Upload u = crc32Upload("full", ChecksumType.FULL_OBJECT);
    byte[] whole = new byte[ONE.length + TWO.length];
    System.arraycopy(ONE, 0, whole, 0, ONE.length);
    System.arraycopy(TWO, 0, whole, ONE.length, TWO.length);
    String crc = checksum(dev.dfs.util.ChecksumAlgorithm.CRC32, whole);
    expectError(
        400,
        "BadDigest",
        () ->
            u.complete(b -> b.checksumCRC32(checksum(dev.dfs.util.ChecksumAlgorithm.CRC32, ONE))));
    u.complete(b -> b.checksumCRC32(crc).checksumType(ChecksumType.FULL_OBJECT));
    var head = s3.headObject(b -> b.bucket(BUCKET).key("full").checksumMode(ChecksumMode.ENABLED));
    assertThat(head.checksumCRC32()).isEqualTo(crc);
    assertThat(head.checksumTypeAsString()).isEqualTo("FULL_OBJECT");
  }

  @Test
  void aClaimOnAnUploadWithoutAlgorithmIsNotChecked() {
    // the console sends x-amz-checksum-sha256 of the XML body on every request
    String id = s3.createMultipartUpload(b -> b.bucket(BUCKET).key("none")).uploadId();
    var r =
        s3.uploadPart(
            b -> b.bucket(BUCKET).key("none").uploadId(id).partNumber(1),
            RequestBody.fromBytes(TWO));
    s3.completeMultipartUpload(
        b ->
            b.bucket(BUCKET)
                .key("none")
                .uploadId(id)
                .checksumCRC32(checksum(dev.dfs.util.ChecksumAlgorithm.CRC32, ONE))
                .multipartUpload(
                    m -> m.parts(CompletedPart.builder().partNumber(1).eTag(r.eTag()).build())));
    assertThat(s3.headObject(b -> b.bucket(BUCKET).key("none")).contentLength())
        .isEqualTo(TWO.length);
  }
}
