package dev.dfs.s3;

import static dev.dfs.s3.CanonicalBase64Test.nonCanonical;
import static dev.dfs.s3.CanonicalBase64Test.unpadded;
import static dev.dfs.s3.SdkTestSupport.expectError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dfs.testing.DfsServerExtension;
import dev.dfs.util.ChecksumAlgorithm;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Digests in headers are accepted only in their canonical base64 form, as S3 accepts them: an SSE-C
 * key MD5, a Content-MD5 or an x-amz-checksum-* value without its padding, or with unused bits set,
 * is refused with S3's error for that header, and nothing is stored.
 */
class CanonicalDigestSdkTest {
  private static final String B = "digests";
  private static final byte[] DATA = "canonical only".getBytes(StandardCharsets.UTF_8);

  @RegisterExtension static final DfsServerExtension DFS = DfsServerExtension.local();
  static S3Client s3;

  @BeforeAll
  static void start() throws Exception {
    s3 = DFS.client();
    s3.createBucket(b -> b.bucket(B));
  }

  static void assertAbsent(String key) {
    expectError(404, null, () -> s3.headObject(b -> b.bucket(B).key(key)));
  }

  @Test
  void anSseCustomerKeyMd5MustBeCanonical() throws Exception {
    byte[] key = SdkTestSupport.randomBytes(32, 7);
    String keyB64 = Base64.getEncoder().encodeToString(key);
    String md5 = Base64.getEncoder().encodeToString(SdkTestSupport.md5(key));
    for (String bad : new String[] {unpadded(md5), nonCanonical(md5)}) {
      expectError(
          400,
          "InvalidArgument",
          () ->
              s3.putObject(
                  b ->
                      b.bucket(B)
                          .key("ssec")
                          .sseCustomerAlgorithm("AES256")
                          .sseCustomerKey(keyB64)
                          .sseCustomerKeyMD5(bad),
                  RequestBody.fromBytes(DATA)));
    }
    assertAbsent("ssec");
    var put =
        s3.putObject(
            b ->
                b.bucket(B)
                    .key("ssec")
                    .sseCustomerAlgorithm("AES256")
                    .sseCustomerKey(keyB64)
                    .sseCustomerKeyMD5(md5),
            RequestBody.fromBytes(DATA));
    assertThat(put.sseCustomerKeyMD5()).isEqualTo(md5);
    expectError(
        400,
        "InvalidArgument",
        () ->
            s3.getObjectAsBytes(
                b ->
                    b.bucket(B)
                        .key("ssec")
                        .sseCustomerAlgorithm("AES256")
                        .sseCustomerKey(keyB64)
                        .sseCustomerKeyMD5(unpadded(md5))));
    String unpaddedKey = unpadded(keyB64).equals(keyB64) ? nonCanonical(keyB64) : unpadded(keyB64);
    expectError(
        400,
        "InvalidArgument",
        () ->
            s3.putObject(
                b ->
                    b.bucket(B)
                        .key("ssec-key")
                        .sseCustomerAlgorithm("AES256")
                        .sseCustomerKey(unpaddedKey)
                        .sseCustomerKeyMD5(md5),
                RequestBody.fromBytes(DATA)));
    assertAbsent("ssec-key");
  }

  @Test
  void aContentMd5MustBeCanonical() throws Exception {
    String md5 = Base64.getEncoder().encodeToString(SdkTestSupport.md5(DATA));
    for (String bad : new String[] {unpadded(md5), nonCanonical(md5)}) {
      expectError(
          400,
          "InvalidDigest",
          () ->
              s3.putObject(
                  b -> b.bucket(B).key("md5").contentMD5(bad), RequestBody.fromBytes(DATA)));
    }
    assertAbsent("md5");
    s3.putObject(b -> b.bucket(B).key("md5").contentMD5(md5), RequestBody.fromBytes(DATA));
  }

  @Test
  void aChecksumHeaderMustBeCanonical() {
    String crc = SdkTestSupport.checksum(ChecksumAlgorithm.CRC32, DATA);
    for (String bad : new String[] {unpadded(crc), nonCanonical(crc)}) {
      expectError(
          400,
          "InvalidRequest",
          () ->
              s3.putObject(
                  b -> b.bucket(B).key("crc").checksumCRC32(bad), RequestBody.fromBytes(DATA)));
    }
    assertAbsent("crc");
    s3.putObject(b -> b.bucket(B).key("crc").checksumCRC32(crc), RequestBody.fromBytes(DATA));
  }
}
