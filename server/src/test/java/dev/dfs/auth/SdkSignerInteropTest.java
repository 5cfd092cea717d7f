package dev.dfs.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dfs.util.BodyException;
import dev.dfs.util.ChecksumAlgorithm;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Random;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.checksums.DefaultChecksumAlgorithm;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner.AuthLocation;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/** Requests signed by the AWS SDK for Java v2 signer verify, in every payload form it makes. */
class SdkSignerInteropTest {
  private static final Instant NOW = Instant.parse("2025-03-01T10:00:00Z");
  private final SigV4Authenticator auth = Fixtures.authenticator(NOW, false);

  /** A signed request and its body, converted to what the server hands to auth. */
  private record Signed(SignedRequest request, InputStream body) {}

  private static Signed sign(
      SdkHttpRequest request,
      byte[] payload,
      String region,
      Consumer<SignRequest.Builder<AwsCredentialsIdentity>> options) {
    var signed =
        AwsV4HttpSigner.create()
            .sign(
                r -> {
                  r.identity(
                          AwsCredentialsIdentity.create(Fixtures.ACCESS_KEY, Fixtures.SECRET_KEY))
                      .request(request)
                      .payload(
                          payload == null ? null : ContentStreamProvider.fromByteArray(payload))
                      .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "s3")
                      .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                      .putProperty(AwsV4HttpSigner.DOUBLE_URL_ENCODE, false)
                      .putProperty(AwsV4HttpSigner.NORMALIZE_PATH, false)
                      .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(NOW, ZoneOffset.UTC));
                  options.accept(r);
                });
    SdkHttpRequest out = signed.request();
    var builder = Fixtures.request(out.method().name(), out.encodedPath());
    builder.query(out.encodedQueryParameters().orElse(""));
    out.headers().forEach((name, values) -> values.forEach(v -> builder.header(name, v)));
    if (out.firstMatchingHeader("Host").isEmpty()) builder.header("Host", out.host());
    InputStream body =
        signed
            .payload()
            .map(ContentStreamProvider::newStream)
            .orElse(new ByteArrayInputStream(new byte[0]));
    return new Signed(builder.build(), body);
  }

  private static SdkHttpRequest.Builder http(SdkHttpMethod method, String encodedPath) {
    return SdkHttpRequest.builder()
        .method(method)
        .uri(URI.create("https://localhost:5555" + encodedPath));
  }

  private static byte[] data(int n) {
    byte[] b = new byte[n];
    new Random(n).nextBytes(b);
    return b;
  }

  private static byte[] readAll(InputStream in) {
    try {
      return in.readAllBytes();
    } catch (java.io.IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void getWithAwkwardKeyAndQuery() {
    SdkHttpRequest request =
        http(SdkHttpMethod.GET, "/bucket/a%20key%2Bwith%24odd/chars~%C3%A4%2A")
            .putRawQueryParameter("list-type", "2")
            .putRawQueryParameter("prefix", "a/b c+d")
            .putRawQueryParameter("delimiter", "/")
            .putRawQueryParameter("encoding-type", "url")
            .putHeader("x-amz-meta-note", "  spaced   out  ")
            .build();
    Signed s = sign(request, null, "us-east-1", r -> {});
    AuthResult result = auth.authenticate(s.request(), s.body());
    assertThat(result.principal().userId()).isEqualTo(Fixtures.USER);
  }

  @Test
  void aPlusSentForASpaceInTheQueryStillVerifies() {
    Signed s =
        sign(
            http(SdkHttpMethod.GET, "/bucket").putRawQueryParameter("prefix", "a b").build(),
            null,
            "us-east-1",
            r -> {});
    assertThat(s.request().rawQuery()).isEqualTo("prefix=a%20b");
    SignedRequest formEncoded =
        new SignedRequest(
            "GET", "/bucket", "prefix=a+b", s.request().headers(), s.request().remoteAddress());
    assertThat(auth.authenticate(formEncoded, Fixtures.empty()).principal().userId())
        .isEqualTo(Fixtures.USER);
  }

  @Test
  void anyRegionIsAccepted() {
    Signed s = sign(http(SdkHttpMethod.HEAD, "/bucket/key").build(), null, "eu-central-1", r -> {});
    assertThat(auth.authenticate(s.request(), s.body()).principal().accessKey())
        .isEqualTo(Fixtures.ACCESS_KEY);
  }

  @Test
  void putWithSignedPayloadHash() {
    byte[] data = data(10_000);
    Signed s =
        sign(
            http(SdkHttpMethod.PUT, "/bucket/key").putHeader("Content-Length", "10000").build(),
            data,
            "us-east-1",
            r -> r.putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, true));
    assertThat(s.request().header("x-amz-content-sha256")).hasSize(64);
    AuthResult result = auth.authenticate(s.request(), s.body());
    assertThat(result.decodedLength()).isEqualTo(10_000);
    assertThat(readAll(result.body())).isEqualTo(data);
  }

  @Test
  void putWithUnsignedPayload() {
    byte[] data = data(1000);
    Signed s =
        sign(
            http(SdkHttpMethod.PUT, "/bucket/key").putHeader("Content-Length", "1000").build(),
            data,
            "us-east-1",
            r -> r.putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, false));
    assertThat(s.request().header("x-amz-content-sha256")).isEqualTo("UNSIGNED-PAYLOAD");
    assertThat(readAll(auth.authenticate(s.request(), s.body()).body())).isEqualTo(data);
  }

  private Signed chunked(
      byte[] data,
      boolean signedPayload,
      software.amazon.awssdk.checksums.spi.ChecksumAlgorithm checksum) {
    return sign(
        http(SdkHttpMethod.PUT, "/bucket/big%20object")
            .putHeader("Content-Length", Integer.toString(data.length))
            .build(),
        data,
        "us-west-2",
        r -> {
          r.putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, signedPayload)
              .putProperty(AwsV4HttpSigner.CHUNK_ENCODING_ENABLED, true);
          if (checksum != null) r.putProperty(AwsV4HttpSigner.CHECKSUM_ALGORITHM, checksum);
        });
  }

  private static String checksumOf(ChecksumAlgorithm algorithm, byte[] data) {
    var c = algorithm.newChecksum();
    c.update(data, 0, data.length);
    return c.finishBase64();
  }

  @Test
  void signedChunkedUpload() {
    byte[] data = data(300_000);
    Signed s = chunked(data, true, null);
    assertThat(s.request().header("x-amz-content-sha256"))
        .isEqualTo("STREAMING-AWS4-HMAC-SHA256-PAYLOAD");
    AuthResult result = auth.authenticate(s.request(), s.body());
    assertThat(result.decodedLength()).isEqualTo(300_000);
    assertThat(readAll(result.body())).isEqualTo(data);
    assertThat(result.trailers()).isEmpty();
  }

  @Test
  void signedChunkedUploadWithChecksumTrailer() {
    byte[] data = data(300_001);
    Signed s = chunked(data, true, DefaultChecksumAlgorithm.CRC32);
    assertThat(s.request().header("x-amz-content-sha256"))
        .isEqualTo("STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER");
    AuthResult result = auth.authenticate(s.request(), s.body());
    assertThat(readAll(result.body())).isEqualTo(data);
    assertThat(result.trailers())
        .containsEntry("x-amz-checksum-crc32", checksumOf(ChecksumAlgorithm.CRC32, data));
  }

  @Test
  void unsignedChunkedUploadWithChecksumTrailer() {
    byte[] data = data(200_000);
    Signed s = chunked(data, false, DefaultChecksumAlgorithm.CRC32C);
    assertThat(s.request().header("x-amz-content-sha256"))
        .isEqualTo("STREAMING-UNSIGNED-PAYLOAD-TRAILER");
    AuthResult result = auth.authenticate(s.request(), s.body());
    assertThat(readAll(result.body())).isEqualTo(data);
    assertThat(result.trailers())
        .containsEntry("x-amz-checksum-crc32c", checksumOf(ChecksumAlgorithm.CRC32C, data));
  }

  @Test
  void tamperedSignedChunkFailsTheBody() {
    byte[] data = data(300_000);
    Signed s = chunked(data, true, DefaultChecksumAlgorithm.CRC32);
    byte[] raw = readAll(s.body());
    raw[200_000] ^= 1;
    AuthResult result = auth.authenticate(s.request(), new ByteArrayInputStream(raw));
    assertThatThrownBy(() -> result.body().readAllBytes())
        .isInstanceOfSatisfying(
            BodyException.class,
            e -> assertThat(e.fault()).isEqualTo(BodyException.Fault.CHUNK_SIGNATURE_MISMATCH));
  }

  @Test
  void presignedGetAndItsExpiry() {
    Signed s =
        sign(
            http(SdkHttpMethod.GET, "/bucket/photos/a%20b.jpg")
                .putRawQueryParameter(
                    "response-content-disposition", "attachment; filename=\"a b.jpg\"")
                .build(),
            null,
            "us-east-1",
            r ->
                r.putProperty(AwsV4HttpSigner.AUTH_LOCATION, AuthLocation.QUERY_STRING)
                    .putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, false)
                    .putProperty(AwsV4HttpSigner.EXPIRATION_DURATION, Duration.ofMinutes(10)));
    assertThat(s.request().rawQuery()).contains("X-Amz-Signature=");
    assertThat(auth.authenticate(s.request(), s.body()).principal().userId())
        .isEqualTo(Fixtures.USER);
    var later = Fixtures.authenticator(NOW.plus(Duration.ofMinutes(10)).plusSeconds(1), false);
    assertThatThrownBy(() -> later.authenticate(s.request(), Fixtures.empty()))
        .isInstanceOfSatisfying(
            AuthException.class, e -> assertThat(e.error()).isEqualTo(AuthError.EXPIRED));
  }

  @Test
  void presignedPutWithBody() {
    byte[] data = data(5000);
    Signed s =
        sign(
            http(SdkHttpMethod.PUT, "/bucket/upload.bin").build(),
            data,
            "us-east-1",
            r ->
                r.putProperty(AwsV4HttpSigner.AUTH_LOCATION, AuthLocation.QUERY_STRING)
                    .putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, false)
                    .putProperty(AwsV4HttpSigner.EXPIRATION_DURATION, Duration.ofHours(1)));
    assertThat(readAll(auth.authenticate(s.request(), s.body()).body())).isEqualTo(data);
  }

  private static SignedRequest fromUrl(
      String method, java.net.URL url, java.util.Map<String, java.util.List<String>> headers) {
    URI uri = URI.create(url.toString());
    var builder = Fixtures.request(method, uri.getRawPath()).query(uri.getRawQuery());
    headers.forEach((name, values) -> values.forEach(v -> builder.header(name, v)));
    return builder.build();
  }

  private static software.amazon.awssdk.services.s3.presigner.S3Presigner presigner() {
    return software.amazon.awssdk.services.s3.presigner.S3Presigner.builder()
        .region(software.amazon.awssdk.regions.Region.EU_WEST_1)
        .credentialsProvider(
            software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create(
                    Fixtures.ACCESS_KEY, Fixtures.SECRET_KEY)))
        .endpointOverride(URI.create("http://localhost:5555"))
        .serviceConfiguration(
            software.amazon.awssdk.services.s3.S3Configuration.builder()
                .pathStyleAccessEnabled(true)
                .build())
        .build();
  }

  @Test
  void s3PresignerUrlsVerify() throws Exception {
    try (var presigner = presigner()) {
      var get =
          presigner.presignGetObject(
              r ->
                  r.signatureDuration(Duration.ofMinutes(5))
                      .getObjectRequest(g -> g.bucket("bucket").key("dir/a b+c~ü.txt")));
      var put =
          presigner.presignPutObject(
              r ->
                  r.signatureDuration(Duration.ofMinutes(5))
                      .putObjectRequest(
                          p -> p.bucket("bucket").key("up load.bin").contentType("text/plain")));
      var now = Fixtures.authenticator(Instant.now(), false);
      var getRequest = fromUrl("GET", get.url(), get.signedHeaders());
      assertThat(now.authenticate(getRequest, Fixtures.empty()).principal().userId())
          .isEqualTo(Fixtures.USER);
      var putRequest = fromUrl("PUT", put.url(), put.signedHeaders());
      byte[] data = data(100);
      assertThat(readAll(now.authenticate(putRequest, new ByteArrayInputStream(data)).body()))
          .isEqualTo(data);
    }
  }
}
