package dev.dfs.s3;

import static dev.dfs.s3.SdkTestSupport.expectError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dfs.testing.DfsServerExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;

/**
 * Headers of object responses as S3 sends them: tag counts on HEAD, no version headers in
 * unversioned buckets, Content-Encoding kept as sent, refused SSE declarations on reads, and no
 * torrents.
 */
class ResponseHeadersSdkTest {
  @RegisterExtension static final DfsServerExtension DFS = DfsServerExtension.local();
  static S3Client s3;

  @BeforeAll
  static void start() {
    s3 = DFS.client();
    s3.createBucket(b -> b.bucket("headers"));
  }

  @Test
  void headReportsTheTagCountAsGetDoes() {
    s3.putObject(
        b -> b.bucket("headers").key("tagged").tagging("a=1&b=2"), RequestBody.fromString("x"));
    assertThat(
            s3.headObject(b -> b.bucket("headers").key("tagged"))
                .sdkHttpResponse()
                .firstMatchingHeader("x-amz-tagging-count"))
        .hasValue("2");
    assertThat(s3.getObject(b -> b.bucket("headers").key("tagged")).response().tagCount())
        .isEqualTo(2);
  }

  @Test
  void unversionedBucketsNameNoVersionsAndNoDeleteMarkers() {
    var put = s3.putObject(b -> b.bucket("headers").key("plain"), RequestBody.fromString("x"));
    assertThat(put.versionId()).isNull();
    assertThat(put.sdkHttpResponse().firstMatchingHeader("x-amz-version-id")).isEmpty();
    String id = s3.createMultipartUpload(b -> b.bucket("headers").key("mp")).uploadId();
    String etag =
        s3.uploadPart(
                b -> b.bucket("headers").key("mp").uploadId(id).partNumber(1),
                RequestBody.fromString("p"))
            .eTag();
    var done =
        s3.completeMultipartUpload(
            b ->
                b.bucket("headers")
                    .key("mp")
                    .uploadId(id)
                    .multipartUpload(
                        m -> m.parts(CompletedPart.builder().partNumber(1).eTag(etag).build())));
    assertThat(done.sdkHttpResponse().firstMatchingHeader("x-amz-version-id")).isEmpty();
    var deleted = s3.deleteObject(b -> b.bucket("headers").key("plain"));
    assertThat(deleted.sdkHttpResponse().firstMatchingHeader("x-amz-delete-marker")).isEmpty();
    assertThat(deleted.sdkHttpResponse().firstMatchingHeader("x-amz-version-id")).isEmpty();
  }

  @Test
  void contentEncodingIsKeptAsSent() {
    s3.putObject(
        b -> b.bucket("headers").key("enc").contentEncoding("gzip, br"),
        RequestBody.fromString("x"));
    assertThat(s3.headObject(b -> b.bucket("headers").key("enc")).contentEncoding())
        .isEqualTo("gzip, br");
  }

  @Test
  void readsThatDeclareServerSideEncryptionAreRefused() {
    s3.putObject(
        b -> b.bucket("headers").key("sse").serverSideEncryption("AES256"),
        RequestBody.fromString("x"));
    expectError(
        400,
        "InvalidArgument",
        () ->
            s3.getObject(
                b ->
                    b.bucket("headers")
                        .key("sse")
                        .overrideConfiguration(
                            o -> o.putHeader("x-amz-server-side-encryption", "AES256"))));
    expectError(
        400,
        null,
        () ->
            s3.headObject(
                b ->
                    b.bucket("headers")
                        .key("sse")
                        .overrideConfiguration(
                            o -> o.putHeader("x-amz-server-side-encryption", "AES256"))));
  }

  @Test
  void thereAreNoTorrents() {
    s3.putObject(b -> b.bucket("headers").key("t"), RequestBody.fromString("x"));
    expectError(
        404, "NoSuchKey", () -> s3.getObjectTorrentAsBytes(b -> b.bucket("headers").key("t")));
  }
}
