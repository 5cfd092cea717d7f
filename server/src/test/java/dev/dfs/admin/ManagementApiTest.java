package dev.dfs.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dfs.auth.SigV4Authenticator;
import dev.dfs.auth.StaticCredentialStore;
import dev.dfs.observe.Observability;
import dev.dfs.testing.DfsServerExtension;
import dev.dfs.testing.DfsTestServer;
import dev.dfs.util.RequestIds;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The management API against a real server: every documented route answers what the OpenAPI
 * document says with and without a credential, the route table and the document match, Swagger UI
 * is served entirely by the server, the dashboard moves under load, and a recommendation appears
 * when its condition is made true.
 */
class ManagementApiTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String TOKEN = "metrics-token-0123456789";

  @RegisterExtension
  static final DfsServerExtension DFS = DfsServerExtension.local().management(settings(), true);

  static HttpClient http;
  static JsonNode openapi;
  static String kmsKeyId;

  static ManagementSettings settings() {
    return new ManagementSettings(
        List.of("https://console.example.com"),
        TOKEN,
        Map.of("DFS_ROOT_SECRET_KEY", "***"),
        List.of(DfsTestServer.rootIdentity()),
        Set.of("root"));
  }

  @BeforeAll
  static void start() throws Exception {
    http = HttpClient.newHttpClient();
    openapi = JSON.readTree(get("/api/v1/openapi.json", null).body());
    DFS.server().client().createBucket(b -> b.bucket("docs-bucket"));
    HttpResponse<String> kms =
        send("POST", "/api/v1/kms/keys", Map.of("X-Api-Key", DfsTestServer.API_KEY));
    assertThat(kms.statusCode()).as(kms.body()).isEqualTo(201);
    kmsKeyId = JSON.readTree(kms.body()).get("KeyId").asText();
    // a tier named as the example path parameter, so GET /api/v1/tiers/{name} answers 200
    DFS.server()
        .store()
        .tiering()
        .orElseThrow()
        .tiers()
        .create(
            new dev.dfs.store.tier.TierDefinition(
                "docs-bucket",
                dev.dfs.store.tier.TierDefinition.Kind.DIRECTORY,
                List.of("GLACIER_IR"),
                null,
                DFS.dataDir().resolve("docs-tier").toString(),
                null,
                null,
                null,
                null,
                null,
                null));
  }

  static HttpResponse<String> send(String method, String path, Map<String, String> headers)
      throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(DFS.server().endpoint() + path))
            .method(method, HttpRequest.BodyPublishers.noBody());
    headers.forEach(b::header);
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  static HttpResponse<String> get(String path, String apiKey) throws Exception {
    return send("GET", path, apiKey == null ? Map.of() : Map.of("X-Api-Key", apiKey));
  }

  static JsonNode adminJson(String path) throws Exception {
    HttpResponse<String> r = get(path, DfsTestServer.API_KEY);
    assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
    return JSON.readTree(r.body());
  }

  /** Routes that answer 404 NotACluster on this (local) engine. */
  static final Set<String> CLUSTER_ONLY =
      Set.of("/api/v1/cluster", "/api/v1/cluster/digest", "/api/v1/cluster/layout");

  /** Example concrete paths for each documented template. */
  static String concrete(String template) {
    return template
        .replace("{name}", "docs-bucket")
        .replace("{id}", "root")
        .replace("{accessKey}", DfsTestServer.ACCESS_KEY)
        .replace("{keyId}", "none")
        .replace("{kmsKey}", kmsKeyId)
        .replace("{file}", "swagger-ui.css");
  }

  @Test
  void everyRegisteredRouteIsDocumentedAndEveryDocumentedRouteExists() {
    AdminHandler handler =
        new AdminHandler(
            "test",
            java.time.Clock.systemUTC(),
            null,
            DFS.server().store(),
            new SigV4Authenticator(
                new StaticCredentialStore(List.of(), Map.of()), Clock.systemUTC(), false),
            Observability.disabled("local", "test"),
            ManagementSettings.defaults(),
            new RequestIds());
    Set<String> registered = new TreeSet<>(handler.routeSignatures());
    Set<String> documented = new TreeSet<>();
    openapi
        .get("paths")
        .properties()
        .iterator()
        .forEachRemaining(
            p ->
                p.getValue()
                    .fieldNames()
                    .forEachRemaining(
                        m ->
                            documented.add(
                                m.toUpperCase(java.util.Locale.ROOT) + " " + p.getKey())));
    assertThat(documented).isEqualTo(registered);
  }

  @Test
  void everyDocumentedGetAnswersItsDocumentedStatusAndShapeWithAndWithoutCredentials()
      throws Exception {
    Iterator<Map.Entry<String, JsonNode>> paths = openapi.get("paths").properties().iterator();
    while (paths.hasNext()) {
      Map.Entry<String, JsonNode> p = paths.next();
      JsonNode op = p.getValue().get("get");
      if (op == null) continue;
      String path = concrete(p.getKey());
      boolean isPublic = op.has("security") && op.get("security").size() == 0;
      boolean isMetrics = p.getKey().equals("/metrics");
      HttpResponse<String> anon = get(path, null);
      if (isPublic) {
        assertThat(anon.statusCode()).as(path).isEqualTo(200);
      } else {
        assertThat(anon.statusCode()).as(path).isEqualTo(401);
        assertThat(op.get("responses").has("401")).as(path + " documents 401").isTrue();
        JsonNode err = JSON.readTree(anon.body());
        assertThat(err.has("code") && err.has("message") && err.has("requestId"))
            .as(anon.body())
            .isTrue();
      }
      HttpResponse<String> ok =
          isMetrics
              ? send("GET", path, Map.of("Authorization", "Bearer " + TOKEN))
              : get(path, DfsTestServer.API_KEY);
      if (CLUSTER_ONLY.contains(p.getKey())) { // its 200 is pinned in ClusterApiTest
        assertThat(ok.statusCode()).as(path + ": " + ok.body()).isEqualTo(404);
        assertThat(op.get("responses").has("404")).as(path + " documents 404").isTrue();
        continue;
      }
      assertThat(ok.statusCode()).as(path + ": " + ok.body()).isEqualTo(200);
      JsonNode content = op.get("responses").get("200").get("content");
      String ctype = content.fieldNames().next();
      if (ctype.equals("application/json")) {
        assertThat(ok.headers().firstValue("Content-Type").orElse(""))
            .startsWith("application/json");
        checkRequired(path, resolve(content.get(ctype).get("schema")), JSON.readTree(ok.body()));
      }
    }
  }

  /** Every required property of the schema is present, recursively through objects. */
  private static void checkRequired(String where, JsonNode schema, JsonNode value) {
    if (schema.has("required")) {
      for (JsonNode r : schema.get("required")) {
        assertThat(value.has(r.asText()))
            .as(where + " has '" + r.asText() + "' in " + value)
            .isTrue();
        JsonNode prop = schema.get("properties").get(r.asText());
        JsonNode v = value.get(r.asText());
        if (prop != null && v.isObject()) checkRequired(where + "." + r.asText(), resolve(prop), v);
      }
    }
  }

  private static JsonNode resolve(JsonNode schema) {
    if (schema.has("$ref")) {
      String name = schema.get("$ref").asText().substring("#/components/schemas/".length());
      return openapi.get("components").get("schemas").get(name);
    }
    return schema;
  }

  @Test
  void sigV4OfTheRootUserIsAnAdminCredential() throws Exception {
    String empty = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    SdkHttpRequest request =
        SdkHttpRequest.builder()
            .method(SdkHttpMethod.GET)
            .uri(URI.create(DFS.server().endpoint() + "/api/v1/info"))
            .putHeader("x-amz-content-sha256", empty)
            .build();
    SdkHttpRequest signed =
        AwsV4HttpSigner.create()
            .sign(
                r ->
                    r.identity(
                            AwsCredentialsIdentity.create(
                                DfsTestServer.ACCESS_KEY, DfsTestServer.SECRET_KEY))
                        .request(request)
                        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "s3")
                        .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1"))
            .request();
    Map<String, String> headers = new java.util.HashMap<>();
    signed
        .headers()
        .forEach(
            (k, v) -> {
              if (!k.equalsIgnoreCase("Host")) headers.put(k, v.get(0));
            });
    HttpResponse<String> ok = send("GET", "/api/v1/info", headers);
    assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
    headers.put(
        "Authorization",
        headers
            .get("Authorization")
            .replaceAll("Signature=[0-9a-f]+", "Signature=" + "0".repeat(64)));
    assertThat(send("GET", "/api/v1/info", headers).statusCode()).isEqualTo(401);
  }

  @Test
  void healthAndReadinessNeedNoCredential() throws Exception {
    assertThat(JSON.readTree(get("/api/v1/health", null).body()).get("status").asText())
        .isEqualTo("ok");
    JsonNode ready = JSON.readTree(get("/api/v1/ready", null).body());
    assertThat(ready.get("status").asText()).isEqualTo("ready");
    assertThat(ready.at("/checks/store/ok").asBoolean()).isTrue();
  }

  @Test
  void theLocalEngineIsNotAClusterAndShowsNothingOfOne() throws Exception {
    HttpResponse<String> cluster = get("/api/v1/cluster", DfsTestServer.API_KEY);
    assertThat(cluster.statusCode()).isEqualTo(404);
    JsonNode err = JSON.readTree(cluster.body());
    assertThat(err.get("code").asText()).isEqualTo("NotACluster");
    assertThat(err.get("message").asText()).contains("local").contains("not a cluster");
    assertThat(err.get("requestId").asText()).isNotEmpty();
    String metrics = send("GET", "/metrics", Map.of("Authorization", "Bearer " + TOKEN)).body();
    assertThat(metrics).contains("dfs_info").doesNotContain("dfs_cluster_");
    assertThat(JSON.readTree(get("/api/v1/ready", null).body()).get("checks").has("cluster"))
        .isFalse();
  }

  @Test
  void wrongKeyIs401AndUnknownRouteIs404AndWrongMethodIs405() throws Exception {
    assertThat(get("/api/v1/info", "not-a-key").statusCode()).isEqualTo(401);
    HttpResponse<String> missing = get("/api/v1/nothing", DfsTestServer.API_KEY);
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(JSON.readTree(missing.body()).get("requestId").asText()).isNotEmpty();
    assertThat(
            send("POST", "/api/v1/buckets", Map.of("X-Api-Key", DfsTestServer.API_KEY))
                .statusCode())
        .isEqualTo(405);
    assertThat(get("/api/v1/buckets/no-such-bucket", DfsTestServer.API_KEY).statusCode())
        .isEqualTo(404);
  }

  @Test
  void infoMasksSecretsAndRootIsListedFirstWithoutSecrets() throws Exception {
    String info = get("/api/v1/info", DfsTestServer.API_KEY).body();
    assertThat(info).doesNotContain(DfsTestServer.SECRET_KEY).doesNotContain(DfsTestServer.API_KEY);
    JsonNode users = adminJson("/api/v1/users");
    assertThat(users.at("/users/0/id").asText()).isEqualTo("root");
    assertThat(users.at("/users/0/admin").asBoolean()).isTrue();
    String keys = get("/api/v1/keys", DfsTestServer.API_KEY).body();
    assertThat(keys)
        .contains(DfsTestServer.ACCESS_KEY)
        .doesNotContain(DfsTestServer.API_KEY)
        .doesNotContain(DfsTestServer.SECRET_KEY);
  }

  @Test
  void deleteBucketNeedsForceWhenNotEmpty() throws Exception {
    S3Client s3 = DFS.server().client();
    s3.createBucket(b -> b.bucket("doomed"));
    s3.putObject(b -> b.bucket("doomed").key("a"), RequestBody.fromString("x"));
    Map<String, String> key = Map.of("X-Api-Key", DfsTestServer.API_KEY);
    assertThat(send("DELETE", "/api/v1/buckets/doomed", key).statusCode()).isEqualTo(409);
    assertThat(send("DELETE", "/api/v1/buckets/doomed?force=maybe", key).statusCode())
        .isEqualTo(422);
    HttpResponse<String> gone = send("DELETE", "/api/v1/buckets/doomed?force=true", key);
    assertThat(gone.statusCode()).as(gone.body()).isEqualTo(200);
    assertThat(JSON.readTree(gone.body()).get("objectsDeleted").asLong()).isEqualTo(1);
    assertThat(get("/api/v1/buckets/doomed", DfsTestServer.API_KEY).statusCode()).isEqualTo(404);
  }

  @Test
  void swaggerUiIsServedEntirelyByTheServer() throws Exception {
    HttpResponse<String> page = get("/api/v1/docs", null);
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body())
        .doesNotContain("http://")
        .doesNotContain("https://")
        .doesNotContain("//cdn");
    Matcher m = Pattern.compile("(?:src|href)=\"([^\"]+)\"").matcher(page.body());
    List<String> assets = new ArrayList<>();
    while (m.find()) assets.add(m.group(1));
    assertThat(assets).contains("/api/v1/docs/swagger-ui-bundle.js", "/api/v1/docs/swagger-ui.css");
    for (String a : assets) {
      HttpResponse<String> r = get(a, null);
      assertThat(r.statusCode()).as(a).isEqualTo(200);
      assertThat(r.body()).as(a).isNotEmpty();
    }
    assertThat(get("/api/v1/docs/dfs-init.js", null).body())
        .contains("/api/v1/openapi.json")
        .contains("validatorUrl: null");
    assertThat(get("/api/v1/docs/..%2Fpom.xml", null).statusCode()).isEqualTo(404);
  }

  @Test
  void corsEchoesConfiguredOriginsOnly() throws Exception {
    HttpResponse<String> pre =
        send(
            "OPTIONS",
            "/api/v1/info",
            Map.of(
                "Origin", "https://console.example.com", "Access-Control-Request-Method", "GET"));
    assertThat(pre.statusCode()).isEqualTo(204);
    assertThat(pre.headers().firstValue("Access-Control-Allow-Origin"))
        .hasValue("https://console.example.com");
    assertThat(pre.headers().firstValue("Access-Control-Allow-Headers").orElse(""))
        .contains("X-Api-Key");
    HttpResponse<String> other =
        send("GET", "/api/v1/health", Map.of("Origin", "https://evil.example"));
    assertThat(other.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
  }

  @Test
  void metricsNeedTheTokenWhenOneIsConfigured() throws Exception {
    assertThat(get("/metrics", null).statusCode()).isEqualTo(401);
    assertThat(send("GET", "/metrics", Map.of("Authorization", "Bearer wrong")).statusCode())
        .isEqualTo(401);
    HttpResponse<String> ok = send("GET", "/metrics", Map.of("Authorization", "Bearer " + TOKEN));
    assertThat(ok.statusCode()).isEqualTo(200);
    assertThat(ok.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
    assertThat(ok.body())
        .contains(
            "dfs_s3_requests_total{",
            "dfs_s3_request_duration_seconds_bucket{",
            "dfs_s3_bytes_received_total",
            "dfs_s3_bytes_sent_total",
            "dfs_s3_requests_in_flight",
            "dfs_storage_used_bytes",
            "dfs_storage_capacity_bytes",
            "dfs_buckets",
            "dfs_objects",
            "dfs_rocksdb_estimated_keys",
            "jvm_memory_used_bytes",
            "engine=\"local\"");
  }

  @Test
  void dashboardMovesUnderLoad() throws Exception {
    JsonNode before = adminJson("/api/v1/metrics/dashboard");
    S3Client s3 = DFS.server().client();
    s3.createBucket(b -> b.bucket("load"));
    byte[] body = new byte[4096];
    for (int i = 0; i < 20; i++) {
      s3.putObject(b -> b.bucket("load").key("k" + System.nanoTime()), RequestBody.fromBytes(body));
    }
    JsonNode after = adminJson("/api/v1/metrics/dashboard");
    assertThat(after.at("/storage/object_count").asLong())
        .isGreaterThanOrEqualTo(before.at("/storage/object_count").asLong() + 20);
    assertThat(after.at("/storage/bytes_in").asLong())
        .isGreaterThanOrEqualTo(before.at("/storage/bytes_in").asLong() + 20 * 4096);
    assertThat(after.at("/requests/total").asLong())
        .isGreaterThan(before.at("/requests/total").asLong());
    assertThat(after.at("/requests/rate_per_s").asDouble()).isGreaterThan(0);
    assertThat(after.at("/requests/latency_ms/PutObject/p99").asDouble()).isGreaterThan(0);
    assertThat(after.at("/storage/total_capacity_gb").asDouble()).isGreaterThan(0);
    JsonNode bucket = adminJson("/api/v1/buckets/load");
    assertThat(bucket.get("objectCount").asLong()).isEqualTo(20);
    assertThat(bucket.get("bytes").asLong()).isEqualTo(20 * 4096);
  }

  @Test
  void clockSkewRejectionRaisesARecommendation() throws Exception {
    HttpResponse<String> skewed =
        send(
            "GET",
            "/docs-bucket",
            Map.of(
                "X-Amz-Date", "20200101T000000Z",
                "X-Amz-Content-Sha256", "UNSIGNED-PAYLOAD",
                "Authorization",
                    "AWS4-HMAC-SHA256 Credential="
                        + DfsTestServer.ACCESS_KEY
                        + "/20200101/us-east-1/s3/aws4_request, SignedHeaders=host;x-amz-date,"
                        + " Signature=0000000000000000000000000000000000000000000000000000000000000000"));
    assertThat(skewed.body()).contains("RequestTimeTooSkewed");
    JsonNode recs = adminJson("/api/v1/metrics/dashboard").get("recommendations");
    assertThat(recs.findValuesAsText("category")).contains("security");
  }
}
