package dev.dfs.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dfs.util.BodyException;
import dev.dfs.util.ChecksumAlgorithm;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChecksumHeadersTest {
  private static final byte[] DATA = "hello world".getBytes(StandardCharsets.UTF_8);

  /** CRC32 of "hello world" = 0x0d4a1185. */
  private static final String CRC32 = "DUoRhQ==";

  private static ChecksumHeaders.Claim claim(
      Map<String, String> headers, Map<String, String> trailers) {
    Map<String, String> lower = new HashMap<>();
    headers.forEach((k, v) -> lower.put(k.toLowerCase(java.util.Locale.ROOT), v));
    return ChecksumHeaders.claim(
        n -> lower.get(n.toLowerCase(java.util.Locale.ROOT)), trailers::get);
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
  void knownValues() {
    assertThat(ChecksumHeaders.compute(ChecksumAlgorithm.CRC32, DATA)).isEqualTo(CRC32);
  }

  @Test
  void contentMd5() throws Exception {
    byte[] md5 = MessageDigest.getInstance("MD5").digest(DATA);
    assertThat(ChecksumHeaders.contentMd5(Base64.getEncoder().encodeToString(md5))).isEqualTo(md5);
    assertThat(ChecksumHeaders.contentMd5(null)).isNull();
    assertThat(codeOf(() -> ChecksumHeaders.contentMd5("not base64!")))
        .isEqualTo(S3ErrorCode.INVALID_DIGEST);
    assertThat(codeOf(() -> ChecksumHeaders.contentMd5("AAAA")))
        .isEqualTo(S3ErrorCode.INVALID_DIGEST);
  }

  @Test
  void noClaim() {
    assertThat(claim(Map.of(), Map.of()).present()).isFalse();
  }

  @Test
  void headerClaim() {
    ChecksumHeaders.Claim c =
        claim(
            Map.of("x-amz-checksum-crc32", CRC32, "x-amz-sdk-checksum-algorithm", "CRC32"),
            Map.of());
    assertThat(c.algorithm()).isEqualTo(ChecksumAlgorithm.CRC32);
    assertThat(c.expected().get()).isEqualTo(CRC32);
    assertThat(c.trailing()).isFalse();
  }

  @Test
  void trailerClaimIsReadLate() {
    Map<String, String> trailers = new HashMap<>();
    ChecksumHeaders.Claim c =
        claim(
            Map.of(
                "x-amz-trailer", "x-amz-checksum-crc32c", "x-amz-sdk-checksum-algorithm", "CRC32C"),
            trailers);
    assertThat(c.algorithm()).isEqualTo(ChecksumAlgorithm.CRC32C);
    assertThat(c.trailing()).isTrue();
    trailers.put("x-amz-checksum-crc32c", "yZRlqg==");
    assertThat(c.expected().get()).isEqualTo("yZRlqg==");
  }

  @Test
  void trailerIsFetchedByReadingTheBodyToItsEnd() {
    Map<String, String> trailers = new HashMap<>();
    InputStream body =
        new ByteArrayInputStream(new byte[0]) {
          @Override
          public synchronized int read(byte[] b, int off, int len) {
            trailers.put("x-amz-checksum-crc32", "AAAAAA==");
            return -1;
          }
        };
    ChecksumHeaders.Claim c =
        ChecksumHeaders.claim(
            n -> n.equals("x-amz-trailer") ? "x-amz-checksum-crc32" : null, trailers::get, body);
    assertThat(c.expected().get()).isEqualTo("AAAAAA==");
  }

  @Test
  @SuppressWarnings("ReturnValueIgnored") // called for the error it throws
  void missingTrailerIsAnError() {
    ChecksumHeaders.Claim c = claim(Map.of("x-amz-trailer", "x-amz-checksum-sha256"), Map.of());
    assertThat(codeOf(() -> c.expected().get())).isEqualTo(S3ErrorCode.INVALID_REQUEST);
  }

  @Test
  void contradictoryOrMalformedClaimsAreInvalidRequests() {
    assertThat(
            codeOf(
                () ->
                    claim(
                        Map.of("x-amz-checksum-crc32", CRC32, "x-amz-checksum-sha1", "x"),
                        Map.of())))
        .isEqualTo(S3ErrorCode.INVALID_REQUEST);
    assertThat(
            codeOf(
                () ->
                    claim(
                        Map.of(
                            "x-amz-checksum-crc32",
                            CRC32,
                            "x-amz-sdk-checksum-algorithm",
                            "SHA256"),
                        Map.of())))
        .isEqualTo(S3ErrorCode.INVALID_REQUEST);
    assertThat(codeOf(() -> claim(Map.of("x-amz-sdk-checksum-algorithm", "MD5"), Map.of())))
        .isEqualTo(S3ErrorCode.INVALID_REQUEST);
    assertThat(codeOf(() -> claim(Map.of("x-amz-sdk-checksum-algorithm", "CRC32"), Map.of())))
        .isEqualTo(S3ErrorCode.INVALID_REQUEST);
    assertThat(codeOf(() -> claim(Map.of("x-amz-checksum-crc32", "AAAAAAAA"), Map.of())))
        .isEqualTo(S3ErrorCode.INVALID_REQUEST);
    assertThat(codeOf(() -> claim(Map.of("x-amz-trailer", "x-amz-checksum-md5"), Map.of())))
        .isEqualTo(S3ErrorCode.INVALID_REQUEST);
    assertThat(
            codeOf(
                () ->
                    claim(
                        Map.of(
                            "x-amz-trailer", "x-amz-checksum-crc32", "x-amz-checksum-crc32", CRC32),
                        Map.of())))
        .isEqualTo(S3ErrorCode.INVALID_REQUEST);
  }

  @Test
  void digestLengths() {
    for (ChecksumAlgorithm a : ChecksumAlgorithm.values()) {
      String value = ChecksumHeaders.compute(a, DATA);
      assertThat(ChecksumHeaders.wellFormed(a, value)).as(a.name()).isTrue();
    }
  }

  @Test
  void verifyInMemory() throws Exception {
    byte[] md5 = MessageDigest.getInstance("MD5").digest(DATA);
    ChecksumHeaders.Claim good = claim(Map.of("x-amz-checksum-crc32", CRC32), Map.of());
    ChecksumHeaders.verify(DATA, md5, good);
    assertThat(codeOf(() -> ChecksumHeaders.verify(DATA, new byte[16], good)))
        .isEqualTo(S3ErrorCode.BAD_DIGEST);
    ChecksumHeaders.Claim bad = claim(Map.of("x-amz-checksum-crc32", "AAAAAA=="), Map.of());
    assertThat(codeOf(() -> ChecksumHeaders.verify(DATA, null, bad)))
        .isEqualTo(S3ErrorCode.BAD_DIGEST);
  }

  @Test
  void verifyingStreamPassesGoodBodies() throws Exception {
    ChecksumHeaders.Claim good = claim(Map.of("x-amz-checksum-crc32", CRC32), Map.of());
    try (InputStream in = ChecksumHeaders.verifying(new ByteArrayInputStream(DATA), -1, good)) {
      assertThat(in.readAllBytes()).isEqualTo(DATA);
    }
    // With a known size the check runs once that many bytes were read.
    InputStream sized =
        ChecksumHeaders.verifying(new ByteArrayInputStream(DATA), DATA.length, good);
    assertThat(sized.readNBytes(DATA.length)).isEqualTo(DATA);
    assertThat(sized.read()).isEqualTo(-1);
  }

  @Test
  void verifyingStreamFailsAtTheEnd() throws Exception {
    ChecksumHeaders.Claim bad = claim(Map.of("x-amz-checksum-crc32", "AAAAAA=="), Map.of());
    InputStream in = ChecksumHeaders.verifying(new ByteArrayInputStream(DATA), -1, bad);
    assertThatThrownBy(in::readAllBytes)
        .isInstanceOfSatisfying(
            BodyException.class,
            e -> assertThat(e.fault()).isEqualTo(BodyException.Fault.CHECKSUM_MISMATCH));
    InputStream sized = ChecksumHeaders.verifying(new ByteArrayInputStream(DATA), DATA.length, bad);
    assertThatThrownBy(() -> sized.readNBytes(DATA.length)).isInstanceOf(BodyException.class);
  }
}
