package dev.dfs.s3;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Unsigned HTTP requests against a test server that allows anonymous access: for what an SDK will
 * not send (malformed bodies, bogus parameters) and for looking at the wire form (encoded keys,
 * headers, element order).
 */
final class RawHttp {
  private final URI endpoint;
  private final HttpClient http =
      HttpClient.newBuilder()
          .connectTimeout(Duration.ofSeconds(10))
          .version(HttpClient.Version.HTTP_1_1)
          .build();

  RawHttp(URI endpoint) {
    this.endpoint = endpoint;
  }

  /** {@code pathAndQuery} is sent as written: escape it yourself. */
  HttpResponse<String> send(String method, String pathAndQuery, String body)
      throws IOException, InterruptedException {
    HttpRequest.BodyPublisher publisher =
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body);
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(endpoint + pathAndQuery))
            .method(method, publisher)
            .timeout(Duration.ofSeconds(30))
            .build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> get(String pathAndQuery) throws IOException, InterruptedException {
    return send("GET", pathAndQuery, null);
  }
}
