package dev.dfs.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dfs.testing.DfsServerExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The console over plain HTTP: what is served, with which headers, and what is left to S3. */
class ConsoleHandlerTest {
  @RegisterExtension static final DfsServerExtension DFS = DfsServerExtension.local();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private static HttpResponse<String> get(String path, String... headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(DFS.server().endpoint() + path));
    if (headers.length > 0) b.headers(headers);
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void browserOpeningTheRootIsSentToTheConsole() throws Exception {
    HttpResponse<String> r = get("/", "Accept", "text/html,application/xhtml+xml,*/*;q=0.8");
    assertThat(r.statusCode()).isEqualTo(302);
    assertThat(r.headers().firstValue("Location")).hasValue("/console/");
  }

  @Test
  void signedListBucketsOnTheRootStillReachesS3() {
    DFS.client().createBucket(b -> b.bucket("still-s3"));
    assertThat(DFS.client().listBuckets().buckets()).extracting(b -> b.name()).contains("still-s3");
  }

  @Test
  void unsignedRootWithoutHtmlAcceptIsS3s() throws Exception {
    HttpResponse<String> r = get("/");
    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(r.body()).contains("<Code>AccessDenied</Code>");
  }

  @Test
  void pageCarriesAStrictPolicyThatAllowsOnlyItsImportMap() throws Exception {
    HttpResponse<String> r = get("/console/");
    assertThat(r.statusCode()).isEqualTo(200);
    String csp = r.headers().firstValue("Content-Security-Policy").orElseThrow();
    assertThat(csp)
        .contains(
            "default-src 'none'",
            "frame-ancestors 'none'",
            "connect-src 'self'",
            "frame-src 'self'",
            "media-src 'self' blob:",
            "img-src 'self' blob: data:",
            "object-src 'none'")
        .doesNotContain("unsafe-inline", "unsafe-eval", "http:", "https:");
    assertThat(r.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    Matcher m = Pattern.compile("<script type=\"importmap\">(.*?)</script>").matcher(r.body());
    assertThat(m.find()).isTrue();
    String hash =
        Base64.getEncoder()
            .encodeToString(
                MessageDigest.getInstance("SHA-256")
                    .digest(m.group(1).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    assertThat(csp).contains("'sha256-" + hash + "'");
    assertThat(r.body()).doesNotContain("<script>").doesNotContainPattern("src=\"https?:");
  }

  @Test
  void consoleWithoutSlashRedirects() throws Exception {
    HttpResponse<String> r = get("/console");
    assertThat(r.statusCode()).isEqualTo(302);
    assertThat(r.headers().firstValue("Location")).hasValue("/console/");
  }

  @Test
  void librariesAreCachedForAYearAndOwnModulesRevalidated() throws Exception {
    String page = get("/console/").body();
    Matcher m = Pattern.compile("\"preact\":\"([^\"]+)\"").matcher(page);
    assertThat(m.find()).isTrue();
    HttpResponse<String> lib = get(m.group(1));
    assertThat(lib.statusCode()).isEqualTo(200);
    assertThat(lib.headers().firstValue("Cache-Control"))
        .hasValue("public, max-age=31536000, immutable");
    assertThat(lib.headers().firstValue("Content-Type").orElseThrow())
        .startsWith("text/javascript");
    HttpResponse<String> own = get("/console/app/sigv4.js");
    assertThat(own.statusCode()).isEqualTo(200);
    assertThat(own.headers().firstValue("Cache-Control")).hasValue("no-cache");
  }

  @Test
  void unknownAndTraversingPathsAreNotFound() throws Exception {
    assertThat(get("/console/app/nope.js").statusCode()).isEqualTo(404);
    // Jetty refuses the ambiguous path itself (400) or the console finds no such file (404)
    HttpResponse<String> traversal = get("/console/app/../../../etc/passwd");
    assertThat(traversal.statusCode()).isIn(400, 404);
    assertThat(traversal.body()).doesNotContain("root:");
    assertThat(get("/console/lib/preact/0/dist/preact.module.js").statusCode()).isEqualTo(404);
  }

  @Test
  void writesAreRefused() throws Exception {
    HttpResponse<String> r =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(DFS.server().endpoint() + "/console/app/app.js"))
                .PUT(HttpRequest.BodyPublishers.ofString("x"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(405);
  }
}
