package dev.dfs.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dfs.store.tier.Tier;
import dev.dfs.store.tier.TierKeys;
import dev.dfs.testing.DfsServerExtension;
import dev.dfs.testing.DfsTestServer;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /api/v1/tiers} against a real server, with a directory tier and a second in-process DFS
 * server as the S3 remote: create (verified first), list, get, verify, conflicts, a remote that
 * fails its probe, the secret never shown and sealed at rest, and removal refused while the tier
 * holds an object.
 */
class TiersApiTest {
  static final ObjectMapper JSON = new ObjectMapper();
  @RegisterExtension static final DfsServerExtension DFS = DfsServerExtension.local();
  @TempDir static Path temp;
  static DfsTestServer remote;
  static HttpClient http;

  @BeforeAll
  static void start() throws Exception {
    http = HttpClient.newHttpClient();
    remote = DfsTestServer.start(temp.resolve("remote"));
    remote.client().createBucket(b -> b.bucket("cold-store"));
  }

  @AfterAll
  static void stop() throws Exception {
    remote.close();
  }

  static HttpResponse<String> send(String method, String path, String body) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(DFS.server().endpoint() + "/api/v1" + path))
            .header("X-Api-Key", DfsTestServer.API_KEY)
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  static String dirTier(String name, String dir, String storageClass) {
    return JSON.createObjectNode()
        .put("name", name)
        .put("type", "directory")
        .put("path", temp.resolve(dir).toString())
        .set("storageClasses", JSON.createArrayNode().add(storageClass))
        .toString();
  }

  static String s3Tier(String name, String bucket, String storageClass) {
    return JSON.createObjectNode()
        .put("name", name)
        .put("type", "s3")
        .put("endpoint", remote.endpoint().toString())
        .put("bucket", bucket)
        .put("prefix", "site-a/")
        .put("region", "us-east-1")
        .put("accessKey", DfsTestServer.ACCESS_KEY)
        .put("secretKey", DfsTestServer.SECRET_KEY)
        .set("storageClasses", JSON.createArrayNode().add(storageClass))
        .toString();
  }

  @Test
  void definesListsVerifiesAndRemovesTiers() throws Exception {
    HttpResponse<String> dir = send("POST", "/tiers", dirTier("slow-disk", "slow", "STANDARD_IA"));
    assertThat(dir.statusCode()).as(dir.body()).isEqualTo(201);
    assertThat(JSON.readTree(dir.body()).at("/cost/perGibMonth").asDouble()).isEqualTo(0.0125);
    HttpResponse<String> s3 = send("POST", "/tiers", s3Tier("archive", "cold-store", "GLACIER"));
    assertThat(s3.statusCode()).as(s3.body()).isEqualTo(201);

    String listed = send("GET", "/tiers", null).body();
    assertThat(listed).doesNotContain(DfsTestServer.SECRET_KEY).contains("\"secretKey\":\"****\"");
    JsonNode tiers = JSON.readTree(listed).get("tiers");
    assertThat(tiers).extracting(t -> t.get("name").asText()).contains("slow-disk", "archive");
    JsonNode archive = JSON.readTree(send("GET", "/tiers/archive", null).body());
    assertThat(archive.get("prefix").asText()).isEqualTo("site-a/");
    assertThat(archive.get("type").asText()).isEqualTo("s3");
    JsonNode verified = JSON.readTree(send("POST", "/tiers/archive/verify", null).body());
    assertThat(verified.get("ok").asBoolean()).as(verified.toString()).isTrue();
    // the probe left nothing in the remote bucket
    assertThat(remote.client().listObjectsV2(l -> l.bucket("cold-store")).contents()).isEmpty();
    // the stored record holds the secret sealed only
    byte[] raw = DFS.server().store().systemTable("tiers").get("def/archive").orElseThrow();
    assertThat(new String(raw, StandardCharsets.UTF_8)).doesNotContain(DfsTestServer.SECRET_KEY);

    Tier tier = DFS.server().store().tiering().orElseThrow().tiers().tier("archive");
    String key = TierKeys.next();
    tier.write(key, new ByteArrayInputStream(new byte[] {1, 2, 3}), 3);
    HttpResponse<String> refused = send("DELETE", "/tiers/archive", null);
    assertThat(refused.statusCode()).isEqualTo(409);
    assertThat(refused.body()).contains("still holds objects");
    tier.delete(key);
    assertThat(send("DELETE", "/tiers/archive", null).statusCode()).isEqualTo(204);
    assertThat(send("DELETE", "/tiers/slow-disk", null).statusCode()).isEqualTo(204);
    assertThat(send("GET", "/tiers/archive", null).statusCode()).isEqualTo(404);
  }

  @Test
  void refusesConflictsBadBodiesAndUnreachableTiers() throws Exception {
    assertThat(send("POST", "/tiers", dirTier("ir", "ir", "GLACIER_IR")).statusCode())
        .isEqualTo(201);
    HttpResponse<String> taken = send("POST", "/tiers", dirTier("ir2", "ir2", "GLACIER_IR"));
    assertThat(taken.statusCode()).isEqualTo(409);
    assertThat(taken.body()).contains("GLACIER_IR is served by tier 'ir'");
    assertThat(send("POST", "/tiers", dirTier("ir", "ir3", "ONEZONE_IA")).statusCode())
        .isEqualTo(409);
    HttpResponse<String> bad = send("POST", "/tiers", dirTier("hot", "hot", "STANDARD"));
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.body()).contains("cannot serve storage class 'STANDARD'");
    assertThat(send("POST", "/tiers", "not json").statusCode()).isEqualTo(400);
    HttpResponse<String> unreachable =
        send("POST", "/tiers", s3Tier("deep", "no-such-bucket", "DEEP_ARCHIVE"));
    assertThat(unreachable.statusCode()).as(unreachable.body()).isEqualTo(502);
    assertThat(unreachable.body()).contains("TierUnreachable");
    assertThat(send("GET", "/tiers/deep", null).statusCode()).isEqualTo(404);
    assertThat(send("POST", "/tiers/nothing/verify", null).statusCode()).isEqualTo(404);
    assertThat(send("DELETE", "/tiers/ir", null).statusCode()).isEqualTo(204);
  }

  @Test
  void aCostWithoutStorageClassesIsABadRequest() throws Exception {
    // the cost fields default to the first class's: with no class that lookup once threw a
    // NullPointerException (a 500) instead of the definition's own refusal
    String body =
        JSON.createObjectNode()
            .put("name", "nocls")
            .put("type", "directory")
            .put("path", temp.resolve("nocls").toString())
            .set("cost", JSON.createObjectNode().put("perGibMonth", 0.001))
            .toString();
    HttpResponse<String> r = send("POST", "/tiers", body);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
    assertThat(r.body()).contains("at least one storage class");
  }
}
