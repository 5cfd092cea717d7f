package dev.dfs.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class EncryptionConfigTest {
  private static EncryptionConfig parse(String xml) {
    return EncryptionConfig.parse(xml.getBytes(StandardCharsets.UTF_8));
  }

  private static String doc(String rules) {
    return "<ServerSideEncryptionConfiguration xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">"
        + rules
        + "</ServerSideEncryptionConfiguration>";
  }

  private static String rule(String algorithm, String bucketKey) {
    return "<Rule><ApplyServerSideEncryptionByDefault><SSEAlgorithm>"
        + algorithm
        + "</SSEAlgorithm></ApplyServerSideEncryptionByDefault>"
        + (bucketKey == null ? "" : "<BucketKeyEnabled>" + bucketKey + "</BucketKeyEnabled>")
        + "</Rule>";
  }

  private static void refused(String xml, S3ErrorCode code) {
    assertThatThrownBy(() -> parse(xml))
        .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.code()).isEqualTo(code));
  }

  @Test
  void roundTripsAes256AndBucketKey() {
    EncryptionConfig c = parse(doc(rule("AES256", "true")));
    assertThat(c).isEqualTo(new EncryptionConfig("AES256", null, true));
    assertThat(EncryptionConfig.parse(c.toXml().toBytes())).isEqualTo(c);
    assertThat(parse(doc(rule("AES256", null))).bucketKeyEnabled()).isNull();
  }

  @Test
  void roundTripsKmsWithAndWithoutKeyId() {
    EncryptionConfig c =
        parse(
            doc(
                "<Rule><ApplyServerSideEncryptionByDefault><SSEAlgorithm>"
                    + "aws:kms</SSEAlgorithm><KMSMasterKeyID>alias/app</KMSMasterKeyID>"
                    + "</ApplyServerSideEncryptionByDefault><BucketKeyEnabled>true</BucketKeyEnabled></Rule>"));
    assertThat(c).isEqualTo(new EncryptionConfig("aws:kms", "alias/app", true));
    assertThat(c.kms()).isTrue();
    assertThat(EncryptionConfig.parse(c.toXml().toBytes())).isEqualTo(c);
    assertThat(parse(doc(rule("aws:kms:dsse", null))))
        .isEqualTo(new EncryptionConfig("aws:kms:dsse", null, null));
  }

  @Test
  void refusesAKmsKeyIdWithAes256() {
    refused(
        doc(
            "<Rule><ApplyServerSideEncryptionByDefault><SSEAlgorithm>AES256</SSEAlgorithm>"
                + "<KMSMasterKeyID>alias/app</KMSMasterKeyID></ApplyServerSideEncryptionByDefault></Rule>"),
        S3ErrorCode.INVALID_ARGUMENT);
  }

  @Test
  void refusesUnknownAlgorithmsAndBadShapes() {
    refused(doc(rule("aws:kms:other", null)), S3ErrorCode.INVALID_ARGUMENT);
    refused(doc(rule("DES", null)), S3ErrorCode.INVALID_ARGUMENT);
    refused(doc(""), S3ErrorCode.MALFORMED_XML);
    refused(doc(rule("AES256", null) + rule("AES256", null)), S3ErrorCode.MALFORMED_XML);
    refused(doc(rule("AES256", "maybe")), S3ErrorCode.MALFORMED_XML);
    refused("<Other/>", S3ErrorCode.MALFORMED_XML);
    refused("not xml", S3ErrorCode.MALFORMED_XML);
  }
}
