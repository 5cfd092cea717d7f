package dev.dfs.auth;

import static dev.dfs.auth.Fixtures.EXAMPLE_TIME;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dfs.util.BodyException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How the authenticator treats each kind of request: errors, skew, keys, anonymous, API keys. */
class SigV4AuthenticatorTest {
  private static final String GOOD_AUTH =
      "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,"
          + "SignedHeaders=host;range;x-amz-content-sha256;x-amz-date,Signature="
          + S3HeaderExamplesTest.GET_OBJECT_SIGNATURE;

  private static Fixtures.Request getObject() {
    return S3HeaderExamplesTest.getObject(S3HeaderExamplesTest.GET_OBJECT_SIGNATURE);
  }

  private static Fixtures.Request withAuthorization(String value) {
    return getObject().without("authorization").header("Authorization", value);
  }

  private static AuthException failure(SigV4Authenticator auth, Fixtures.Request request) {
    try {
      auth.authenticate(request.build(), Fixtures.empty());
    } catch (AuthException e) {
      return e;
    }
    throw new AssertionError("authenticated");
  }

  private static AuthError errorOf(SigV4Authenticator auth, Fixtures.Request request) {
    return failure(auth, request).error();
  }

  private final SigV4Authenticator auth = Fixtures.authenticator(EXAMPLE_TIME, false);

  @Test
  void clockSkewOfFifteenMinutesIsAcceptedAndMoreIsNot() {
    Duration limit = Duration.ofMinutes(15);
    for (var now : new java.time.Instant[] {EXAMPLE_TIME.plus(limit), EXAMPLE_TIME.minus(limit)}) {
      Fixtures.authenticator(now, false).authenticate(getObject().build(), Fixtures.empty());
    }
    for (var now :
        new java.time.Instant[] {
          EXAMPLE_TIME.plus(limit).plusSeconds(1), EXAMPLE_TIME.minus(limit).minusSeconds(1)
        }) {
      assertThat(errorOf(Fixtures.authenticator(now, false), getObject()))
          .isEqualTo(AuthError.REQUEST_TIME_TOO_SKEWED);
    }
  }

  @Test
  void unknownAccessKey() {
    var request = withAuthorization(GOOD_AUTH.replace("AKIAIOSFODNN7EXAMPLE", "AKIANOBODY"));
    AuthException e = failure(auth, request);
    assertThat(e.error()).isEqualTo(AuthError.INVALID_ACCESS_KEY_ID);
    assertThat(e.getMessage()).doesNotContain(Fixtures.SECRET_KEY);
  }

  @Test
  void signatureMismatchMessageRevealsNoSignature() {
    AuthException e =
        failure(auth, withAuthorization(GOOD_AUTH.replace("Signature=f0e8", "Signature=f0e9")));
    assertThat(e.error()).isEqualTo(AuthError.SIGNATURE_DOES_NOT_MATCH);
    assertThat(e.getMessage())
        .doesNotContain("f0e8")
        .doesNotContain("f0e9")
        .doesNotContain(Fixtures.SECRET_KEY);
  }

  @Test
  void sigV2IsRefusedWithTheS3MessageWhenTurnedOff() {
    AuthException e =
        failure(
            Fixtures.withoutSigV2(EXAMPLE_TIME),
            withAuthorization("AWS AKIAIOSFODNN7EXAMPLE:frJIUN8DYpKDtOLCwo//yllqDzg="));
    assertThat(e.error()).isEqualTo(AuthError.INVALID_REQUEST);
    assertThat(e.getMessage())
        .isEqualTo(
            "The authorization mechanism you have provided is not supported. Please use AWS4-HMAC-SHA256.");
  }

  @Test
  void sigV4aIsUnsupported() {
    assertThat(errorOf(auth, withAuthorization("AWS4-ECDSA-P256-SHA256 Credential=x")))
        .isEqualTo(AuthError.UNSUPPORTED);
  }

