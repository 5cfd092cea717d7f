package dev.dfs.auth;

import static dev.dfs.auth.Fixtures.ACCESS_KEY;
import static dev.dfs.auth.Fixtures.SECRET_KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * Signature Version 2: the worked examples of the S3 guide "Signing and authenticating REST
 * requests" (AKIAIOSFODNN7EXAMPLE, March 2007) as known answers, and requests whose expected
 * signature the test computes itself from the documented algorithm (its own HMAC-SHA1, not the
 * server's code).
 */
class SigV2AuthenticatorTest {
  private static final Principal USER = new Principal(Fixtures.USER, ACCESS_KEY, false);

  /** The example's Date header as an instant (RFC 1123 with a numeric zone). */
  private static Instant at(String iso) {
    return Instant.parse(iso);
  }

  private static AuthResult accept(Instant now, Fixtures.Request r) {
    return Fixtures.authenticator(now, false).authenticate(r.build(), Fixtures.empty());
  }

  private static AuthException refuse(SigV4Authenticator auth, Fixtures.Request r) {
    try {
      auth.authenticate(r.build(), Fixtures.empty());
    } catch (AuthException e) {
      return e;
    }
    throw new AssertionError("accepted");
  }

  /** The documented algorithm, written independently of the server: base64 HMAC-SHA1. */
  static String hmacSha1(String secret, String stringToSign) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA1");
    mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
    return Base64.getEncoder()
        .encodeToString(mac.doFinal(stringToSign.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void guideExampleObjectGetVirtualHost() {
    var r =
        Fixtures.request("GET", "/photos/puppy.jpg")
            .virtualHost("awsexamplebucket1")
            .header("Host", "awsexamplebucket1.us-west-1.s3.amazonaws.com")
            .header("Date", "Tue, 27 Mar 2007 19:36:42 +0000")
            .header("Authorization", "AWS AKIAIOSFODNN7EXAMPLE:qgk2+6Sv9/oM7G3qLEjTH1a1l1g=");
    assertThat(accept(at("2007-03-27T19:36:42Z"), r).principal()).isEqualTo(USER);
  }

  @Test
  void guideExampleObjectPutWithContentType() {
    var r =
        Fixtures.request("PUT", "/photos/puppy.jpg")
            .virtualHost("awsexamplebucket1")
            .header("Content-Type", "image/jpeg")
            .header("Content-Length", "0")
            .header("Date", "Tue, 27 Mar 2007 21:15:45 +0000")
            .header("Authorization", "AWS AKIAIOSFODNN7EXAMPLE:iqRzw+ileNPu1fhspnRs8nOjjIA=");
    assertThat(accept(at("2007-03-27T21:15:45Z"), r).principal()).isEqualTo(USER);
  }

  @Test
  void guideExampleListSignsNoOrdinaryQueryParameters() {
    var r =
        Fixtures.request("GET", "/")
            .virtualHost("awsexamplebucket1")
            .query("prefix=photos&max-keys=50&marker=puppy")
            .header("User-Agent", "Mozilla/5.0")
            .header("Date", "Tue, 27 Mar 2007 19:42:41 +0000")
            .header("Authorization", "AWS AKIAIOSFODNN7EXAMPLE:m0WP8eCtspQl5Ahe6L1SozdX9YA=");
    assertThat(accept(at("2007-03-27T19:42:41Z"), r).principal()).isEqualTo(USER);
  }

  @Test
  void guideExampleAclSubresourceIsSigned() {
    var r =
        Fixtures.request("GET", "/")
            .virtualHost("awsexamplebucket1")
            .query("acl")
            .header("Date", "Tue, 27 Mar 2007 19:44:46 +0000")
            .header("Authorization", "AWS AKIAIOSFODNN7EXAMPLE:82ZHiFIjc+WbcwFKGUVEQspPn+0=");
    assertThat(accept(at("2007-03-27T19:44:46Z"), r).principal()).isEqualTo(USER);
  }

  private static Fixtures.Request upload(String signature) {
    return Fixtures.request("PUT", "/db-backup.dat.gz")
        .virtualHost("static.awsexamplebucket1.net")
        .header("User-Agent", "curl/7.15.5")
        .header("Date", "Tue, 27 Mar 2007 21:06:08 +0000")
        .header("x-amz-acl", "public-read")
        .header("content-type", "application/x-download")
        .header("Content-MD5", "4gJE4saaMU4BqNR0kLY+lw==")
        .header("X-Amz-Meta-ReviewedBy", "joe@awsexamplebucket1.net")
        .header("X-Amz-Meta-ReviewedBy", "jane@awsexamplebucket1.net")
        .header("X-Amz-Meta-FileChecksum", "0x02661779")
        .header("X-Amz-Meta-ChecksumAlgorithm", "crc32")
        .header("Content-Disposition", "attachment; filename=database.dat")
        .header("Content-Encoding", "gzip")
        .header("Authorization", "AWS AKIAIOSFODNN7EXAMPLE:" + signature);
  }

  @Test
  void guideExampleUploadCanonicalizesAmzHeaders() {
    var r = upload("dKZcB+bz2EPXgSdXZp9ozGeOM4I=");
    assertThat(
            SigV2StringToSign.build(
                r.build(), QueryString.parse(""), "Tue, 27 Mar 2007 21:06:08 +0000"))
        .isEqualTo(
            "PUT\n4gJE4saaMU4BqNR0kLY+lw==\n"
                + "application/x-download\nTue, 27 Mar 2007 21:06:08 +0000\n"
                + "x-amz-acl:public-read\nx-amz-meta-checksumalgorithm:crc32\n"
                + "x-amz-meta-filechecksum:0x02661779\n"
                + "x-amz-meta-reviewedby:joe@awsexamplebucket1.net,jane@awsexamplebucket1.net\n"
                + "/static.awsexamplebucket1.net/db-backup.dat.gz");
    assertThat(accept(at("2007-03-27T21:06:08Z"), r).principal()).isEqualTo(USER);
  }

  @Test
  void guideExamplesListAllBucketsAndUnicodeKeysPathStyle() {
    var list =
        Fixtures.request("GET", "/")
            .header("Date", "Wed, 28 Mar 2007 01:29:59 +0000")
            .header("Authorization", "AWS AKIAIOSFODNN7EXAMPLE:qGdzdERIC03wnaRNKh6OqZehG9s=");
    assertThat(accept(at("2007-03-28T01:29:59Z"), list).principal()).isEqualTo(USER);
    var unicode =
        Fixtures.request("GET", "/dictionary/fran%C3%A7ais/pr%c3%a9f%c3%a8re")
            .header("Date", "Wed, 28 Mar 2007 01:49:49 +0000")
            .header("Authorization", "AWS AKIAIOSFODNN7EXAMPLE:DNEZGsoieTZ92F3bUfSPQcbGmlM=");
    assertThat(accept(at("2007-03-28T01:49:49Z"), unicode).principal()).isEqualTo(USER);
  }

  @Test
  void mismatchShowsTheStringToSignAsS3DoesButNoSecret() {
    AuthException e =
        refuse(
            Fixtures.authenticator(at("2007-03-27T21:06:08Z"), false),
            upload("AAAAB+bz2EPXgSdXZp9ozGeOM4I="));
    assertThat(e.error()).isEqualTo(AuthError.SIGNATURE_DOES_NOT_MATCH);
    assertThat(e.elements())
        .containsEntry("AWSAccessKeyId", ACCESS_KEY)
        .containsEntry("SignatureProvided", "AAAAB+bz2EPXgSdXZp9ozGeOM4I=");
    assertThat(e.elements().get("StringToSign"))
        .startsWith("PUT\n4gJE4saaMU4BqNR0kLY+lw==\n")
        .endsWith("/static.awsexamplebucket1.net/db-backup.dat.gz");
    assertThat(e.elements().get("StringToSignBytes")).startsWith("50 55 54 0a 34 67");
    assertThat(e.elements().values()).noneMatch(v -> v.contains(SECRET_KEY));
  }

  @Test
  void everyAmzHeaderIsSignedSoNoneCanBeAddedOrChanged() {
    Instant now = at("2007-03-27T21:06:08Z");
    var added = upload("dKZcB+bz2EPXgSdXZp9ozGeOM4I=").header("x-amz-copy-source", "/other/key");
    assertThat(refuse(Fixtures.authenticator(now, false), added).error())
        .isEqualTo(AuthError.SIGNATURE_DOES_NOT_MATCH);
    var changed =
        upload("dKZcB+bz2EPXgSdXZp9ozGeOM4I=")
            .without("x-amz-acl")
            .header("x-amz-acl", "public-read-write");
    assertThat(refuse(Fixtures.authenticator(now, false), changed).error())
        .isEqualTo(AuthError.SIGNATURE_DOES_NOT_MATCH);
  }

  @Test
  void xAmzDateEmptiesTheDateLineAndSubresourcesAreSortedWithDecodedValues() throws Exception {
    String amzDate = "Thu, 03 Dec 2026 10:00:00 GMT";
    String toSign =
        "DELETE\n\n\n\nx-amz-date:" + amzDate + "\n" + "/bucket/my%20key?uploadId=a b&versionId=v1";
    var r =
        Fixtures.request("DELETE", "/bucket/my%20key")
            .query("versionId=v1&uploadId=a%20b&prefix=ignored")
            .header("x-amz-date", amzDate)
            .header("Authorization", "AWS " + ACCESS_KEY + ":" + hmacSha1(SECRET_KEY, toSign));
    assertThat(accept(at("2026-12-03T10:05:00Z"), r).principal()).isEqualTo(USER);
  }

  @Test
  void requestTimeMustBeWithinFifteenMinutesAndPresent() throws Exception {
    String date = "Thu, 03 Dec 2026 10:00:00 GMT";
    String sig = hmacSha1(SECRET_KEY, "GET\n\n\n" + date + "\n/bucket/key");
    var r =
        Fixtures.request("GET", "/bucket/key")
            .header("Date", date)
            .header("Authorization", "AWS " + ACCESS_KEY + ":" + sig);
    assertThat(accept(at("2026-12-03T10:14:59Z"), r).principal()).isEqualTo(USER);
    assertThat(refuse(Fixtures.authenticator(at("2026-12-03T10:15:01Z"), false), r).error())
        .isEqualTo(AuthError.REQUEST_TIME_TOO_SKEWED);
    var undated =
        Fixtures.request("GET", "/bucket/key")
            .header("Authorization", "AWS " + ACCESS_KEY + ":" + sig);
    assertThat(
            refuse(Fixtures.authenticator(at("2026-12-03T10:00:00Z"), false), undated).getMessage())
        .isEqualTo("AWS authentication requires a valid Date or x-amz-date header");
  }

  @Test
  void unknownKeysAndMalformedHeadersAreRefused() {
    SigV4Authenticator auth = Fixtures.authenticator(at("2007-03-27T19:36:42Z"), false);
    var unknown =
        Fixtures.request("GET", "/b/k")
            .header("Date", "Tue, 27 Mar 2007 19:36:42 +0000")
            .header("Authorization", "AWS AKIANOBODY:qgk2+6Sv9/oM7G3qLEjTH1a1l1g=");
    assertThat(refuse(auth, unknown).error()).isEqualTo(AuthError.INVALID_ACCESS_KEY_ID);
    var noColon =
        Fixtures.request("GET", "/b/k")
            .header("Date", "Tue, 27 Mar 2007 19:36:42 +0000")
            .header("Authorization", "AWS AKIAIOSFODNN7EXAMPLE");
    assertThat(refuse(auth, noColon).error()).isEqualTo(AuthError.INVALID_ARGUMENT);
  }

  private static String presignedQuery(String resource, long expires) throws Exception {
    String sig = hmacSha1(SECRET_KEY, "GET\n\n\n" + expires + "\n" + resource);
    return "AWSAccessKeyId="
        + ACCESS_KEY
        + "&Expires="
        + expires
        + "&Signature="
        + URLEncoder.encode(sig, StandardCharsets.UTF_8);
  }

  @Test
  void presignedUrlIsAcceptedUntilItExpires() throws Exception {
    long expires = at("2026-12-03T11:00:00Z").getEpochSecond();
    var r =
        Fixtures.request("GET", "/bucket/photo.jpg")
            .query(presignedQuery("/bucket/photo.jpg", expires));
    assertThat(accept(at("2026-12-03T10:59:59Z"), r).principal()).isEqualTo(USER);
    AuthException late = refuse(Fixtures.authenticator(at("2026-12-03T11:00:01Z"), false), r);
    assertThat(late.error()).isEqualTo(AuthError.EXPIRED);
    assertThat(late.getMessage()).isEqualTo("Request has expired");
  }

  @Test
  void presignedUrlCoversAmzHeadersAndNeedsAllThreeParameters() throws Exception {
    long expires = at("2026-12-03T11:00:00Z").getEpochSecond();
    Instant now = at("2026-12-03T10:00:00Z");
    var withHeader =
        Fixtures.request("GET", "/bucket/photo.jpg")
            .query(presignedQuery("/bucket/photo.jpg", expires))
            .header("x-amz-meta-added", "x");
    assertThat(refuse(Fixtures.authenticator(now, false), withHeader).error())
        .isEqualTo(AuthError.SIGNATURE_DOES_NOT_MATCH);
    var partial =
        Fixtures.request("GET", "/bucket/photo.jpg")
            .query("AWSAccessKeyId=" + ACCESS_KEY + "&Signature=abc");
    assertThat(refuse(Fixtures.authenticator(now, false), partial).error())
        .isEqualTo(AuthError.ACCESS_DENIED);
    var both =
        Fixtures.request("GET", "/bucket/photo.jpg")
            .query(presignedQuery("/bucket/photo.jpg", expires))
            .header("Authorization", "AWS " + ACCESS_KEY + ":abc");
    assertThat(refuse(Fixtures.authenticator(now, false), both).error())
        .isEqualTo(AuthError.INVALID_REQUEST);
  }

  @Test
  void turnedOffEveryFormIsRefusedAsSigV4OnlyRegionsDo() throws Exception {
    SigV4Authenticator off = Fixtures.withoutSigV2(at("2007-03-27T19:36:42Z"));
    var header =
        Fixtures.request("GET", "/photos/puppy.jpg")
            .virtualHost("awsexamplebucket1")
            .header("Date", "Tue, 27 Mar 2007 19:36:42 +0000")
            .header("Authorization", "AWS AKIAIOSFODNN7EXAMPLE:qgk2+6Sv9/oM7G3qLEjTH1a1l1g=");
    AuthException e = refuse(off, header);
    assertThat(e.error()).isEqualTo(AuthError.INVALID_REQUEST);
    assertThat(e.getMessage()).contains("Please use AWS4-HMAC-SHA256");
    var query =
        Fixtures.request("GET", "/bucket/photo.jpg")
            .query(presignedQuery("/bucket/photo.jpg", Long.MAX_VALUE / 2));
    assertThat(refuse(off, query).error()).isEqualTo(AuthError.INVALID_REQUEST);
    assertThatThrownBy(() -> off.authenticatePostFormV2("cG9saWN5", ACCESS_KEY, "x"))
        .isInstanceOfSatisfying(
            AuthException.class, x -> assertThat(x.error()).isEqualTo(AuthError.INVALID_REQUEST));
  }

  @Test
  void browserFormSignatureIsHmacSha1OfTheBase64Policy() throws Exception {
    SigV4Authenticator auth = Fixtures.authenticator(at("2026-12-03T10:00:00Z"), false);
    String policy =
        Base64.getEncoder()
            .encodeToString(
                "{\"expiration\":\"2030-01-01T00:00:00Z\",\"conditions\":[]}"
                    .getBytes(StandardCharsets.UTF_8));
    String signature = hmacSha1(SECRET_KEY, policy);
    assertThat(auth.authenticatePostFormV2(policy, ACCESS_KEY, signature)).isEqualTo(USER);
    assertThatThrownBy(() -> auth.authenticatePostFormV2(policy + "=", ACCESS_KEY, signature))
        .isInstanceOfSatisfying(
            AuthException.class,
            x -> assertThat(x.error()).isEqualTo(AuthError.SIGNATURE_DOES_NOT_MATCH));
    assertThatThrownBy(() -> auth.authenticatePostFormV2(policy, "AKIANOBODY", signature))
        .isInstanceOfSatisfying(
            AuthException.class,
            x -> assertThat(x.error()).isEqualTo(AuthError.INVALID_ACCESS_KEY_ID));
    assertThatThrownBy(() -> auth.authenticatePostFormV2(policy, ACCESS_KEY, null))
        .isInstanceOfSatisfying(
            AuthException.class, x -> assertThat(x.error()).isEqualTo(AuthError.INVALID_ARGUMENT));
  }
}
