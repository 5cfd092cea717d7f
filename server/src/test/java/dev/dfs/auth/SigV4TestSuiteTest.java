package dev.dfs.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dfs.util.Hex;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Cases of the generic AWS SigV4 test suite (aws-sig-v4-test-suite, service "service", AKIDEXAMPLE,
 * 20150830T123600Z) that apply to S3: S3 neither normalises nor double-encodes the path, so the
 * "-unnormalized" variants are the ones used. They exercise the canonicalisation and signing-key
 * functions directly, since the service is not s3.
 */
class SigV4TestSuiteTest {
  private static final String SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
  private static final String DATE = "20150830T123600Z";
  private static final String SCOPE = "20150830/us-east-1/service/aws4_request";
  private static final String EMPTY = Sha256.EMPTY_HASH;

  /** The signature and canonical request of a request as the suite sends it. */
  private record Signed(String canonical, String signature) {}

  private static Signed sign(Fixtures.Request r, List<String> signed, String payloadHash) {
    SignedRequest request =
        r.header("Host", "example.amazonaws.com").header("X-Amz-Date", DATE).build();
    String canonical =
        CanonicalRequest.build(
            request.method(),
            UriEncoding.canonicalPath(request.rawPath()),
            QueryString.parse(request.rawQuery()).canonical(null, false),
            request.headers(),
            signed,
            payloadHash);
    byte[] key = SigningKeys.derive(SECRET, "20150830", "us-east-1", "service");
    String signature =
        Hex.encode(Sha256.hmac(key, CanonicalRequest.stringToSign(DATE, SCOPE, canonical)));
    return new Signed(canonical, signature);
  }

  private static Signed sign(Fixtures.Request r) {
    return sign(r, List.of("host", "x-amz-date"), EMPTY);
  }

  private static String canonicalOf(
      String method, String uri, String query, String headers, String signed, String hash) {
    return method + "\n" + uri + "\n" + query + "\n" + headers + "\n" + signed + "\n" + hash;
  }

  private static final String BASE_HEADERS =
      "host:example.amazonaws.com\nx-amz-date:20150830T123600Z\n";

  @Test
  void signingKeyOfTheIamExample() {
    assertThat(Hex.encode(SigningKeys.derive(SECRET, "20150830", "us-east-1", "iam")))
        .isEqualTo("c4afb1cc5771d871763a393e44b703571b55cc28424d1a5e86da6ed3c154a4b9");
  }

  @Test
  void signingKeysAreCachedPerSecretDateAndRegion() {
    SigningKeys keys = new SigningKeys();
    byte[] a = keys.signingKey(SECRET, "20150830", "us-east-1", "s3");
    assertThat(keys.signingKey(SECRET, "20150830", "us-east-1", "s3")).isSameAs(a);
    assertThat(keys.signingKey(SECRET, "20150830", "eu-west-1", "s3")).isNotEqualTo(a);
    assertThat(keys.signingKey(SECRET + "x", "20150830", "us-east-1", "s3")).isNotEqualTo(a);
  }

  @Test
  void getVanilla() {
    Signed s = sign(Fixtures.request("GET", "/"));
    assertThat(s.canonical())
        .isEqualTo(canonicalOf("GET", "/", "", BASE_HEADERS, "host;x-amz-date", EMPTY));
    assertThat(s.signature())
        .isEqualTo("5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31");
  }

  @Test
  void postVanilla() {
    assertThat(sign(Fixtures.request("POST", "/")).signature())
        .isEqualTo("5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b");
  }

  @Test
  void getVanillaQueryOrderKeyCase() {
    Signed s = sign(Fixtures.request("GET", "/").query("Param2=value2&Param1=value1"));
    assertThat(s.canonical())
        .isEqualTo(
            canonicalOf(
                "GET", "/", "Param1=value1&Param2=value2", BASE_HEADERS, "host;x-amz-date", EMPTY));
    assertThat(s.signature())
        .isEqualTo("b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500");
  }

  @Test
  void getVanillaQueryOrderEncoded() {
    Signed s =
        sign(Fixtures.request("GET", "/").query("Param-3=Value3&Param=Value2&%E1%88%B4=Value1"));
    assertThat(s.canonical())
        .isEqualTo(
            canonicalOf(
                "GET",
                "/",
                "%E1%88%B4=Value1&Param=Value2&Param-3=Value3",
                BASE_HEADERS,
                "host;x-amz-date",
                EMPTY));
    assertThat(s.signature())
        .isEqualTo("371d3713e185cc334048618a97f809c9ffe339c62934c032af5a0e595648fcac");
  }

  @Test
  void getVanillaQueryUnreserved() {
    String unreserved = "-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    Signed s = sign(Fixtures.request("GET", "/").query(unreserved + "=" + unreserved));
    assertThat(s.signature())
        .isEqualTo("9c3e54bfcdf0b19771a7f523ee5669cdf59bc7cc0884027167c21bb143a40197");
  }

  @Test
  void getVanillaUtf8Query() {
    Signed s = sign(Fixtures.request("GET", "/").query("%E1%88%B4=bar"));
    assertThat(s.signature())
        .isEqualTo("2cdec8eed098649ff3a119c94853b13c643bcf08f8b0a1d91e12c9027818dd04");
  }