  @Test
  void malformedAuthorizationHeaders() {
    String[] bad = {
      "AWS4-HMAC-SHA256",
      "AWS4-HMAC-SHA256 ",
      "AWS4-HMAC-SHA256Credential=x",
      "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request",
      GOOD_AUTH.replace(",SignedHeaders=", ",Foo=bar,SignedHeaders="),
      GOOD_AUTH.replace(
          "SignedHeaders=host;range;x-amz-content-sha256;x-amz-date", "SignedHeaders="),
      GOOD_AUTH.replace("SignedHeaders=host;", "SignedHeaders=;"),
      GOOD_AUTH.replace("/us-east-1/s3/", "/us-east-1/"),
      GOOD_AUTH.replace("/s3/", "/ec2/"),
      GOOD_AUTH.replace("aws4_request", "aws4_reqest"),
      GOOD_AUTH.replace("/20130524/", "/2013-05-24/"),
      GOOD_AUTH.replace("/20130524/", "/20130525/"),
      GOOD_AUTH.replace("SignedHeaders=host;", "SignedHeaders="),
      GOOD_AUTH.replace("Credential=AKIAIOSFODNN7EXAMPLE", "Credential="),
    };
    for (String value : bad) {
      assertThat(errorOf(auth, withAuthorization(value)))
          .as(value)
          .isEqualTo(AuthError.AUTHORIZATION_HEADER_MALFORMED);
    }
  }

  @Test
  void componentsMaySpaceOutOrComeInAnyOrder() {
    String reordered =
        "AWS4-HMAC-SHA256 Signature="
            + S3HeaderExamplesTest.GET_OBJECT_SIGNATURE
            + ",  SignedHeaders=host;range;x-amz-content-sha256;x-amz-date , "
            + "Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request";
    auth.authenticate(withAuthorization(reordered).build(), Fixtures.empty());
  }

  @Test
  void missingOrBadDate() {
    AuthException e = failure(auth, getObject().without("x-amz-date"));
    assertThat(e.error()).isEqualTo(AuthError.ACCESS_DENIED);
    assertThat(e.getMessage())
        .isEqualTo("AWS authentication requires a valid Date or x-amz-date header");
    assertThat(errorOf(auth, getObject().without("x-amz-date").header("x-amz-date", "yesterday")))
        .isEqualTo(AuthError.ACCESS_DENIED);
  }

  @Test
  void missingContentSha256() {
    AuthException e = failure(auth, getObject().without("x-amz-content-sha256"));
    assertThat(e.error()).isEqualTo(AuthError.INVALID_REQUEST);
    assertThat(e.getMessage())
        .isEqualTo("Missing required header for this request: x-amz-content-sha256");
  }

  @Test
  void invalidContentSha256() {
    var request = getObject().without("x-amz-content-sha256").header("x-amz-content-sha256", "abc");
    assertThat(errorOf(auth, request)).isEqualTo(AuthError.INVALID_REQUEST);
  }

  @Test
  void hostMustBeSigned() {
    String value = GOOD_AUTH.replace("SignedHeaders=host;range;", "SignedHeaders=range;");
    assertThat(errorOf(auth, withAuthorization(value)))
        .isEqualTo(AuthError.AUTHORIZATION_HEADER_MALFORMED);
  }

  @Test
  void noCredentialsPassAsAnonymousForTheAuthorizerToDecide() throws Exception {
    var request = Fixtures.request("GET", "/bucket/key").header("Host", "localhost");
    assertThat(auth.authenticate(request.build(), Fixtures.empty()).principal())
        .isEqualTo(Principal.ANONYMOUS);
    assertThat(auth.openAccess()).isFalse();
    assertThat(Fixtures.authenticator(EXAMPLE_TIME, true).openAccess()).isTrue();
  }

  @Test
  void anonymousAccessWhenAllowed() throws Exception {
    var open = Fixtures.authenticator(EXAMPLE_TIME, true);
    byte[] body = "hello".getBytes(StandardCharsets.US_ASCII);
    AuthResult result =
        open.authenticate(
            Fixtures.request("PUT", "/bucket/key").header("Content-Length", "5").build(),
            Fixtures.bytes(body));
    assertThat(result.principal()).isEqualTo(Principal.ANONYMOUS);
    assertThat(result.decodedLength()).isEqualTo(5);
    assertThat(result.body().readAllBytes()).isEqualTo(body);
  }

