package dev.dfs.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dfs.store.Checksum;
import dev.dfs.store.ObjectInfo;
import dev.dfs.store.ObjectMetadata;
import dev.dfs.util.ChecksumAlgorithm;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.http.HttpField;
import org.junit.jupiter.api.Test;

class ObjectHeadersTest {

  private static List<HttpField> headers(String... kv) {
    List<HttpField> fields = new java.util.ArrayList<>();
    for (int i = 0; i < kv.length; i += 2) fields.add(new HttpField(kv[i], kv[i + 1]));
    return fields;
  }

  @Test
  void readsContentHeadersMetadataAndStorageClass() {
    ObjectMetadata m =
        ObjectHeaders.fromRequest(
            headers(
                "Content-Type", "text/plain",
                "Content-Encoding", "aws-chunked,gzip",
                "Content-Disposition", "attachment",
                "Content-Language", "en",
                "Cache-Control", "no-cache",
                "Expires", "Thu, 1 Jan 2037 00:00:00 GMT",
                "X-Amz-Meta-Color", "blue",
                "x-amz-meta-color", "green",
                "x-amz-meta-Size", "L",
                "x-amz-storage-class", "STANDARD_IA",
                "Authorization", "ignored"));
    assertThat(m.contentType()).isEqualTo("text/plain");
    assertThat(m.contentEncoding()).isEqualTo("gzip");
    assertThat(m.contentDisposition()).isEqualTo("attachment");
    assertThat(m.contentLanguage()).isEqualTo("en");
    assertThat(m.cacheControl()).isEqualTo("no-cache");
    assertThat(m.expires()).isEqualTo("Thu, 01 Jan 2037 00:00:00 GMT");
    assertThat(m.userMetadata())
        .containsExactlyInAnyOrderEntriesOf(Map.of("color", "blue,green", "size", "L"));
    assertThat(m.storageClass()).isEqualTo("STANDARD_IA");
  }

  @Test
  void defaultsAsS3() {
    ObjectMetadata m = ObjectHeaders.fromRequest(headers("Content-Encoding", "aws-chunked"));
    assertThat(m.contentType()).isEqualTo("binary/octet-stream");
    assertThat(m.contentEncoding()).isNull();
    assertThat(m.storageClass()).isNull();
    assertThat(m.userMetadata()).isEmpty();
  }

  @Test
  void unknownStorageClassIsRejected() {
    assertThatThrownBy(() -> ObjectHeaders.fromRequest(headers("x-amz-storage-class", "COLD")))
        .isInstanceOfSatisfying(
            S3Exception.class,
            e -> assertThat(e.code()).isEqualTo(S3ErrorCode.INVALID_STORAGE_CLASS));
    for (String sc : ObjectHeaders.STORAGE_CLASSES) {
      assertThat(ObjectHeaders.storageClass(sc)).isEqualTo(sc);
    }
  }

  @Test
  void userMetadataLimitIs2KiBOfNamesAndValues() {
    String name = "k".repeat(24);
    String exact = "v".repeat(2048 - 24);
    assertThat(ObjectHeaders.fromRequest(headers("x-amz-meta-" + name, exact)).userMetadata())
        .hasSize(1);
    assertThatThrownBy(() -> ObjectHeaders.fromRequest(headers("x-amz-meta-" + name, exact + "v")))
        .isInstanceOfSatisfying(
            S3Exception.class, e -> assertThat(e.code()).isEqualTo(S3ErrorCode.METADATA_TOO_LARGE));
  }

  @Test
  void versionIdOnlyNull() {
    ObjectHeaders.checkVersionId(null);
    ObjectHeaders.checkVersionId("null");
    assertThatThrownBy(() -> ObjectHeaders.checkVersionId("3HL4kqtJlcpXroDTDmJ"))
        .isInstanceOfSatisfying(
            S3Exception.class,
            e -> {
              assertThat(e.code()).isEqualTo(S3ErrorCode.INVALID_ARGUMENT);
              assertThat(e.getMessage()).isEqualTo("Invalid version id specified");
            });
  }

