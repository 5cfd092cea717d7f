package dev.dfs.auth;

import static dev.dfs.auth.Fixtures.EXAMPLE_TIME;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The S3 API Reference example "Authenticating Requests: Using Query Parameters": GET /test.txt
 * from examplebucket, valid 86400 s from 20130524T000000Z.
 */
class PresignedUrlTest {
  static final String SIGNATURE =
      "aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404";
  static final String QUERY =
      "X-Amz-Algorithm=AWS4-HMAC-SHA256"
          + "&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request"
          + "&X-Amz-Date=20130524T000000Z&X-Amz-Expires=86400&X-Amz-SignedHeaders=host";

  static SignedRequest example(String query) {
    return Fixtures.request("GET", "/test.txt")
        .query(query)
        .header("Host", "examplebucket.s3.amazonaws.com")
        .build();
  }

  static SignedRequest example() {
    return example(QUERY + "&X-Amz-Signature=" + SIGNATURE);
  }

  static AuthError errorOf(SigV4Authenticator auth, SignedRequest request) {
    try {
      auth.authenticate(request, Fixtures.empty());
    } catch (AuthException e) {
      return e.error();
    }
    return null;
  }

  @Test
  void canonicalRequestOfTheExample() {
    var r = example();
    String canonical =
        CanonicalRequest.build(
            "GET",
            UriEncoding.canonicalPath(r.rawPath()),
            QueryString.parse(r.rawQuery()).canonical("X-Amz-Signature", false),
            r.headers(),
            java.util.List.of("host"),
            "UNSIGNED-PAYLOAD");
    assertThat(canonical)
        .isEqualTo(
            "GET\n/test.txt\n"
                + QUERY
                + "\nhost:examplebucket.s3.amazonaws.com\n\nhost\nUNSIGNED-PAYLOAD");
    assertThat(Sha256.hex(canonical))
        .isEqualTo("3bfa292879f6447bbcda7001decf97f4a54dc650c8942174ae0a9121cf58ad04");
  }

  @Test
  void theExampleVerifiesDuringItsLifetime() {
    for (Instant now :
        new Instant[] {
          EXAMPLE_TIME, EXAMPLE_TIME.plusSeconds(3600), EXAMPLE_TIME.plusSeconds(86400)
        }) {
      AuthResult result =
          Fixtures.authenticator(now, false).authenticate(example(), Fixtures.empty());
      assertThat(result.principal())
          .isEqualTo(new Principal(Fixtures.USER, Fixtures.ACCESS_KEY, false));
    }
  }

  @Test
  void parametersInAnyOrderVerify() {
    String shuffled =
        "X-Amz-Signature="
            + SIGNATURE
            + "&X-Amz-SignedHeaders=host&X-Amz-Expires=86400&X-Amz-Date=20130524T000000Z"
            + "&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request"
            + "&X-Amz-Algorithm=AWS4-HMAC-SHA256";
    assertThat(errorOf(Fixtures.authenticator(EXAMPLE_TIME, false), example(shuffled))).isNull();
  }

  @Test
  void afterItsLifetimeItHasExpired() {
    var auth = Fixtures.authenticator(EXAMPLE_TIME.plusSeconds(86401), false);
    assertThatThrownBy(() -> auth.authenticate(example(), Fixtures.empty()))
        .isInstanceOfSatisfying(
            AuthException.class,
            e -> {
              assertThat(e.error()).isEqualTo(AuthError.EXPIRED);
              assertThat(e.getMessage()).isEqualTo("Request has expired");
            });
  }

  @Test
  void aUrlDatedInTheFutureIsTooSkewedBeyondFifteenMinutes() {
    assertThat(
            errorOf(
                Fixtures.authenticator(EXAMPLE_TIME.minus(Duration.ofMinutes(15)), false),
                example()))
        .isNull();
    assertThat(
            errorOf(
                Fixtures.authenticator(
                    EXAMPLE_TIME.minus(Duration.ofMinutes(15)).minusSeconds(1), false),
                example()))
        .isEqualTo(AuthError.REQUEST_TIME_TOO_SKEWED);
  }

