package dev.dfs.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dfs.testing.DfsServerExtension;
import dev.dfs.testing.DfsTestServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Users, access keys and API keys through the management API against a real server, and what they
 * mean for authentication: a created key signs S3 requests with the AWS SDK; an inactive key, a
 * disabled user's key, a deleted key and a removed user's key do not (403 InvalidAccessKeyId).
 * Authorization is not tested here: any authenticated user may do anything.
 */
class IdentityApiTest {
  static final ObjectMapper JSON = new ObjectMapper();

  @RegisterExtension
  static final DfsServerExtension DFS =
      DfsServerExtension.local()
          .management(ManagementSettings.defaults().withIdentityStore(null), true);

  static HttpClient http;

  @BeforeAll
  static void start() throws Exception {
    http = HttpClient.newHttpClient();
  }

  static HttpResponse<String> call(String method, String path, String body) throws Exception {
    return call(method, path, body, DfsTestServer.API_KEY);
  }

  static HttpResponse<String> call(String method, String path, String body, String apiKey)
      throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(DFS.server().endpoint() + path))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (apiKey != null) b.header("X-Api-Key", apiKey);
    if (body != null) b.header("Content-Type", "application/json");
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  static JsonNode ok(int status, HttpResponse<String> r) throws Exception {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
    return r.body().isEmpty() ? null : JSON.readTree(r.body());
  }

  static void error(int status, String code, HttpResponse<String> r) throws Exception {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
    JsonNode e = JSON.readTree(r.body());
    assertThat(e.get("code").asText()).isEqualTo(code);
    assertThat(e.has("message") && e.has("requestId")).isTrue();
  }

  static void refused(S3Client client) {
    assertThatThrownBy(client::listBuckets)
        .isInstanceOfSatisfying(
            S3Exception.class,
            e -> {
              assertThat(e.statusCode()).isEqualTo(403);
              assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidAccessKeyId");
            });
  }

  @Test
  void usersAreAddedShownAndRemoved() throws Exception {
    JsonNode u =
        ok(
            201,
            call(
                "POST",
                "/api/v1/users",
                "{\"name\":\"carol\",\"policy\":{\"Version\":\"2012-10-17\",\"Statement\":[]}}"));
    assertThat(u.get("name").asText()).isEqualTo("carol");
    assertThat(u.get("enabled").asBoolean()).isTrue();
    assertThat(u.at("/policy/Version").asText()).isEqualTo("2012-10-17");
    error(409, "Conflict", call("POST", "/api/v1/users", "{\"name\":\"carol\"}"));
    error(409, "Conflict", call("POST", "/api/v1/users", "{\"name\":\"root\"}"));
    error(400, "InvalidRequest", call("POST", "/api/v1/users", "{\"name\":\"a/b\"}"));
    error(400, "InvalidRequest", call("POST", "/api/v1/users", "{\"nom\":\"x\"}"));
    error(400, "InvalidRequest", call("POST", "/api/v1/users", "not json"));
    error(400, "InvalidRequest", call("POST", "/api/v1/users", "{\"name\":\"d\",\"policy\":[1]}"));
    error(
        413,
        "BodyTooLarge",
        call("POST", "/api/v1/users", "{\"name\":\"" + "x".repeat(70_000) + "\"}"));

    JsonNode list = ok(200, call("GET", "/api/v1/users", null));
    assertThat(list.at("/users/0/name").asText()).isEqualTo("root");
    assertThat(list.findValuesAsText("name")).contains("carol");
    assertThat(ok(200, call("GET", "/api/v1/users/carol", null)).get("source").asText())
        .isEqualTo(IdentityViews.STORED);
    error(404, "NoSuchUser", call("GET", "/api/v1/users/nobody", null));

    // the policy body is kept verbatim
    String doc = "{ \"Version\": \"2012-10-17\",\n  \"Statement\": [ {\"Effect\":\"Allow\"} ] }";
    ok(200, call("PUT", "/api/v1/users/carol/policy", doc));
    assertThat(DFS.server().identities().user("carol").orElseThrow().policy()).isEqualTo(doc);
    error(400, "InvalidRequest", call("PUT", "/api/v1/users/carol/policy", "[]"));
    error(404, "NoSuchUser", call("PUT", "/api/v1/users/nobody/policy", "{}"));
    error(409, "Conflict", call("PUT", "/api/v1/users/root/policy", "{}"));
    assertThat(ok(200, call("DELETE", "/api/v1/users/carol/policy", null)).get("policy").isNull())
        .isTrue();

    ok(204, call("DELETE", "/api/v1/users/carol", null));
    error(404, "NoSuchUser", call("DELETE", "/api/v1/users/carol", null));
    error(409, "Conflict", call("DELETE", "/api/v1/users/root", null));
    error(409, "Conflict", call("PATCH", "/api/v1/users/root", "{\"enabled\":false}"));
  }

  @Test
  void aCreatedKeySignsRequestsUntilItIsDisabledOrDeleted() throws Exception {
    ok(201, call("POST", "/api/v1/users", "{\"name\":\"alice\"}"));
    JsonNode k = ok(201, call("POST", "/api/v1/users/alice/keys", null));
    String id = k.get("accessKeyId").asText();
    String secret = k.get("secretKey").asText();
    assertThat(id).matches("[A-Z0-9]{20}");
    assertThat(secret).hasSize(40);
    assertThat(k.get("status").asText()).isEqualTo("Active");

    // the secret is never shown again
    for (String path : new String[] {"/api/v1/keys", "/api/v1/users", "/api/v1/users/alice"}) {
      String body = ok(200, call("GET", path, null)).toString();
      assertThat(body).as(path).contains(id).doesNotContain(secret);
    }

    S3Client alice = DFS.server().client(id, secret);
    alice.createBucket(b -> b.bucket("alice-bucket"));
    assertThat(alice.listBuckets().buckets()).extracting(b -> b.name()).contains("alice-bucket");

    assertThat(
            ok(200, call("PATCH", "/api/v1/keys/" + id, "{\"status\":\"Inactive\"}"))
                .get("status")
                .asText())
        .isEqualTo("Inactive");
    refused(alice);
    ok(200, call("PATCH", "/api/v1/keys/" + id, "{\"status\":\"active\"}"));
    alice.listBuckets();
    error(400, "InvalidRequest", call("PATCH", "/api/v1/keys/" + id, "{\"status\":\"Maybe\"}"));

    assertThat(
            ok(200, call("PATCH", "/api/v1/users/alice", "{\"enabled\":false}"))
                .get("enabled")
                .asBoolean())
        .isFalse();
    refused(alice);
    ok(200, call("PATCH", "/api/v1/users/alice", "{\"enabled\":true}"));
    alice.listBuckets();

    ok(204, call("DELETE", "/api/v1/keys/" + id, null));
    refused(alice);
    error(404, "NoSuchKey", call("DELETE", "/api/v1/keys/" + id, null));
    error(404, "NoSuchKey", call("PATCH", "/api/v1/keys/NOSUCHKEY", "{\"status\":\"Active\"}"));
    error(409, "Conflict", call("DELETE", "/api/v1/keys/" + DfsTestServer.ACCESS_KEY, null));
    error(409, "Conflict", call("POST", "/api/v1/users/root/keys", null));
    error(404, "NoSuchUser", call("POST", "/api/v1/users/nobody/keys", null));

    // removing the user removes its keys
    JsonNode k2 = ok(201, call("POST", "/api/v1/users/alice/keys", null));
    S3Client again =
        DFS.server().client(k2.get("accessKeyId").asText(), k2.get("secretKey").asText());
    again.listBuckets();
    ok(204, call("DELETE", "/api/v1/users/alice", null));
    refused(again);
    assertThat(call("GET", "/api/v1/keys", null).body())
        .doesNotContain(k2.get("accessKeyId").asText());
  }

  @Test
  void apiKeysAuthenticateTheirUserAndAreShownByTheirLastFourOnly() throws Exception {
    ok(201, call("POST", "/api/v1/users", "{\"name\":\"bob\"}"));
    JsonNode a = ok(201, call("POST", "/api/v1/users/bob/api-keys", null));
    String key = a.get("apiKey").asText();
    String keyId = a.get("id").asText();
    assertThat(a.get("lastFour").asText()).isEqualTo(key.substring(key.length() - 4));

    String listed = ok(200, call("GET", "/api/v1/api-keys", null)).toString();
    assertThat(listed).contains(keyId).doesNotContain(key);
    assertThat(call("GET", "/api/v1/keys", null).body()).contains(keyId).doesNotContain(key);

    // an S3 request with bob's API key is authenticated; the management API wants an admin
    HttpResponse<String> s3 =
        http.send(
            HttpRequest.newBuilder(URI.create(DFS.server().endpoint() + "/"))
                .header("X-Api-Key", key)
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(s3.statusCode()).as(s3.body()).isEqualTo(200);
    error(403, "Forbidden", call("GET", "/api/v1/users", null, key));

    ok(204, call("DELETE", "/api/v1/api-keys/" + keyId, null));
    error(404, "NoSuchKey", call("DELETE", "/api/v1/api-keys/" + keyId, null));
    HttpResponse<String> gone =
        http.send(
            HttpRequest.newBuilder(URI.create(DFS.server().endpoint() + "/"))
                .header("X-Api-Key", key)
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(gone.statusCode()).isEqualTo(403);
    assertThat(gone.body()).contains("InvalidAccessKeyId");
    error(409, "Conflict", call("POST", "/api/v1/users/root/api-keys", null));
  }

  @Test
  void everyIdentityRouteNeedsAnAdmin() throws Exception {
    String[][] routes = {
      {"POST", "/api/v1/users"},
      {"PATCH", "/api/v1/users/x"},
      {"DELETE", "/api/v1/users/x"},
      {"PUT", "/api/v1/users/x/policy"},
      {"POST", "/api/v1/users/x/keys"},
      {"POST", "/api/v1/users/x/api-keys"},
      {"PATCH", "/api/v1/keys/x"},
      {"DELETE", "/api/v1/keys/x"},
      {"GET", "/api/v1/api-keys"},
      {"DELETE", "/api/v1/api-keys/x"}
    };
    for (String[] r : routes) {
      error(401, "Unauthorized", call(r[0], r[1], "{}", null));
    }
  }
}
