package dev.dfs.auth;

import static dev.dfs.auth.Fixtures.ACCESS_KEY;
import static dev.dfs.auth.Fixtures.EXAMPLE_TIME;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The examples of the S3 API Reference, "Signature Calculations for the Authorization Header:
 * Transferring Payload in a Single Chunk" (AKIAIOSFODNN7EXAMPLE, 20130524, us-east-1).
 */
class S3HeaderExamplesTest {
  private static final String EMPTY = Sha256.EMPTY_HASH;
  private static final String CREDENTIAL =
      "Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request";
  private final SigV4Authenticator auth = Fixtures.authenticator(EXAMPLE_TIME, false);

  static Fixtures.Request getObject(String signature) {
    return Fixtures.request("GET", "/test.txt")
        .header("Host", "examplebucket.s3.amazonaws.com")
        .header("Range", "bytes=0-9")
        .header("x-amz-content-sha256", EMPTY)
        .header("x-amz-date", "20130524T000000Z")
        .header(
            "Authorization",
            "AWS4-HMAC-SHA256 "
                + CREDENTIAL
                + ",SignedHeaders=host;range;x-amz-content-sha256;x-amz-date,Signature="
                + signature);
  }

  static final String GET_OBJECT_SIGNATURE =
      "f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41";

  @Test
  void getObjectCanonicalRequestAndStringToSign() {
    var r = getObject(GET_OBJECT_SIGNATURE).build();
    String canonical =
        CanonicalRequest.build(
            "GET",
            UriEncoding.canonicalPath(r.rawPath()),
            QueryString.parse(r.rawQuery()).canonical(null, false),
            r.headers(),
            java.util.List.of("host", "range", "x-amz-content-sha256", "x-amz-date"),
            EMPTY);
    assertThat(canonical)
        .isEqualTo(
            "GET\n/test.txt\n\nhost:examplebucket.s3.amazonaws.com\nrange:bytes=0-9\n"
                + "x-amz-content-sha256:"
                + EMPTY
                + "\nx-amz-date:20130524T000000Z\n\n"
                + "host;range;x-amz-content-sha256;x-amz-date\n"
                + EMPTY);
    assertThat(
            CanonicalRequest.stringToSign(
                "20130524T000000Z", "20130524/us-east-1/s3/aws4_request", canonical))
        .isEqualTo(
            "AWS4-HMAC-SHA256\n20130524T000000Z\n20130524/us-east-1/s3/aws4_request\n"
                + "7344ae5b7ee6c3e7e6b0fe0640412a37625d1fbfff95c48bbb2dc43964946972");
  }

  @Test
  void getObjectWithRange() throws Exception {
    AuthResult result =
        auth.authenticate(getObject(GET_OBJECT_SIGNATURE).build(), Fixtures.empty());
    assertThat(result.principal()).isEqualTo(new Principal(Fixtures.USER, ACCESS_KEY, false));
    assertThat(result.body().readAllBytes()).isEmpty();
    assertThat(result.decodedLength()).isEqualTo(-1);
    assertThat(result.trailers()).isEmpty();
  }

  @Test
  void getObjectWithAnyOtherSignatureIsRefused() {
    String wrong = "f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb42";
    assertThatThrownBy(() -> auth.authenticate(getObject(wrong).build(), Fixtures.empty()))
        .isInstanceOfSatisfying(
            AuthException.class,
            e -> assertThat(e.error()).isEqualTo(AuthError.SIGNATURE_DOES_NOT_MATCH));
  }

  @Test
  void getObjectWithChangedSignedHeaderIsRefused() {
    var request = getObject(GET_OBJECT_SIGNATURE).without("range").header("Range", "bytes=0-10");
    assertThatThrownBy(() -> auth.authenticate(request.build(), Fixtures.empty()))
        .isInstanceOfSatisfying(
            AuthException.class,
            e -> assertThat(e.error()).isEqualTo(AuthError.SIGNATURE_DOES_NOT_MATCH));
  }

