package dev.dfs.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/** {@link AdminClient} over the management API ({@code X-Api-Key} of an admin). */
final class HttpAdminClient implements AdminClient {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final URI endpoint;
  private final String apiKey;
  private final HttpClient http;

  HttpAdminClient(URI endpoint, String apiKey, AdminTls tls) {
    this.endpoint = endpoint;
    this.apiKey = apiKey;
    HttpClient.Builder b = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10));
    if (tls.trustManagers() != null) b.sslContext(tls.context());
    this.http = b.build();
  }

  @Override
  public JsonNode info() {
    return call("GET", "/info", null);
  }

  @Override
  public JsonNode ready() {
    return call("GET", "/ready", null, true);
  }

  @Override
  public JsonNode buckets() {
    return call("GET", "/buckets", null);
  }

  @Override
  public JsonNode bucket(String name) {
    return call("GET", "/buckets/" + enc(name), null);
  }

  @Override
  public JsonNode deleteBucket(String name, boolean force) {
    return call("DELETE", "/buckets/" + enc(name) + (force ? "?force=true" : ""), null);
  }

  @Override
  public JsonNode quota(String bucket) {
    return call("GET", "/buckets/" + enc(bucket) + "/quota", null);
  }

  @Override
  public JsonNode setQuota(String bucket, @Nullable Long maxBytes, Long maxObjects) {
    var body = JSON.createObjectNode();
    body.put("maxBytes", maxBytes);
    body.put("maxObjects", maxObjects);
    return call("PUT", "/buckets/" + enc(bucket) + "/quota", body.toString());
  }

  @Override
  public JsonNode tieringOverrides(String bucket, String method, @Nullable String body) {
    return call(method, "/buckets/" + enc(bucket) + "/tiering", body);
  }

  @Override
  public JsonNode clearQuota(String bucket) {
    return call("DELETE", "/buckets/" + enc(bucket) + "/quota", null);
  }

  @Override
  public JsonNode users() {
    return call("GET", "/users", null);
  }

  @Override
  public JsonNode user(String name) {
    return call("GET", "/users/" + enc(name), null);
  }

  @Override
  public JsonNode addUser(String name, @Nullable String policy) {
    var body = JSON.createObjectNode().put("name", name);
    if (policy != null) body.put("policy", policy);
    return call("POST", "/users", body.toString());
  }

  @Override
  public void removeUser(String name) {
    call("DELETE", "/users/" + enc(name), null);
  }

  @Override
  public JsonNode setUserEnabled(String name, boolean enabled) {
    return call(
        "PATCH", "/users/" + enc(name), JSON.createObjectNode().put("enabled", enabled).toString());
  }

  @Override
  public JsonNode setPolicy(String name, @Nullable String policy) {
    return policy == null
        ? call("DELETE", "/users/" + enc(name) + "/policy", null)
        : call("PUT", "/users/" + enc(name) + "/policy", policy);
  }

  @Override
  public JsonNode createKey(String user) {
    return call("POST", "/users/" + enc(user) + "/keys", null);
  }

  @Override
  public JsonNode keys() {
    return call("GET", "/keys", null);
  }

  @Override
  public JsonNode setKeyStatus(String accessKeyId, String status) {
    return call(
        "PATCH",
        "/keys/" + enc(accessKeyId),
        JSON.createObjectNode().put("status", status).toString());
  }

  @Override
  public void deleteKey(String accessKeyId) {
    call("DELETE", "/keys/" + enc(accessKeyId), null);
  }

  @Override
  public JsonNode createApiKey(String user) {
    return call("POST", "/users/" + enc(user) + "/api-keys", null);
  }

  @Override
  public JsonNode apiKeys() {
    return call("GET", "/api-keys", null);
  }

  @Override
  public void deleteApiKey(String id) {
    call("DELETE", "/api-keys/" + enc(id), null);
  }

  @Override
  public JsonNode cluster() {
    return call("GET", "/cluster", null);
  }

  @Override
  public JsonNode kmsKey(String ref, @Nullable String action) {
    String path = "/kms/keys/" + enc(ref);
    return action == null ? call("GET", path, null) : call("POST", path + "/" + action, null);
  }

  @Override
  public JsonNode kmsKeys() {
    return call("GET", "/kms/keys", null);
  }

  @Override
  public JsonNode createKmsKey(String alias, String description) {
    var body = JSON.createObjectNode();
    if (alias != null) body.put("alias", alias);
    if (description != null) body.put("description", description);
    return call("POST", "/kms/keys", body.toString());
  }

  @Override
  public JsonNode masterKey(boolean rotate) {
    return rotate
        ? call("POST", "/kms/master-key/rotate", null)
        : call("GET", "/kms/master-key", null);
  }

  @Override
  public JsonNode tiers(String method, String path, @Nullable String body) {
    return call(method, "/tiers" + path, body);
  }

  @Override
  public JsonNode clusterChange(String method, String path) {
    return call(method, "/cluster" + path, null);
  }

  @Override
  public JsonNode clusterLayout(String method, @Nullable String body) {
    return call(method, "/cluster/layout", body);
  }

  @Override
  public void close() {
    http.close();
  }

  /**
   * {@code GET /api/v1} + {@code path} as a stream (a backup archive), without a time limit on the
   * body; an error answer is thrown as an AdminFailure like {@link #call}'s.
   */
  InputStream download(String path) {
    HttpRequest request =
        HttpRequest.newBuilder(endpoint.resolve("/api/v1" + path))
            .header("X-Api-Key", apiKey)
            .GET()
            .build();
    HttpResponse<InputStream> r;
    try {
      r = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
    } catch (ConnectException e) {
      throw new AdminFailure("cannot connect to " + endpoint + ": is the server running?");
    } catch (IOException e) {
      throw new AdminFailure("request to " + endpoint + " failed: " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AdminFailure("interrupted");
    }
    if (r.statusCode() < 300) return r.body();
    String message = "HTTP " + r.statusCode();
    try (InputStream in = r.body()) {
      JsonNode json = JSON.readTree(in.readNBytes(64 * 1024));
      if (json != null && json.has("message")) {
        message = json.path("code").asText() + ": " + json.get("message").asText();
      }
    } catch (IOException e) {
      // no JSON error body: the status says it
    }
    throw new AdminFailure(message);
  }

  private JsonNode call(String method, String path, @Nullable String body) {
    return call(method, path, body, false);
  }

  /**
   * @param anyStatus whether an error status answers its JSON body instead of failing
   * @return the answer's JSON, or a JSON null for an empty answer (204 No Content)
   */
  private JsonNode call(String method, String path, @Nullable String body, boolean anyStatus) {
    URI uri = endpoint.resolve("/api/v1" + path);
    HttpRequest.Builder b =
        HttpRequest.newBuilder(uri)
            .timeout(Duration.ofSeconds(60))
            .header("X-Api-Key", apiKey)
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    if (body != null) b.header("Content-Type", "application/json");
    HttpResponse<String> r;
    try {
      r = http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (javax.net.ssl.SSLHandshakeException e) {
      throw new AdminFailure(
          "TLS handshake with "
              + endpoint
              + " failed: "
              + e.getMessage()
              + " (give --ca-bundle FILE with the CA that signed the server's certificate)");
    } catch (ConnectException e) {
      throw new AdminFailure(
          "cannot connect to "
              + endpoint
              + ": is the server running?"
              + " (set --endpoint, or use --offline --data-dir DIR while it is stopped)");
    } catch (IOException e) {
      throw new AdminFailure("request to " + endpoint + " failed: " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AdminFailure("interrupted");
    }
    JsonNode json = null;
    try {
      json = r.body().isEmpty() ? null : JSON.readTree(r.body());
    } catch (IOException e) {
      if (r.statusCode() < 300) throw new AdminFailure(uri + " did not answer JSON");
    }
    if (r.statusCode() >= 300 && !(anyStatus && json != null)) {
      String message =
          json != null && json.has("message")
              ? json.get("message").asText()
              : "HTTP " + r.statusCode();
      String code = json != null && json.has("code") ? json.get("code").asText() + ": " : "";
      if (r.statusCode() == 401) {
        message +=
            " (give an admin API key with --api-key or DFS_API_KEY, or --data-dir of the"
                + " server to read root's)";
      }
      throw new AdminFailure(code + message);
    }
    return json == null ? com.fasterxml.jackson.databind.node.NullNode.getInstance() : json;
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
