package dev.dfs.s3;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dfs.testing.DfsServerExtension;
import dev.dfs.testing.DfsTestServer;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Signature Version 2 over raw HTTP against a running server: requests signed by the test itself
 * from the documented algorithm (header and presigned URL), the S3 error documents of a wrong
 * signature and an expired URL, and x-amz-* headers that were not signed.
 */
class SigV2HttpTest {
  @RegisterExtension static final DfsServerExtension DFS = DfsServerExtension.local();
  static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(10))
          .build();
  static final DateTimeFormatter RFC1123 =
      DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);

  @BeforeAll
  static void bucket() {
    DFS.client().createBucket(b -> b.bucket("sig2"));
  }

  static String sign(String stringToSign) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA1");
    mac.init(
        new SecretKeySpec(DfsTestServer.SECRET_KEY.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
    return Base64.getEncoder()
        .encodeToString(mac.doFinal(stringToSign.getBytes(StandardCharsets.UTF_8)));
  }

  static URI uri(String pathAndQuery) {
    return URI.create(DFS.server().endpoint() + pathAndQuery);
  }

  @Test
  void headerSignedPutAndGetWithMetadata() throws Exception {
    String date = RFC1123.format(Instant.now());
    String put =
        "PUT\n\ntext/plain\n\nx-amz-date:" + date + "\nx-amz-meta-color:blue\n/sig2/hello.txt";
    HttpResponse<String> r =
        HTTP.send(
            HttpRequest.newBuilder(uri("/sig2/hello.txt"))
                .header("Content-Type", "text/plain")
                .header("x-amz-date", date)
                .header("x-amz-meta-color", "blue")
                .header("Authorization", "AWS " + DfsTestServer.ACCESS_KEY + ":" + sign(put))
                .PUT(HttpRequest.BodyPublishers.ofString("hi v2"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    HttpResponse<String> g =
        HTTP.send(
            HttpRequest.newBuilder(uri("/sig2/hello.txt"))
                .header("x-amz-date", date)
                .header(
                    "Authorization",
                    "AWS "
                        + DfsTestServer.ACCESS_KEY
                        + ":"
                        + sign("GET\n\n\n\nx-amz-date:" + date + "\n/sig2/hello.txt"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(g.statusCode()).as(g.body()).isEqualTo(200);
    assertThat(g.body()).isEqualTo("hi v2");
    assertThat(g.headers().firstValue("x-amz-meta-color")).contains("blue");
  }

  @Test
  void wrongSignatureShowsTheStringToSignAndAddedAmzHeadersBreakIt() throws Exception {
    String date = RFC1123.format(Instant.now());
    String toSign = "GET\n\n\n\nx-amz-date:" + date + "\n/sig2/?acl";
    HttpResponse<String> bad =
        HTTP.send(
            HttpRequest.newBuilder(uri("/sig2/?acl"))
                .header("x-amz-date", date)
                .header(
                    "Authorization", "AWS " + DfsTestServer.ACCESS_KEY + ":" + sign(toSign + "x"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(bad.statusCode()).isEqualTo(403);
    assertThat(bad.body())
        .contains("<Code>SignatureDoesNotMatch</Code>")
        .contains("<StringToSign>" + toSign + "</StringToSign>")
        .contains("<AWSAccessKeyId>" + DfsTestServer.ACCESS_KEY + "</AWSAccessKeyId>")
        .contains("<StringToSignBytes>47 45 54 0a");
    HttpResponse<String> ok =
        HTTP.send(
            HttpRequest.newBuilder(uri("/sig2/?acl"))
                .header("x-amz-date", date)
                .header("Authorization", "AWS " + DfsTestServer.ACCESS_KEY + ":" + sign(toSign))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
    HttpResponse<String> added =
        HTTP.send(
            HttpRequest.newBuilder(uri("/sig2/?acl"))
                .header("x-amz-date", date)
                .header("x-amz-meta-added", "1")
                .header("Authorization", "AWS " + DfsTestServer.ACCESS_KEY + ":" + sign(toSign))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(added.statusCode()).isEqualTo(403);
  }

  @Test
  void presignedUrlWorksUntilItExpires() throws Exception {
    DFS.client()
        .putObject(
            b -> b.bucket("sig2").key("shared.txt"),
            software.amazon.awssdk.core.sync.RequestBody.fromString("shared"));
    long expires = Instant.now().getEpochSecond() + 300;
    String sig = sign("GET\n\n\n" + expires + "\n/sig2/shared.txt");
    String query =
        "?AWSAccessKeyId="
            + DfsTestServer.ACCESS_KEY
            + "&Expires="
            + expires
            + "&Signature="
            + URLEncoder.encode(sig, StandardCharsets.UTF_8);
    HttpResponse<String> r =
        HTTP.send(
            HttpRequest.newBuilder(uri("/sig2/shared.txt" + query)).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(r.body()).isEqualTo("shared");

    long past = Instant.now().getEpochSecond() - 1;
    String old =
        "?AWSAccessKeyId="
            + DfsTestServer.ACCESS_KEY
            + "&Expires="
            + past
            + "&Signature="
            + URLEncoder.encode(
                sign("GET\n\n\n" + past + "\n/sig2/shared.txt"), StandardCharsets.UTF_8);
    HttpResponse<String> expired =
        HTTP.send(
            HttpRequest.newBuilder(uri("/sig2/shared.txt" + old)).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(expired.statusCode()).isEqualTo(403);
    assertThat(expired.body())
        .contains("<Code>AccessDenied</Code>")
        .contains("Request has expired");
  }
}