  @Test
  void putObject() throws Exception {
    byte[] body = "Welcome to Amazon S3.".getBytes(StandardCharsets.US_ASCII);
    String hash = "44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072";
    var request =
        Fixtures.request("PUT", "/test%24file.text")
            .header("Host", "examplebucket.s3.amazonaws.com")
            .header("Date", "Fri, 24 May 2013 00:00:00 GMT")
            .header("x-amz-date", "20130524T000000Z")
            .header("x-amz-storage-class", "REDUCED_REDUNDANCY")
            .header("x-amz-content-sha256", hash)
            .header("Content-Length", "21")
            .header(
                "Authorization",
                "AWS4-HMAC-SHA256 "
                    + CREDENTIAL
                    + ",SignedHeaders=date;host;x-amz-content-sha256;x-amz-date;x-amz-storage-class"
                    + ",Signature=98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd");
    AuthResult result = auth.authenticate(request.build(), Fixtures.bytes(body));
    assertThat(result.decodedLength()).isEqualTo(21);
    assertThat(result.body().readAllBytes()).isEqualTo(body);
  }

  @Test
  void putObjectWithOtherBytesFailsAtTheEndOfTheBody() throws Exception {
    byte[] body = "Welcome to Amazon S3!".getBytes(StandardCharsets.US_ASCII);
    var request =
        Fixtures.request("PUT", "/test$file.text")
            .header("Host", "examplebucket.s3.amazonaws.com")
            .header("Date", "Fri, 24 May 2013 00:00:00 GMT")
            .header("x-amz-date", "20130524T000000Z")
            .header("x-amz-storage-class", "REDUCED_REDUNDANCY")
            .header(
                "x-amz-content-sha256",
                "44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072")
            .header(
                "Authorization",
                "AWS4-HMAC-SHA256 "
                    + CREDENTIAL
                    + ",SignedHeaders=date;host;x-amz-content-sha256;x-amz-date;x-amz-storage-class"
                    + ",Signature=98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd");
    // The unencoded '$' in the path signs the same as %24.
    AuthResult result = auth.authenticate(request.build(), Fixtures.bytes(body));
    assertThatThrownBy(() -> result.body().readAllBytes())
        .isInstanceOfSatisfying(
            dev.dfs.util.BodyException.class,
            e ->
                assertThat(e.fault())
                    .isEqualTo(dev.dfs.util.BodyException.Fault.CONTENT_SHA256_MISMATCH));
  }

  @Test
  void getBucketLifecycle() {
    var request =
        Fixtures.request("GET", "/")
            .query("lifecycle")
            .header("Host", "examplebucket.s3.amazonaws.com")
            .header("x-amz-date", "20130524T000000Z")
            .header("x-amz-content-sha256", EMPTY)
            .header(
                "Authorization",
                "AWS4-HMAC-SHA256 "
                    + CREDENTIAL
                    + ",SignedHeaders=host;x-amz-content-sha256;x-amz-date"
                    + ",Signature=fea454ca298b7da1c68078a5d1bdbfbbe0d65c699e0f91ac7a200a0136783543");
    assertThat(auth.authenticate(request.build(), Fixtures.empty()).principal().userId())
        .isEqualTo(Fixtures.USER);
  }

  @Test
  void getBucketListObjects() {
    var request =
        Fixtures.request("GET", "/")
            .query("max-keys=2&prefix=J")
            .header("Host", "examplebucket.s3.amazonaws.com")
            .header("x-amz-date", "20130524T000000Z")
            .header("x-amz-content-sha256", EMPTY)
            .header(
                "Authorization",
                "AWS4-HMAC-SHA256 "
                    + CREDENTIAL
                    + ", SignedHeaders=host;x-amz-content-sha256;x-amz-date"
                    + ", Signature=34b48302e7b5fa45bde8084f4b7868a86f0a534bc59db6670ed5711ef69dc6f7");
    assertThat(auth.authenticate(request.build(), Fixtures.empty()).principal().userId())
        .isEqualTo(Fixtures.USER);
  }

  @Test
  void listObjectsWithTheQueryInAnotherOrderStillVerifies() {
    var request =
        Fixtures.request("GET", "/")
            .query("prefix=J&max-keys=2")
            .header("Host", "examplebucket.s3.amazonaws.com")
            .header("x-amz-date", "20130524T000000Z")
            .header("x-amz-content-sha256", EMPTY)
            .header(
                "Authorization",
                "AWS4-HMAC-SHA256 "
                    + CREDENTIAL
                    + ",SignedHeaders=host;x-amz-content-sha256;x-amz-date"
                    + ",Signature=34b48302e7b5fa45bde8084f4b7868a86f0a534bc59db6670ed5711ef69dc6f7");
    assertThat(auth.authenticate(request.build(), Fixtures.empty()).principal().userId())
        .isEqualTo(Fixtures.USER);
  }
}
