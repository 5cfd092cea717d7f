package dev.dfs.s3;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dfs.testing.DfsServerExtension;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Wire details the SDK hides, checked with a plain HTTP client against a server that allows
 * anonymous requests: exact headers, status codes and bodies.
 */
class RawHttpObjectTest {
  @RegisterExtension static final DfsServerExtension DFS = DfsServerExtension.local().anonymous();
  static HttpClient http;

  @BeforeAll
  static void start() throws Exception {
    http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    assertThat(send(request("/raw").PUT(BodyPublishers.noBody())).statusCode()).isEqualTo(200);
    assertThat(
            send(request("/raw/hundred").PUT(BodyPublishers.ofByteArray(new byte[100])))
                .statusCode())
        .isEqualTo(200);
  }

  private static HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create(DFS.server().endpoint() + path));
  }

  private static HttpResponse<String> send(HttpRequest.Builder b) throws Exception {
    return http.send(b.build(), BodyHandlers.ofString());
  }

  /** HTTP chunked without Content-Length (Go and Rust SDKs, curl -T -) is read to its end. */
  @Test
  void chunkedPutWithoutLengthIsStored() throws Exception {
    byte[] body = "a body of unannounced length".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    HttpResponse<String> r =
        send(
            request("/raw/chunked")
                .expectContinue(true)
                .PUT(BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))));
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("ETag")).hasValue("\"" + SdkTestSupport.md5Hex(body) + "\"");
    HttpResponse<byte[]> got =
        http.send(request("/raw/chunked").GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    assertThat(got.body()).isEqualTo(body);
  }

  @Test
  void putOverFiveGibIsEntityTooLarge() throws Exception {
    long size = 5L * 1024 * 1024 * 1024 + 1;
    HttpResponse<String> r =
        send(
            request("/raw/huge")
                .expectContinue(true)
                .PUT(BodyPublishers.fromPublisher(BodyPublishers.ofByteArray(new byte[1]), size)));
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body())
        .contains("<Code>EntityTooLarge</Code>", "<ProposedSize>5368709121</ProposedSize>");
  }

  @Test
  void defaultContentTypeAndHeaderFormats() throws Exception {
    HttpResponse<String> r = send(request("/raw/hundred").GET());
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).isPresent();
    assertThat(r.headers().firstValue("ETag").orElseThrow()).matches("\"[0-9a-f]{32}\"");
    assertThat(r.headers().firstValue("Last-Modified").orElseThrow())
        .matches("[A-Z][a-z]{2}, \\d{2} [A-Z][a-z]{2} \\d{4} \\d{2}:\\d{2}:\\d{2} GMT");
    assertThat(r.headers().firstValue("Accept-Ranges")).contains("bytes");
    assertThat(r.headers().firstValue("Content-Length")).contains("100");
    send(request("/raw/untyped").PUT(BodyPublishers.ofString("x")));
    assertThat(send(request("/raw/untyped").GET()).headers().firstValue("Content-Type"))
        .contains("binary/octet-stream");
  }

  @Test
  void unsatisfiableRangeCarriesContentRange() throws Exception {
    HttpResponse<String> r = send(request("/raw/hundred").header("Range", "bytes=200-").GET());
    assertThat(r.statusCode()).isEqualTo(416);
    assertThat(r.headers().firstValue("Content-Range")).contains("bytes */100");
    assertThat(r.body())
        .contains("<Code>InvalidRange</Code>", "<ActualObjectSize>100</ActualObjectSize>");
  }

  @Test
  void notModifiedHasValidatorsAndNoBody() throws Exception {
    String etag = send(request("/raw/hundred").GET()).headers().firstValue("ETag").orElseThrow();
    HttpResponse<String> r = send(request("/raw/hundred").header("If-None-Match", etag).GET());
    assertThat(r.statusCode()).isEqualTo(304);
    assertThat(r.body()).isEmpty();
    assertThat(r.headers().firstValue("ETag")).contains(etag);
    assertThat(r.headers().firstValue("Last-Modified")).isPresent();
  }

  @Test
  void headErrorsHaveNoBody() throws Exception {
    HttpResponse<String> r = send(request("/raw/missing").method("HEAD", BodyPublishers.noBody()));
    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(r.body()).isEmpty();
  }

  @Test
  void errorsOnRequestsWithoutBodyKeepTheConnection() throws Exception {
    HttpResponse<String> get = send(request("/raw/missing").GET());
    assertThat(get.statusCode()).isEqualTo(404);
    assertThat(get.headers().firstValue("Connection")).isEmpty();
    HttpResponse<String> head =
        send(request("/raw/missing").method("HEAD", BodyPublishers.noBody()));
    assertThat(head.statusCode()).isEqualTo(404);
    assertThat(head.headers().firstValue("Connection")).isEmpty();
  }

  @Test
  void anonymousResponseOverridesAreRefused() throws Exception {
    HttpResponse<String> r = send(request("/raw/hundred?response-content-type=text/plain").GET());
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).contains("<Code>InvalidRequest</Code>");
  }

  @Test
  void deleteObjectsNeedsAnIntegrityHeader() throws Exception {
    String xml = "<Delete><Object><Key>hundred-gone</Key></Object></Delete>";
    HttpResponse<String> missing = send(request("/raw?delete").POST(BodyPublishers.ofString(xml)));
    assertThat(missing.statusCode()).isEqualTo(400);
    assertThat(missing.body())
        .contains(
            "<Code>InvalidRequest</Code>",
            "Missing required header for this request: Content-MD5 OR x-amz-checksum-*");
    byte[] bytes = xml.getBytes(StandardCharsets.UTF_8);
    String md5 = Base64.getEncoder().encodeToString(MessageDigest.getInstance("MD5").digest(bytes));
    HttpResponse<String> ok =
        send(
            request("/raw?delete")
                .header("Content-MD5", md5)
                .POST(BodyPublishers.ofByteArray(bytes)));
    assertThat(ok.statusCode()).isEqualTo(200);
    assertThat(ok.body())
        .contains(
            "<DeleteResult xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">",
            "<Deleted><Key>hundred-gone</Key></Deleted>");
    HttpResponse<String> bad =
        send(
            request("/raw?delete")
                .header("Content-MD5", Base64.getEncoder().encodeToString(new byte[16]))
                .POST(BodyPublishers.ofByteArray(bytes)));
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.body()).contains("<Code>BadDigest</Code>");
  }

  @Test
  void completeWithGarbageIsMalformedXml() throws Exception {
    HttpResponse<String> created = send(request("/raw/mp?uploads").POST(BodyPublishers.noBody()));
    assertThat(created.statusCode()).isEqualTo(200);
    assertThat(created.body()).contains("<InitiateMultipartUploadResult xmlns=");
    String id = created.body().replaceAll("(?s).*<UploadId>(.*)</UploadId>.*", "$1");
    HttpResponse<String> r =
        send(
            request("/raw/mp?uploadId=" + id)
                .POST(BodyPublishers.ofString("<CompleteMultipartUpload>")));
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).contains("<Code>MalformedXML</Code>");
    assertThat(send(request("/raw/mp?uploadId=" + id).DELETE()).statusCode()).isEqualTo(204);
  }

  /** GetObjectAttributes on the wire: root element, unquoted ETag, Last-Modified, its 400s. */
  @Test
  void getObjectAttributesWireForm() throws Exception {
    HttpResponse<String> r =
        send(
            request("/raw/hundred?attributes")
                .header("x-amz-object-attributes", "ObjectSize,ETag")
                .GET());
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body())
        .contains(
            "<GetObjectAttributesResponse xmlns=\""
                + XmlOut.S3_NAMESPACE
                + "\"><ETag>"
                + SdkTestSupport.md5Hex(new byte[100])
                + "</ETag><ObjectSize>100</ObjectSize>"
                + "</GetObjectAttributesResponse>");
    assertThat(r.headers().firstValue("Last-Modified")).isPresent();
    HttpResponse<String> repeated =
        send(
            request("/raw/hundred?attributes")
                .header("x-amz-object-attributes", "StorageClass")
                .header("x-amz-object-attributes", "ObjectSize")
                .GET());
    assertThat(repeated.body()).contains("<StorageClass>STANDARD</StorageClass><ObjectSize>100");

    HttpResponse<String> missing = send(request("/raw/hundred?attributes").GET());
    assertThat(missing.statusCode()).isEqualTo(400);
    assertThat(missing.body()).contains("<Code>InvalidArgument</Code>");
    HttpResponse<String> unknown =
        send(
            request("/raw/hundred?attributes")
                .header("x-amz-object-attributes", "ObjectSize,Owner")
                .GET());
    assertThat(unknown.statusCode()).isEqualTo(400);
    assertThat(unknown.body())
        .contains("<Code>InvalidArgument</Code>", "<ArgumentValue>Owner</ArgumentValue>");
    HttpResponse<String> badMax =
        send(
            request("/raw/hundred?attributes")
                .header("x-amz-object-attributes", "ObjectParts")
                .header("x-amz-max-parts", "-1")
                .GET());
    assertThat(badMax.statusCode()).isEqualTo(400);
  }
}