  @Test
  void aChangedPathOrQueryDoesNotVerify() {
    var auth = Fixtures.authenticator(EXAMPLE_TIME, false);
    var otherPath =
        Fixtures.request("GET", "/test2.txt")
            .query(QUERY + "&X-Amz-Signature=" + SIGNATURE)
            .header("Host", "examplebucket.s3.amazonaws.com")
            .build();
    assertThat(errorOf(auth, otherPath)).isEqualTo(AuthError.SIGNATURE_DOES_NOT_MATCH);
    assertThat(errorOf(auth, example(QUERY + "&versionId=1&X-Amz-Signature=" + SIGNATURE)))
        .isEqualTo(AuthError.SIGNATURE_DOES_NOT_MATCH);
  }

  @Test
  void malformedParametersAreQueryParameterErrors() {
    var auth = Fixtures.authenticator(EXAMPLE_TIME, false);
    String[] bad = {
      QUERY.replace("X-Amz-Expires=86400", "X-Amz-Expires=604801"),
      QUERY.replace("X-Amz-Expires=86400", "X-Amz-Expires=0"),
      QUERY.replace("X-Amz-Expires=86400", "X-Amz-Expires=-5"),
      QUERY.replace("X-Amz-Expires=86400", "X-Amz-Expires=soon"),
      QUERY.replace("&X-Amz-Expires=86400", ""),
      QUERY.replace("X-Amz-Date=20130524T000000Z", "X-Amz-Date=2013-05-24"),
      QUERY.replace("AWS4-HMAC-SHA256", "AWS4-HMAC-SHA1"),
      QUERY.replace("%2Fs3%2F", "%2Fec2%2F"),
      QUERY.replace("%2Faws4_request", "%2Faws5_request"),
      QUERY.replace("%2F20130524%2F", "%2F20130525%2F"),
      QUERY.replace("X-Amz-SignedHeaders=host", "X-Amz-SignedHeaders=range"),
    };
    for (String query : bad) {
      assertThat(errorOf(auth, example(query + "&X-Amz-Signature=" + SIGNATURE)))
          .as(query)
          .isEqualTo(AuthError.AUTHORIZATION_QUERY_PARAMETERS_ERROR);
    }
    assertThat(errorOf(auth, example(QUERY)))
        .as("no signature")
        .isEqualTo(AuthError.AUTHORIZATION_QUERY_PARAMETERS_ERROR);
  }

  @Test
  void unknownAccessKey() {
    var auth = Fixtures.authenticator(EXAMPLE_TIME, false);
    String query =
        QUERY.replace("AKIAIOSFODNN7EXAMPLE", "AKIAUNKNOWN") + "&X-Amz-Signature=" + SIGNATURE;
    assertThat(errorOf(auth, example(query))).isEqualTo(AuthError.INVALID_ACCESS_KEY_ID);
  }

  @Test
  void presignedQueryTogetherWithAnAuthorizationHeaderIsRefused() {
    var auth = Fixtures.authenticator(EXAMPLE_TIME, false);
    var request =
        Fixtures.request("GET", "/test.txt")
            .query(QUERY + "&X-Amz-Signature=" + SIGNATURE)
            .header("Host", "examplebucket.s3.amazonaws.com")
            .header("Authorization", "AWS4-HMAC-SHA256 Credential=x")
            .build();
    assertThat(errorOf(auth, request)).isEqualTo(AuthError.INVALID_REQUEST);
  }

  @Test
  void sigV2QueryIsRefusedWhenTurnedOff() {
    var auth = Fixtures.withoutSigV2(EXAMPLE_TIME);
    assertThatThrownBy(
            () ->
                auth.authenticate(
                    example("AWSAccessKeyId=AKIAIOSFODNN7EXAMPLE&Expires=1369353600&Signature=abc"),
                    Fixtures.empty()))
        .isInstanceOfSatisfying(
            AuthException.class,
            e -> {
              assertThat(e.error()).isEqualTo(AuthError.INVALID_REQUEST);
              assertThat(e.getMessage()).contains("Please use AWS4-HMAC-SHA256");
            });
  }
}
