package dev.dfs.store.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dfs.store.ListQuery;
import dev.dfs.store.StoreError;
import dev.dfs.store.StoreException;
import dev.dfs.util.ChecksumAlgorithm;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** The gateway's pure parts: error mapping, bucket naming, paging keys, the streamed body. */
class GatewayUnitTest {
  private static S3Exception upstream(int status, String code) {
    return (S3Exception)
        S3Exception.builder()
            .statusCode(status)
            .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage("msg").build())
            .build();
  }

  private static StoreError refusal(S3Exception e, StoreError notFound) {
    RuntimeException r = UpstreamErrors.map(e, notFound);
    assertThat(r).isInstanceOf(StoreException.class);
    return ((StoreException) r).error();
  }

  @Test
  void upstreamErrorsMapToTheLocalEnginesRefusals() {
    assertThat(refusal(upstream(404, "NoSuchBucket"), null)).isEqualTo(StoreError.NO_SUCH_BUCKET);
    assertThat(refusal(upstream(404, "NoSuchKey"), null)).isEqualTo(StoreError.NO_SUCH_KEY);
    assertThat(refusal(upstream(404, "NoSuchUpload"), null)).isEqualTo(StoreError.NO_SUCH_UPLOAD);
    assertThat(refusal(upstream(409, "BucketNotEmpty"), null))
        .isEqualTo(StoreError.BUCKET_NOT_EMPTY);
    assertThat(refusal(upstream(409, "BucketAlreadyExists"), null))
        .isEqualTo(StoreError.BUCKET_ALREADY_EXISTS);
    assertThat(refusal(upstream(400, "BadDigest"), null)).isEqualTo(StoreError.BAD_DIGEST);
    assertThat(refusal(upstream(400, "EntityTooSmall"), null))
        .isEqualTo(StoreError.ENTITY_TOO_SMALL);
    assertThat(refusal(upstream(400, "InvalidPart"), null)).isEqualTo(StoreError.INVALID_PART);
    assertThat(refusal(upstream(416, "InvalidRange"), null)).isEqualTo(StoreError.INVALID_RANGE);
    // an upstream that lacks a feature: NotImplemented, never a crash
    assertThat(refusal(upstream(501, "NotImplemented"), null))
        .isEqualTo(StoreError.NOT_IMPLEMENTED);
    assertThat(refusal(upstream(501, null), null)).isEqualTo(StoreError.NOT_IMPLEMENTED);
    assertThat(refusal(upstream(503, "SlowDown"), null)).isEqualTo(StoreError.UNAVAILABLE);
    // conditional writes the upstream checked
    assertThat(refusal(upstream(412, "PreconditionFailed"), StoreError.NO_SUCH_BUCKET))
        .isEqualTo(StoreError.PRECONDITION_FAILED);
    assertThat(refusal(upstream(412, null), null)).isEqualTo(StoreError.PRECONDITION_FAILED);
    assertThat(refusal(upstream(409, "ConditionalRequestConflict"), null))
        .isEqualTo(StoreError.CONDITIONAL_CONFLICT);
    // HEAD answers carry no code: the caller says what a 404 means
    assertThat(refusal(upstream(404, null), StoreError.NO_SUCH_KEY))
        .isEqualTo(StoreError.NO_SUCH_KEY);
  }

  @Test
  void upstreamFailuresAreIoErrorsNotRefusals() {
    assertThat(UpstreamErrors.map(upstream(403, "AccessDenied"), null))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessageContaining("403 AccessDenied");
    assertThat(UpstreamErrors.map(upstream(500, "InternalError"), null))
        .isInstanceOf(UncheckedIOException.class);
    assertThat(UpstreamErrors.map(SdkClientException.create("connection refused"), null))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessageContaining("unreachable");
    assertThatThrownBy(
            () ->
                UpstreamErrors.call(
                    null,
                    () -> {
                      throw upstream(500, "InternalError");
                    }))
        .isInstanceOf(IOException.class);
  }

  @Test
  void bucketPrefixSeparatesDeployments() {
    BucketNames names = new BucketNames("team-a-");
    assertThat(names.upstream("photos")).isEqualTo("team-a-photos");
    assertThat(names.visible("team-a-photos")).isTrue();
    assertThat(names.visible("team-b-photos")).isFalse();
    assertThat(names.visible("team-a-")).isFalse();
    assertThat(names.dfs("team-a-photos")).isEqualTo("photos");
    assertThatThrownBy(() -> names.upstream("x".repeat(60)))
        .isInstanceOfSatisfying(
            StoreException.class,
            e -> assertThat(e.error()).isEqualTo(StoreError.INVALID_ARGUMENT));
  }

  @Test
  void afterIsACommonPrefixOnlyWhenItEndsAtTheFirstDelimiterPastThePrefix() {
    ListQuery q = new ListQuery("a/", "/", null, 10);
    assertThat(GatewayLister.isCommonPrefix(q, "a/b/")).isTrue();
    assertThat(GatewayLister.isCommonPrefix(q, "a/")).isFalse(); // the key "a/" itself
    assertThat(GatewayLister.isCommonPrefix(q, "a/b")).isFalse();
    assertThat(GatewayLister.isCommonPrefix(q, "a/b/c/")).isFalse();
    assertThat(GatewayLister.isCommonPrefix(new ListQuery("", null, null, 1), "a/")).isFalse();
    assertThat(Utf8Order.compare("\uFFFF", "\uD83D\uDE00")).isNegative(); // BMP < supplementary
    assertThat(Utf8Order.compare("ab", "abc")).isNegative();
  }

  @Test
  void bodyChecksTheClaimBeforeTheLastByteLeaves() throws IOException {
    byte[] data = "hello gateway".getBytes(StandardCharsets.UTF_8);
    String right = crc32c(data);
    UpstreamBody ok =
        new UpstreamBody(
            new ByteArrayInputStream(data), data.length, ChecksumAlgorithm.CRC32C, () -> right);
    assertThat(ok.newStream().readAllBytes()).isEqualTo(data);
    assertThat(ok.computedChecksum()).isEqualTo(right);

    UpstreamBody bad =
        new UpstreamBody(
            new ByteArrayInputStream(data),
            data.length,
            ChecksumAlgorithm.CRC32C,
            () -> "AAAAAA==");
    InputStream s = bad.newStream();
    byte[] buf = new byte[data.length - 1];
    assertThat(s.read(buf, 0, buf.length)).isEqualTo(buf.length);
    assertThatThrownBy(() -> s.read(new byte[8], 0, 8))
        .isInstanceOfSatisfying(
            StoreException.class, e -> assertThat(e.error()).isEqualTo(StoreError.BAD_DIGEST));
    assertThat(bad.failure()).isInstanceOf(StoreException.class);
    // bytes went out: a retry cannot replay them
    assertThatThrownBy(bad::newStream).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void shortBodyIsAnEofAndNeverClosesTheClientsStream() throws IOException {
    boolean[] closed = {false};
    InputStream client =
        new ByteArrayInputStream(new byte[3]) {
          @Override
          public void close() {
            closed[0] = true;
          }
        };
    UpstreamBody body = new UpstreamBody(client, 10, null, null);
    InputStream s = body.newStream();
    assertThatThrownBy(s::readAllBytes).isInstanceOf(EOFException.class);
    s.close();
    assertThat(closed[0]).isFalse();
    assertThatThrownBy(body::rethrowFailure).isInstanceOf(EOFException.class);
  }

  @Test
  void corsDocumentRoundTripsThroughTheSdkModel() {
    String doc =
        "<CORSConfiguration xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">"
            + "<CORSRule><ID>r1</ID><AllowedHeader>x-amz-*</AllowedHeader>"
            + "<AllowedMethod>GET</AllowedMethod><AllowedMethod>PUT</AllowedMethod>"
            + "<AllowedOrigin>https://a.example</AllowedOrigin><ExposeHeader>ETag</ExposeHeader>"
            + "<MaxAgeSeconds>600</MaxAgeSeconds></CORSRule>"
            + "<CORSRule><AllowedMethod>HEAD</AllowedMethod><AllowedOrigin>*</AllowedOrigin></CORSRule>"
            + "</CORSConfiguration>";
    var rules = CorsXml.parse(doc);
    assertThat(rules).hasSize(2);
    assertThat(rules.get(0).id()).isEqualTo("r1");
    assertThat(rules.get(0).allowedMethods()).containsExactly("GET", "PUT");
    assertThat(rules.get(0).allowedHeaders()).containsExactly("x-amz-*");
    assertThat(rules.get(0).exposeHeaders()).containsExactly("ETag");
    assertThat(rules.get(0).maxAgeSeconds()).isEqualTo(600);
    assertThat(rules.get(1).allowedOrigins()).containsExactly("*");
    assertThat(rules.get(1).maxAgeSeconds()).isNull();
    assertThat(CorsXml.parse(CorsXml.write(rules))).isEqualTo(rules);
    assertThat(CorsXml.write(rules))
        .contains(
            "<CORSConfiguration", "<ID>r1</ID>", "<AllowedOrigin>https://a.example</AllowedOrigin>")
        .doesNotContain("<ID></ID>");
    assertThatThrownBy(() -> CorsXml.parse("<CORSConfiguration><CORSRule>"))
        .isInstanceOfSatisfying(
            StoreException.class,
            e -> assertThat(e.error()).isEqualTo(StoreError.INVALID_ARGUMENT));
  }

  @Test
  void tagsAndConditionsAsTheUpstreamHeadersCarryThem() {
    assertThat(SdkMapping.tagging(java.util.Map.of())).isNull();
    assertThat(
            SdkMapping.tagging(
                new java.util.TreeMap<>(java.util.Map.of("a b", "1+2=3&", "k", "ü~*"))))
        .isEqualTo("a%20b=1%2B2%3D3%26&k=%C3%BC~%2A");
    var none = dev.dfs.store.WriteCondition.NONE;
    assertThat(SdkMapping.ifNoneMatch(none)).isNull();
    assertThat(SdkMapping.ifMatch(none)).isNull();
    assertThat(SdkMapping.ifNoneMatch(new dev.dfs.store.WriteCondition(true, null))).isEqualTo("*");
    assertThat(SdkMapping.ifMatch(new dev.dfs.store.WriteCondition(false, "abc")))
        .isEqualTo("\"abc\"");
    assertThat(SdkMapping.ifMatch(new dev.dfs.store.WriteCondition(false, "\"abc\"")))
        .isEqualTo("\"abc\"");
    assertThat(SdkMapping.ifMatch(new dev.dfs.store.WriteCondition(false, "*"))).isEqualTo("*");
  }

  @Test
  void optionsNeverShowSecrets() {
    GatewayOptions o =
        GatewayOptions.of(
            URI.create("http://127.0.0.1:9000"),
            "eu-west-1",
            "AKIDUPSTREAM",
            "upstream-secret-value",
            "session-token-value",
            true,
            "dfs-",
            "us-east-1");
    assertThat(o.toString())
        .contains("AKIDUPSTREAM", "http://127.0.0.1:9000")
        .doesNotContain("upstream-secret-value", "session-token-value");
    assertThat(o.describeUpstream()).doesNotContain("AKIDUPSTREAM", "upstream-secret-value");
    assertThatThrownBy(
            () -> GatewayOptions.of(null, "us-east-1", "AKID", null, null, false, "", "us-east-1"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static String crc32c(byte[] data) {
    ChecksumAlgorithm.RunningChecksum c = ChecksumAlgorithm.CRC32C.newChecksum();
    c.update(data, 0, data.length);
    return c.finishBase64();
  }
}