  @Test
  void anonymousStillGetsPayloadChecks() throws Exception {
    var open = Fixtures.authenticator(EXAMPLE_TIME, true);
    AuthResult hashed =
        open.authenticate(
            Fixtures.request("PUT", "/bucket/key")
                .header("x-amz-content-sha256", Sha256.EMPTY_HASH)
                .build(),
            Fixtures.bytes(new byte[] {1}));
    S3ChunkedExamplesTest.assertFault(hashed.body(), BodyException.Fault.CONTENT_SHA256_MISMATCH);

    AuthResult chunked =
        open.authenticate(
            Fixtures.request("PUT", "/bucket/key")
                .header("x-amz-content-sha256", "STREAMING-UNSIGNED-PAYLOAD-TRAILER")
                .header("x-amz-decoded-content-length", "3")
                .header("x-amz-trailer", "x-amz-checksum-crc32")
                .build(),
            Fixtures.bytes(
                "3\r\nabc\r\n0\r\nx-amz-checksum-crc32:NSRBwg==\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII)));
    assertThat(chunked.decodedLength()).isEqualTo(3);
    assertThat(chunked.body().readAllBytes()).isEqualTo("abc".getBytes(StandardCharsets.US_ASCII));
    assertThat(chunked.trailers()).isEqualTo(Map.of("x-amz-checksum-crc32", "NSRBwg=="));
  }

  @Test
  void presentedCredentialsAreVerifiedEvenWhenAnonymousIsAllowed() {
    var open = Fixtures.authenticator(EXAMPLE_TIME, true);
    assertThat(
            errorOf(open, withAuthorization(GOOD_AUTH.replace("Signature=f0e8", "Signature=f0e9"))))
        .isEqualTo(AuthError.SIGNATURE_DOES_NOT_MATCH);
    assertThat(open.authenticate(getObject().build(), Fixtures.empty()).principal().anonymous())
        .isFalse();
  }

  @Test
  void apiKey() throws Exception {
    AuthResult result =
        auth.authenticate(
            Fixtures.request("GET", "/bucket/key").header("X-Api-Key", Fixtures.API_KEY).build(),
            Fixtures.empty());
    assertThat(result.principal()).isEqualTo(new Principal(Fixtures.API_USER, null, false));
    assertThat(result.body().read()).isEqualTo(-1);
  }

  @Test
  void unknownApiKey() {
    assertThat(errorOf(auth, Fixtures.request("GET", "/bucket/key").header("X-Api-Key", "nope")))
        .isEqualTo(AuthError.INVALID_ACCESS_KEY_ID);
    var open = Fixtures.authenticator(EXAMPLE_TIME, true);
    assertThat(errorOf(open, Fixtures.request("GET", "/bucket/key").header("X-Api-Key", "nope")))
        .isEqualTo(AuthError.INVALID_ACCESS_KEY_ID);
  }

  @Test
  void apiKeyWithASignedChunkedBodyDecodesItWithoutCheckingSignatures() throws Exception {
    byte[] data = Fixtures.repeat('q', 20_000);
    byte[] body = ChunkedEncoder.signed().encode(data, 8192);
    AuthResult result =
        auth.authenticate(
            Fixtures.request("PUT", "/bucket/key")
                .header("X-Api-Key", Fixtures.API_KEY)
                .header("x-amz-content-sha256", "STREAMING-AWS4-HMAC-SHA256-PAYLOAD")
                .header("x-amz-decoded-content-length", "20000")
                .build(),
            Fixtures.bytes(body));
    assertThat(result.decodedLength()).isEqualTo(20_000);
    assertThat(result.body().readAllBytes()).isEqualTo(data);
  }

  @Test
  void apiKeyWithContentEncodingAwsChunkedOnly() throws Exception {
    AuthResult result =
        auth.authenticate(
            Fixtures.request("PUT", "/bucket/key")
                .header("X-Api-Key", Fixtures.API_KEY)
                .header("Content-Encoding", "aws-chunked")
                .build(),
            Fixtures.bytes("3\r\nabc\r\n0\r\n\r\n".getBytes(StandardCharsets.US_ASCII)));
    assertThat(result.body().readAllBytes()).isEqualTo("abc".getBytes(StandardCharsets.US_ASCII));
  }

  @Test
  void invalidDecodedContentLength() {
    var request =
        Fixtures.request("PUT", "/bucket/key")
            .header("X-Api-Key", Fixtures.API_KEY)
            .header("x-amz-content-sha256", "STREAMING-UNSIGNED-PAYLOAD-TRAILER")
            .header("x-amz-decoded-content-length", "-1");
    assertThat(errorOf(auth, request)).isEqualTo(AuthError.INVALID_REQUEST);
  }
}
