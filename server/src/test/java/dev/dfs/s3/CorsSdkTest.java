package dev.dfs.s3;

import static dev.dfs.s3.SdkTestSupport.expectError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dfs.testing.DfsServerExtension;
import dev.dfs.testing.DfsTestServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CORSRule;
import software.amazon.awssdk.services.s3.model.GetBucketCorsResponse;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/** Bucket CORS through the SDK, and what a browser sends (preflight, Origin) over raw HTTP. */
class CorsSdkTest {
  @RegisterExtension static final DfsServerExtension DFS = DfsServerExtension.local();
  static S3Client s3;
  static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(10))
          .build();

  @BeforeAll
  static void start() throws Exception {
    s3 = DFS.client();
    s3.createBucket(b -> b.bucket("web"));
    s3.createBucket(b -> b.bucket("plain"));
    s3.putObject(b -> b.bucket("web").key("page.html"), RequestBody.fromString("<p>hi</p>"));
    s3.putBucketCors(
        b ->
            b.bucket("web")
                .corsConfiguration(
                    c ->
                        c.corsRules(
                            CORSRule.builder()
                                .id("app")
                                .allowedOrigins("https://app.example.com")
                                .allowedMethods("GET", "PUT")
                                .allowedHeaders("content-type", "x-amz-*")
                                .exposeHeaders("ETag")
                                .maxAgeSeconds(600)
                                .build(),
                            CORSRule.builder().allowedOrigins("*").allowedMethods("GET").build())));
  }

  static HttpResponse<String> options(String path, String origin, String method, String headers)
      throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(DFS.server().endpoint() + path))
            .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
            .timeout(Duration.ofSeconds(10));
    if (origin != null) b.header("Origin", origin);
    if (method != null) b.header("Access-Control-Request-Method", method);
    if (headers != null) b.header("Access-Control-Request-Headers", headers);
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void configurationRoundTripsAndDeletes() {
    GetBucketCorsResponse got = s3.getBucketCors(b -> b.bucket("web"));
    assertThat(got.corsRules()).hasSize(2);
    CORSRule first = got.corsRules().get(0);
    assertThat(first.id()).isEqualTo("app");
    assertThat(first.allowedMethods()).containsExactly("GET", "PUT");
    assertThat(first.maxAgeSeconds()).isEqualTo(600);
    expectError(404, "NoSuchCORSConfiguration", () -> s3.getBucketCors(b -> b.bucket("plain")));
    s3.putBucketCors(
        b ->
            b.bucket("plain")
                .corsConfiguration(
                    c ->
                        c.corsRules(
                            CORSRule.builder().allowedOrigins("*").allowedMethods("GET").build())));
    s3.deleteBucketCors(b -> b.bucket("plain"));
    expectError(404, "NoSuchCORSConfiguration", () -> s3.getBucketCors(b -> b.bucket("plain")));
    expectError(
        400,
        "InvalidRequest",
        () ->
            s3.putBucketCors(
                b ->
                    b.bucket("plain")
                        .corsConfiguration(
                            c ->
                                c.corsRules(
                                    CORSRule.builder()
                                        .allowedOrigins("*")
                                        .allowedMethods("PATCH")
                                        .build()))));
  }

  @Test
  void preflightIsAnsweredFromTheRulesWithoutCredentials() throws Exception {
    HttpResponse<String> ok =
        options(
            "/web/page.html", "https://app.example.com", "PUT", "Content-Type, x-amz-meta-owner");
    assertThat(ok.statusCode()).isEqualTo(200);
    assertThat(ok.headers().firstValue("Access-Control-Allow-Origin"))
        .hasValue("https://app.example.com");
    assertThat(ok.headers().firstValue("Access-Control-Allow-Methods")).hasValue("GET, PUT");
    assertThat(ok.headers().firstValue("Access-Control-Allow-Headers"))
        .hasValue("Content-Type, x-amz-meta-owner");
    assertThat(ok.headers().firstValue("Access-Control-Max-Age")).hasValue("600");
    assertThat(ok.headers().firstValue("Vary").orElse("")).contains("Origin");

    HttpResponse<String> any = options("/web/page.html", "https://other.example", "GET", null);
    assertThat(any.statusCode()).isEqualTo(200);
    assertThat(any.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");

    assertThat(options("/web/page.html", "https://other.example", "PUT", null).statusCode())
        .isEqualTo(403);
    assertThat(
            options("/web/page.html", "https://app.example.com", "PUT", "authorization")
                .statusCode())
        .isEqualTo(403);
    HttpResponse<String> none = options("/plain/x", "https://app.example.com", "GET", null);
    assertThat(none.statusCode()).isEqualTo(403);
    assertThat(none.body()).contains("<Code>AccessForbidden</Code>");
    assertThat(options("/web/x", null, "GET", null).statusCode()).isEqualTo(400);
    assertThat(options("/missing-bucket/x", "https://a.b", "GET", null).statusCode())
        .isEqualTo(404);
  }

  @Test
  void actualRequestsFromAnAllowedOriginGetTheHeaders() throws Exception {
    try (S3Presigner presigner =
        S3Presigner.builder()
            .endpointOverride(DFS.server().endpoint())
            .region(software.amazon.awssdk.regions.Region.US_EAST_1)
            .serviceConfiguration(
                software.amazon.awssdk.services.s3.S3Configuration.builder()
                    .pathStyleAccessEnabled(true)
                    .build())
            .credentialsProvider(
                () ->
                    software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create(
                        DfsTestServer.ACCESS_KEY, DfsTestServer.SECRET_KEY))
            .build()) {
      URI url =
          presigner
              .presignGetObject(
                  p ->
                      p.signatureDuration(Duration.ofMinutes(5))
                          .getObjectRequest(g -> g.bucket("web").key("page.html")))
              .url()
              .toURI();
      HttpResponse<String> r =
          HTTP.send(
              HttpRequest.newBuilder(url).header("Origin", "https://app.example.com").GET().build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.body()).isEqualTo("<p>hi</p>");
      assertThat(r.headers().firstValue("Access-Control-Allow-Origin"))
          .hasValue("https://app.example.com");
      assertThat(r.headers().firstValue("Access-Control-Expose-Headers")).hasValue("ETag");
      HttpResponse<String> noOrigin =
          HTTP.send(
              HttpRequest.newBuilder(url).GET().build(), HttpResponse.BodyHandlers.ofString());
      assertThat(noOrigin.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }
  }
}
