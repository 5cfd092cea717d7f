package dev.dfs.auth;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import software.amazon.awssdk.checksums.DefaultChecksumAlgorithm;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * SigV4 verification of a header-signed request (canonical request, string to sign, HMAC chain with
 * the cached signing key) and the aws-chunked decoder over 1 MiB bodies in the forms the SDKs send:
 * signed chunks (a SHA-256 and HMAC per 64 KiB chunk) and unsigned chunks with a CRC32 trailer.
 * Requests are signed once by the AWS SDK signer; each invocation verifies them and drains the
 * decoded body.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SigV4Bench {
  static final Instant NOW = Instant.parse("2025-03-01T10:00:00Z");
  static final String AK = "AKIAIOSFODNN7EXAMPLE";
  static final String SK = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

  @Param({"1048576"})
  int bodySize;

  private SigV4Authenticator auth;
  private SignedRequest header;
  private SignedRequest signedChunked;
  private byte[] signedChunkedBody;
  private SignedRequest unsignedTrailer;
  private byte[] unsignedTrailerBody;
  private final byte[] sink = new byte[64 * 1024];

  private record Signed(SignedRequest request, byte[] body) {}

  @Setup
  public void setup() {
    auth =
        new SigV4Authenticator(
            new StaticCredentialStore(List.of(new Credential("user", AK, SK)), Map.of()),
            Clock.fixed(NOW, ZoneOffset.UTC),
            false);
    byte[] data = new byte[bodySize];
    new Random(1).nextBytes(data);
    header =
        sign(
                SdkHttpMethod.GET,
                "/bucket/some/key.txt?list-type=2&prefix=a%2Fb",
                null,
                false,
                false,
                null)
            .request();
    Signed sc = sign(SdkHttpMethod.PUT, "/bucket/big", data, true, true, null);
    signedChunked = sc.request();
    signedChunkedBody = sc.body();
    Signed ut =
        sign(SdkHttpMethod.PUT, "/bucket/big", data, false, true, DefaultChecksumAlgorithm.CRC32);
    unsignedTrailer = ut.request();
    unsignedTrailerBody = ut.body();
  }

  private static Signed sign(
      SdkHttpMethod method,
      String pathAndQuery,
      byte[] payload,
      boolean payloadSigning,
      boolean chunked,
      software.amazon.awssdk.checksums.spi.ChecksumAlgorithm checksum) {
    SdkHttpRequest.Builder http =
        SdkHttpRequest.builder()
            .method(method)
            .uri(URI.create("http://127.0.0.1:5555" + pathAndQuery));
    if (payload != null) http.putHeader("Content-Length", Integer.toString(payload.length));
    var signed =
        AwsV4HttpSigner.create()
            .sign(
                r -> {
                  r.identity(AwsCredentialsIdentity.create(AK, SK))
                      .request(http.build())
                      .payload(
                          payload == null ? null : ContentStreamProvider.fromByteArray(payload))
                      .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "s3")
                      .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")
                      .putProperty(AwsV4HttpSigner.DOUBLE_URL_ENCODE, false)
                      .putProperty(AwsV4HttpSigner.NORMALIZE_PATH, false)
                      .putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, payloadSigning)
                      .putProperty(AwsV4HttpSigner.CHUNK_ENCODING_ENABLED, chunked)
                      .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(NOW, ZoneOffset.UTC));
                  if (checksum != null) r.putProperty(AwsV4HttpSigner.CHECKSUM_ALGORITHM, checksum);
                });
    SdkHttpRequest out = signed.request();
    Map<String, List<String>> headers = new HashMap<>();
    out.headers()
        .forEach(
            (name, values) ->
                headers
                    .computeIfAbsent(
                        name.toLowerCase(java.util.Locale.ROOT), k -> new ArrayList<>())
                    .addAll(values));
    headers.putIfAbsent("host", List.of(out.host() + ":" + out.port()));
    byte[] body;
    try (InputStream in =
        signed
            .payload()
            .map(ContentStreamProvider::newStream)
            .orElse(InputStream.nullInputStream())) {
      body = in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    SignedRequest req =
        new SignedRequest(
            out.method().name(),
            out.encodedPath(),
            out.encodedQueryParameters().orElse(""),
            headers,
            "127.0.0.1");
    return new Signed(req, body);
  }

  private long drain(AuthResult r) throws IOException {
    long n = 0;
    try (InputStream in = r.body()) {
      for (int k; (k = in.read(sink)) >= 0; ) n += k;
    }
    return n;
  }

  /** Header auth of a GET (no body): the per-request cost every small request pays. */
  @Benchmark
  public AuthResult verifyHeader() {
    return auth.authenticate(header, new ByteArrayInputStream(new byte[0]));
  }

  /** STREAMING-AWS4-HMAC-SHA256-PAYLOAD: verify and decode 1 MiB of signed chunks. */
  @Benchmark
  public long signedChunkedBody() throws IOException {
    return drain(auth.authenticate(signedChunked, new ByteArrayInputStream(signedChunkedBody)));
  }

  /** STREAMING-UNSIGNED-PAYLOAD-TRAILER (the SDKs' default): decode 1 MiB and its CRC32 trailer. */
  @Benchmark
  public long unsignedChunkedBodyWithTrailer() throws IOException {
    return drain(auth.authenticate(unsignedTrailer, new ByteArrayInputStream(unsignedTrailerBody)));
  }
}
