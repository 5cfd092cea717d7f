package dev.dfs.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dfs.store.Checksum;
import dev.dfs.store.CompletedPart;
import dev.dfs.store.ObjectMetadata;
import dev.dfs.store.UploadInfo;
import dev.dfs.util.ChecksumAlgorithm;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MultipartRulesTest {
  private static final ChecksumAlgorithm CRC32 = ChecksumAlgorithm.CRC32;

  private static UploadInfo upload(ChecksumAlgorithm a, Checksum.Type t) {
    return new UploadInfo("b", "k", "u", Instant.EPOCH, ObjectMetadata.empty(), a, t);
  }

  private static S3ErrorCode codeOf(Runnable r) {
    try {
      r.run();
    } catch (S3Exception e) {
      return e.code();
    }
    return null;
  }

  @Test
  void checksumTypeDefaultsAndCombinations() {
    assertThat(MultipartHandlers.checksumType(null, null)).isNull();
    assertThat(MultipartHandlers.checksumType(CRC32, null)).isEqualTo(Checksum.Type.COMPOSITE);
    assertThat(MultipartHandlers.checksumType(ChecksumAlgorithm.CRC64NVME, null))
        .isEqualTo(Checksum.Type.FULL_OBJECT);
    assertThat(MultipartHandlers.checksumType(CRC32, "FULL_OBJECT"))
        .isEqualTo(Checksum.Type.FULL_OBJECT);
    assertThat(MultipartHandlers.checksumType(ChecksumAlgorithm.SHA1, "COMPOSITE"))
        .isEqualTo(Checksum.Type.COMPOSITE);
    assertThat(
            codeOf(() -> MultipartHandlers.checksumType(ChecksumAlgorithm.SHA256, "FULL_OBJECT")))
        .isEqualTo(S3ErrorCode.INVALID_REQUEST);
    assertThat(
            codeOf(() -> MultipartHandlers.checksumType(ChecksumAlgorithm.CRC64NVME, "COMPOSITE")))
        .isEqualTo(S3ErrorCode.INVALID_REQUEST);
    assertThat(codeOf(() -> MultipartHandlers.checksumType(null, "COMPOSITE")))
        .isEqualTo(S3ErrorCode.INVALID_REQUEST);
    assertThat(codeOf(() -> MultipartHandlers.checksumType(CRC32, "PARTIAL")))
        .isEqualTo(S3ErrorCode.INVALID_REQUEST);
  }

  private static ChecksumHeaders.Claim claim(ChecksumAlgorithm a) {
    return a == null ? ChecksumHeaders.Claim.NONE : new ChecksumHeaders.Claim(a, () -> "x", false);
  }

  @Test
  void partChecksumMustMatchTheUpload() {
    MultipartHandlers.checkPartClaim(upload(null, null), claim(CRC32));
    MultipartHandlers.checkPartClaim(upload(null, null), claim(null));
    MultipartHandlers.checkPartClaim(upload(CRC32, Checksum.Type.COMPOSITE), claim(CRC32));
    MultipartHandlers.checkPartClaim(upload(CRC32, Checksum.Type.FULL_OBJECT), claim(null));
    assertThatThrownBy(
            () ->
                MultipartHandlers.checkPartClaim(
                    upload(CRC32, Checksum.Type.COMPOSITE), claim(ChecksumAlgorithm.SHA256)))
        .hasMessage(
            "Checksum Type mismatch occurred, expected checksum Type: crc32,"
                + " actual checksum Type: sha256");
    assertThatThrownBy(
            () ->
                MultipartHandlers.checkPartClaim(
                    upload(CRC32, Checksum.Type.COMPOSITE), claim(null)))
        .hasMessageEndingWith("actual checksum Type: null");
  }

  @Test
  void completedPartsTakeTheUploadsAlgorithm() {
    List<MultipartXml.RequestedPart> requested =
        List.of(
            new MultipartXml.RequestedPart(1, "e1", Map.of(CRC32, "c1")),
            new MultipartXml.RequestedPart(
                2, "e2", Map.of(CRC32, "c2", ChecksumAlgorithm.SHA1, "s")));
    assertThat(MultipartHandlers.completedParts(upload(CRC32, Checksum.Type.COMPOSITE), requested))
        .containsExactly(new CompletedPart(1, "e1", "c1"), new CompletedPart(2, "e2", "c2"));
    assertThat(MultipartHandlers.completedParts(upload(null, null), requested))
        .containsExactly(new CompletedPart(1, "e1", null), new CompletedPart(2, "e2", null));
    List<MultipartXml.RequestedPart> bare =
        List.of(new MultipartXml.RequestedPart(1, "e1", Map.of()));
    assertThat(MultipartHandlers.completedParts(upload(CRC32, Checksum.Type.FULL_OBJECT), bare))
        .containsExactly(new CompletedPart(1, "e1", null));
    assertThatThrownBy(
            () -> MultipartHandlers.completedParts(upload(CRC32, Checksum.Type.COMPOSITE), bare))
        .hasMessageContaining("It was missing for part 1 in the request.");
  }

  @Test
  void listingParameters() {
    assertThat(MultipartHandlers.nonNegativeInt(null, "max-parts", 1000)).isEqualTo(1000);
    assertThat(MultipartHandlers.nonNegativeInt("7", "max-parts", 1000)).isEqualTo(7);
    assertThat(codeOf(() -> MultipartHandlers.nonNegativeInt("x", "max-parts", 1)))
        .isEqualTo(S3ErrorCode.INVALID_ARGUMENT);
    assertThat(codeOf(() -> MultipartHandlers.nonNegativeInt("-1", "max-parts", 1)))
        .isEqualTo(S3ErrorCode.INVALID_ARGUMENT);
    assertThat(MultipartHandlers.urlEncoding(null)).isFalse();
    assertThat(MultipartHandlers.urlEncoding("url")).isTrue();
    assertThat(codeOf(() -> MultipartHandlers.urlEncoding("base64")))
        .isEqualTo(S3ErrorCode.INVALID_ARGUMENT);
  }

  @Test
  void partNumberRange() {
    assertThat(PartNumbers.parse(null)).isNull();
    assertThat(PartNumbers.parse("1")).isEqualTo(1);
    assertThat(PartNumbers.parse("10000")).isEqualTo(10000);
    for (String bad : new String[] {"0", "10001", "-1", "x", ""}) {
      assertThat(codeOf(() -> PartNumbers.parse(bad)))
          .as(bad)
          .isEqualTo(S3ErrorCode.INVALID_ARGUMENT);
    }
  }

  @Test
  void metadataDirectiveAndChecksumAlgorithm() {
    assertThat(WriteRules.replaceMetadata(null)).isFalse();
    assertThat(WriteRules.replaceMetadata("COPY")).isFalse();
    assertThat(WriteRules.replaceMetadata("REPLACE")).isTrue();
    assertThat(codeOf(() -> WriteRules.replaceMetadata("MERGE")))
        .isEqualTo(S3ErrorCode.INVALID_ARGUMENT);
    assertThat(WriteRules.checksumAlgorithm("crc32c")).isEqualTo(ChecksumAlgorithm.CRC32C);
    assertThat(codeOf(() -> WriteRules.checksumAlgorithm("MD5")))
        .isEqualTo(S3ErrorCode.INVALID_REQUEST);
  }
}