  private static ObjectInfo info(String storageClass) {
    ObjectMetadata m =
        new ObjectMetadata(
            "text/plain", null, null, "de", null, null, Map.of("b", "2", "a", "ü"), storageClass);
    return new ObjectInfo(
        "bk",
        "k",
        5,
        "0123",
        Instant.parse("2024-05-01T12:00:00.5Z"),
        m,
        new Checksum(ChecksumAlgorithm.CRC32, "AAAAAA==", Checksum.Type.FULL_OBJECT),
        List.of(),
        null);
  }

  @Test
  void responseHeaders() {
    Map<String, String> h = ObjectHeaders.forObject(info(null));
    assertThat(h)
        .containsEntry("ETag", "\"0123\"")
        .containsEntry("Last-Modified", "Wed, 01 May 2024 12:00:00 GMT")
        .containsEntry("Accept-Ranges", "bytes")
        .containsEntry("Content-Type", "text/plain")
        .containsEntry("Content-Language", "de")
        .containsEntry("x-amz-meta-b", "2")
        .containsEntry("x-amz-meta-a", "=?UTF-8?B?w7w=?=")
        .doesNotContainKeys("x-amz-storage-class", "Content-Encoding", "x-amz-checksum-crc32");
    assertThat(ObjectHeaders.forObject(info("STANDARD"))).doesNotContainKey("x-amz-storage-class");
    assertThat(ObjectHeaders.forObject(info("GLACIER")))
        .containsEntry("x-amz-storage-class", "GLACIER");
    assertThat(ObjectHeaders.checksum(info(null).checksum()))
        .containsEntry("x-amz-checksum-crc32", "AAAAAA==")
        .containsEntry("x-amz-checksum-type", "FULL_OBJECT");
    assertThat(ObjectHeaders.checksum(null)).isEmpty();
  }

  @Test
  void responseOverrides() {
    Map<String, String> h = new HashMap<>(ObjectHeaders.forObject(info(null)));
    Map<String, String> params =
        Map.of(
            "response-content-type", "application/json",
            "response-content-disposition", "inline",
            "response-cache-control", "max-age=5",
            "response-expires", "Thu, 01 Jan 2037 00:00:00 GMT",
            "response-content-language", "fr",
            "response-content-encoding", "br");
    ObjectHeaders.applyOverrides(h, params::get, false);
    assertThat(h)
        .containsEntry("Content-Type", "application/json")
        .containsEntry("Content-Disposition", "inline")
        .containsEntry("Cache-Control", "max-age=5")
        .containsEntry("Expires", "Thu, 01 Jan 2037 00:00:00 GMT")
        .containsEntry("Content-Language", "fr")
        .containsEntry("Content-Encoding", "br");
    assertThatThrownBy(() -> ObjectHeaders.applyOverrides(h, params::get, true))
        .isInstanceOfSatisfying(
            S3Exception.class, e -> assertThat(e.code()).isEqualTo(S3ErrorCode.INVALID_REQUEST));
    ObjectHeaders.applyOverrides(h, p -> null, true);
  }

  @Test
  void awsChunkedIsDropped() {
    assertThat(ObjectHeaders.withoutAwsChunked("aws-chunked")).isNull();
    assertThat(ObjectHeaders.withoutAwsChunked("gzip, aws-chunked")).isEqualTo("gzip");
    assertThat(ObjectHeaders.withoutAwsChunked("gzip,br")).isEqualTo("gzip,br");
    // kept exactly as sent when there is no aws-chunked token to drop
    assertThat(ObjectHeaders.withoutAwsChunked("gzip, br")).isEqualTo("gzip, br");
    assertThat(ObjectHeaders.withoutAwsChunked(" x-custom ")).isEqualTo(" x-custom ");
    assertThat(ObjectHeaders.withoutAwsChunked("aws-chunked,gzip, br")).isEqualTo("gzip, br");
  }
}
