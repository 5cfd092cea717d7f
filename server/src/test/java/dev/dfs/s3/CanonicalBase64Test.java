package dev.dfs.s3;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import org.junit.jupiter.api.Test;

class CanonicalBase64Test {
  private static final String ALPHABET =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

  /** The same bytes, with unused bits set in the last character: Java decodes it anyway. */
  static String nonCanonical(String canonical) {
    int last = canonical.replace("=", "").length() - 1;
    int index = ALPHABET.indexOf(canonical.charAt(last));
    return canonical.substring(0, last)
        + ALPHABET.charAt(index | 1)
        + canonical.substring(last + 1);
  }

  static String unpadded(String canonical) {
    return canonical.replace("=", "");
  }

  @Test
  void onlyTheCanonicalFormDecodes() {
    byte[] md5 = new byte[16];
    md5[15] = 0x40;
    String canonical = Base64.getEncoder().encodeToString(md5);
    assertThat(CanonicalBase64.decode(canonical)).isEqualTo(md5);
    assertThat(Base64.getDecoder().decode(unpadded(canonical))).isEqualTo(md5);
    assertThat(Base64.getDecoder().decode(nonCanonical(canonical))).isEqualTo(md5);
    assertThat(CanonicalBase64.decode(unpadded(canonical))).isNull();
    assertThat(CanonicalBase64.decode(nonCanonical(canonical))).isNull();
    assertThat(CanonicalBase64.decode(canonical + "=")).isNull();
    assertThat(CanonicalBase64.decode("not base64!")).isNull();
    assertThat(CanonicalBase64.decode(null)).isNull();
    assertThat(CanonicalBase64.decode("")).isEmpty();
  }

  @Test
  void contentMd5AndChecksumHeadersTakeOnlyTheCanonicalForm() {
    String md5 = Base64.getEncoder().encodeToString(new byte[16]);
    assertThat(ChecksumHeaders.contentMd5(md5)).hasSize(16);
    for (String bad : new String[] {unpadded(md5), nonCanonical(md5)}) {
      S3Exception e =
          org.assertj.core.api.Assertions.catchThrowableOfType(
              S3Exception.class, () -> ChecksumHeaders.contentMd5(bad));
      assertThat(e.code()).isEqualTo(S3ErrorCode.INVALID_DIGEST);
    }
    String crc = "DUoRhQ==";
    assertThat(ChecksumHeaders.wellFormed(dev.dfs.util.ChecksumAlgorithm.CRC32, crc)).isTrue();
    assertThat(ChecksumHeaders.wellFormed(dev.dfs.util.ChecksumAlgorithm.CRC32, unpadded(crc)))
        .isFalse();
    assertThat(ChecksumHeaders.wellFormed(dev.dfs.util.ChecksumAlgorithm.CRC32, nonCanonical(crc)))
        .isFalse();
  }
}