  @Test
  void getUnreserved() {
    Signed s =
        sign(
            Fixtures.request(
                "GET", "/-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"));
    assertThat(s.signature())
        .isEqualTo("07ef7494c76fa4850883e2b006601f940f8a34d404d0cfa977f52a65bbf5f24f");
  }

  @Test
  void getUtf8AsSentEncodedOrRaw() {
    String expected = "8318018e0b0f223aa2bbf98705b62bb787dc9c0e678f255a891fd03141be5d85";
    assertThat(sign(Fixtures.request("GET", "/%E1%88%B4")).signature()).isEqualTo(expected);
    assertThat(sign(Fixtures.request("GET", "/%e1%88%b4")).signature()).isEqualTo(expected);
    assertThat(sign(Fixtures.request("GET", "/\u1234")).signature()).isEqualTo(expected);
  }

  @Test
  void getSpaceUnnormalized() {
    Signed s = sign(Fixtures.request("GET", "/example%20space/"));
    assertThat(s.canonical()).startsWith("GET\n/example%20space/\n");
    assertThat(s.signature())
        .isEqualTo("652487583200325589f1fba4c7e578f72c47cb61beeca81406b39ddec1366741");
  }

  @Test
  void getSlashesUnnormalized() {
    Signed s = sign(Fixtures.request("GET", "//example//"));
    assertThat(s.canonical()).startsWith("GET\n//example//\n");
    assertThat(s.signature())
        .isEqualTo("87cca117541a147f6df867677d98a7d80dff226d2bfca9e4ffa899665623c7e5");
  }

  @Test
  void getRelativeUnnormalized() {
    Signed s = sign(Fixtures.request("GET", "/example/.."));
    assertThat(s.signature())
        .isEqualTo("eca7ead57bb5aa5c8e28007acd4ff04e1ff9a0ff3b237ec1554a184887ff9282");
  }

  @Test
  void getHeaderKeyDuplicate() {
    Signed s =
        sign(
            Fixtures.request("GET", "/")
                .header("My-Header1", "value2")
                .header("My-Header1", "value2")
                .header("My-Header1", "value1"),
            List.of("host", "my-header1", "x-amz-date"),
            EMPTY);
    assertThat(s.canonical()).contains("\nmy-header1:value2,value2,value1\n");
    assertThat(s.signature())
        .isEqualTo("c9d5ea9f3f72853aea855b47ea873832890dbdd183b4468f858259531a5138ea");
  }

  @Test
  void getHeaderValueTrim() {
    Signed s =
        sign(
            Fixtures.request("GET", "/")
                .header("My-Header1", " value1")
                .header("My-Header2", " \"a   b   c\""),
            List.of("host", "my-header1", "my-header2", "x-amz-date"),
            EMPTY);
    assertThat(s.canonical()).contains("\nmy-header1:value1\nmy-header2:\"a b c\"\n");
    assertThat(s.signature())
        .isEqualTo("acc3ed3afb60bb290fc8d2dd0098b9911fcaa05412b367055dee359757a9c736");
  }

  @Test
  void getVanillaWithSessionToken() {
    Signed s =
        sign(
            Fixtures.request("GET", "/")
                .header(
                    "X-Amz-Security-Token",
                    "6e86291e8372ff2a2260956d9b8aae1d763fbf315fa00fa31553b73ebf194267"),
            List.of("host", "x-amz-date", "x-amz-security-token"),
            EMPTY);
    assertThat(s.signature())
        .isEqualTo("07ec1639c89043aa0e3e2de82b96708f198cceab042d4a97044c66dd9f74e7f8");
  }

  @Test
  void postXWwwFormUrlencoded() {
    String hash = "9095672bbd1f56dfc5b65f3e153adc8731a4a654192329106275f4c7b24d0b6e";
    assertThat(Sha256.hex("Param1=value1")).isEqualTo(hash);
    Signed s =
        sign(
            Fixtures.request("POST", "/")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Content-Length", "13")
                .header("x-amz-content-sha256", hash),
            List.of("content-length", "content-type", "host", "x-amz-content-sha256", "x-amz-date"),
            hash);
    assertThat(s.signature())
        .isEqualTo("d3875051da38690788ef43de4db0d8f280229d82040bfac253562e56c3f20e0b");
  }

  @Test
  void s3PathEncodingDecodesOnceAndEncodesOnce() {
    assertThat(UriEncoding.canonicalPath("/test$file.text")).isEqualTo("/test%24file.text");
    assertThat(UriEncoding.canonicalPath("/test%24file.text")).isEqualTo("/test%24file.text");
    assertThat(UriEncoding.canonicalPath("/b/a%2Fb")).isEqualTo("/b/a%2Fb");
    assertThat(UriEncoding.canonicalPath("/b/a+b c")).isEqualTo("/b/a%2Bb%20c");
    assertThat(UriEncoding.canonicalPath("/b/a%2520")).isEqualTo("/b/a%2520");
    assertThat(UriEncoding.canonicalPath("")).isEqualTo("/");
    assertThat(UriEncoding.canonicalPath("/b/100%")).isEqualTo("/b/100%25");
  }
}
