package dev.dfs.s3;

import static dev.dfs.s3.SdkTestSupport.expectError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dfs.testing.DfsServerExtension;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.Tag;
import software.amazon.awssdk.services.s3.model.TaggingDirective;

/** Object tagging through the SDK: the tagging sub-resource, x-amz-tagging, copy, multipart. */
class TaggingSdkTest {
  @RegisterExtension static final DfsServerExtension DFS = DfsServerExtension.local();
  static S3Client s3;

  @BeforeAll
  static void start() throws Exception {
    s3 = DFS.client();
    s3.createBucket(b -> b.bucket("tags"));
  }

  static Map<String, String> tagsOf(String key) {
    return s3.getObjectTagging(b -> b.bucket("tags").key(key)).tagSet().stream()
        .collect(Collectors.toMap(Tag::key, Tag::value, (a, b) -> a, LinkedHashMap::new));
  }

  @Test
  void putGetDeleteTaggingKeepsDataAndLastModified() {
    s3.putObject(b -> b.bucket("tags").key("doc"), RequestBody.fromString("content"));
    var before = s3.headObject(b -> b.bucket("tags").key("doc"));
    assertThat(tagsOf("doc")).isEmpty();
    s3.putObjectTagging(
        b ->
            b.bucket("tags")
                .key("doc")
                .tagging(
                    t ->
                        t.tagSet(
                            Tag.builder().key("project").value("blue").build(),
                            Tag.builder().key("tier").value("cold & slow").build())));
    assertThat(tagsOf("doc"))
        .containsExactlyInAnyOrderEntriesOf(Map.of("project", "blue", "tier", "cold & slow"));
    var after = s3.headObject(b -> b.bucket("tags").key("doc"));
    assertThat(after.eTag()).isEqualTo(before.eTag());
    assertThat(after.lastModified()).isEqualTo(before.lastModified());
    GetObjectResponse got = s3.getObject(b -> b.bucket("tags").key("doc")).response();
    assertThat(got.tagCount()).isEqualTo(2);
    s3.deleteObjectTagging(b -> b.bucket("tags").key("doc"));
    assertThat(tagsOf("doc")).isEmpty();
    assertThat(s3.getObjectAsBytes(b -> b.bucket("tags").key("doc")).asUtf8String())
        .isEqualTo("content");
  }

  @Test
  void taggingHeaderOnPutCopyAndMultipart() {
    s3.putObject(
        b -> b.bucket("tags").key("src").tagging("a=1&b=two%20words"), RequestBody.fromString("x"));
    assertThat(tagsOf("src"))
        .containsExactlyInAnyOrderEntriesOf(Map.of("a", "1", "b", "two words"));
    s3.copyObject(
        b ->
            b.sourceBucket("tags")
                .sourceKey("src")
                .destinationBucket("tags")
                .destinationKey("copy-keeps"));
    assertThat(tagsOf("copy-keeps")).containsExactlyInAnyOrderEntriesOf(tagsOf("src"));
    s3.copyObject(
        b ->
            b.sourceBucket("tags")
                .sourceKey("src")
                .destinationBucket("tags")
                .destinationKey("copy-replaces")
                .taggingDirective(TaggingDirective.REPLACE)
                .tagging("c=3"));
    assertThat(tagsOf("copy-replaces")).containsExactly(Map.entry("c", "3"));

    String id = s3.createMultipartUpload(b -> b.bucket("tags").key("mp").tagging("m=1")).uploadId();
    String etag =
        s3.uploadPart(
                b -> b.bucket("tags").key("mp").uploadId(id).partNumber(1),
                RequestBody.fromString("part"))
            .eTag();
    s3.completeMultipartUpload(
        b ->
            b.bucket("tags")
                .key("mp")
                .uploadId(id)
                .multipartUpload(
                    m -> m.parts(CompletedPart.builder().partNumber(1).eTag(etag).build())));
    assertThat(tagsOf("mp")).containsExactly(Map.entry("m", "1"));
  }

  @Test
  void limitsAreS3s() {
    s3.putObject(b -> b.bucket("tags").key("lim"), RequestBody.fromString("x"));
    List<Tag> eleven =
        IntStream.range(0, 11)
            .mapToObj(i -> Tag.builder().key("k" + i).value("v").build())
            .toList();
    expectError(
        400,
        "InvalidTag",
        () -> s3.putObjectTagging(b -> b.bucket("tags").key("lim").tagging(t -> t.tagSet(eleven))));
    expectError(
        400,
        "InvalidTag",
        () ->
            s3.putObjectTagging(
                b ->
                    b.bucket("tags")
                        .key("lim")
                        .tagging(
                            t -> t.tagSet(Tag.builder().key("k".repeat(129)).value("v").build()))));
    expectError(
        400,
        "InvalidTag",
        () ->
            s3.putObjectTagging(
                b ->
                    b.bucket("tags")
                        .key("lim")
                        .tagging(
                            t -> t.tagSet(Tag.builder().key("k").value("v".repeat(257)).build()))));
    expectError(
        400,
        "InvalidTag",
        () ->
            s3.putObject(
                b -> b.bucket("tags").key("lim2").tagging("a=1&a=2"), RequestBody.fromString("x")));
    expectError(404, "NoSuchKey", () -> s3.getObjectTagging(b -> b.bucket("tags").key("none")));
    expectError(
        404,
        "NoSuchKey",
        () ->
            s3.putObjectTagging(
                b ->
                    b.bucket("tags")
                        .key("none")
                        .tagging(t -> t.tagSet(Tag.builder().key("k").value("v").build()))));
  }

  @Test
  void bucketTagging() {
    s3.createBucket(b -> b.bucket("tagged-bucket"));
    expectError(404, "NoSuchTagSet", () -> s3.getBucketTagging(b -> b.bucket("tagged-bucket")));
    List<Tag> many =
        IntStream.range(0, 50)
            .mapToObj(i -> Tag.builder().key("k" + i).value("v" + i).build())
            .toList();
    s3.putBucketTagging(b -> b.bucket("tagged-bucket").tagging(t -> t.tagSet(many)));
    assertThat(s3.getBucketTagging(b -> b.bucket("tagged-bucket")).tagSet()).hasSize(50);
    List<Tag> tooMany =
        IntStream.range(0, 51)
            .mapToObj(i -> Tag.builder().key("k" + i).value("v").build())
            .toList();
    expectError(
        400,
        "InvalidTag",
        () -> s3.putBucketTagging(b -> b.bucket("tagged-bucket").tagging(t -> t.tagSet(tooMany))));
    s3.deleteBucketTagging(b -> b.bucket("tagged-bucket"));
    expectError(404, "NoSuchTagSet", () -> s3.getBucketTagging(b -> b.bucket("tagged-bucket")));
    expectError(404, "NoSuchBucket", () -> s3.getBucketTagging(b -> b.bucket("no-such-bucket-x")));
  }
}
