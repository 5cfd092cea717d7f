package dev.dfs.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dfs.store.ClusterStatus;
import dev.dfs.store.local.LocalStore;
import dev.dfs.testing.DfsTestServer;
import dev.dfs.testing.SettableClusterView;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What a cluster node shows above its engine, on an in-process local server whose store offers a
 * {@link SettableClusterView}: {@code GET /api/v1/cluster} (every field, admins only, as the
 * OpenAPI document requires), the {@code dfs_cluster_*} metrics with their values, and readiness
 * that fails out of quorum while liveness does not. The local engine's answers without a cluster
 * are pinned in {@link ManagementApiTest}.
 */
class ClusterApiTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final Instant NOW = Instant.parse("2026-12-03T12:00:00Z");
  static final SettableClusterView VIEW =
      new SettableClusterView(SettableClusterView.threeNodes(NOW));
  static Path dataDir;
  static DfsTestServer server;
  static HttpClient http;

  @BeforeAll
  static void start() throws Exception {
    dataDir = Files.createTempDirectory("dfs-cluster-api");
    server = DfsTestServer.start(SettableClusterView.offeredBy(LocalStore.open(dataDir), VIEW));
    http = HttpClient.newHttpClient();
  }

  @AfterAll
  static void stop() throws Exception {
    try {
      if (server != null) server.close();
    } finally {
      if (http != null) http.close();
      DfsTestServer.deleteTree(dataDir);
    }
  }

  @BeforeEach
  void reset() {
    VIEW.status(SettableClusterView.threeNodes(NOW));
    VIEW.inQuorum(true);
    VIEW.digest(Optional.empty());
  }

  @Test
  void membershipChangesReachTheClusterAdminAndRefusalsKeepTheirReason() throws Exception {
    dev.dfs.testing.RecordingClusterAdmin admin = new dev.dfs.testing.RecordingClusterAdmin();
    VIEW.admin(admin);
    try {
      assertThat(send("POST", "/api/v1/cluster/members/n3/promote", null).statusCode())
          .isEqualTo(401);
      HttpResponse<String> r =
          send("POST", "/api/v1/cluster/members/n3/promote", DfsTestServer.API_KEY);
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(JSON.readTree(r.body()).get("operation").asText()).isEqualTo("promote");
      r = send("DELETE", "/api/v1/cluster/members/n1", DfsTestServer.API_KEY);
      assertThat(r.statusCode()).isEqualTo(409);
      assertThat(JSON.readTree(r.body()).get("code").asText()).isEqualTo("MembershipConflict");
      assertThat(JSON.readTree(r.body()).get("message").asText())
          .contains("transfer leadership first");
      assertThat(send("DELETE", "/api/v1/cluster/members/n9", DfsTestServer.API_KEY).statusCode())
          .isEqualTo(404);
      assertThat(send("DELETE", "/api/v1/cluster/members/n2", DfsTestServer.API_KEY).statusCode())
          .isEqualTo(200);
      r = send("POST", "/api/v1/cluster/transfer-leader", DfsTestServer.API_KEY);
      assertThat(JSON.readTree(r.body()).get("nodeId").asText()).isEqualTo("n2");
      send("POST", "/api/v1/cluster/transfer-leader?node=n3", DfsTestServer.API_KEY);
      assertThat(admin.calls)
          .containsExactly("promote n3", "remove n2", "transfer -", "transfer n3");
    } finally {
      VIEW.admin(null);
    }
  }

  @Test
  void layoutIsShownStagedAppliedAndRevertedAsDocumented() throws Exception {
    dev.dfs.testing.RecordingClusterAdmin admin = new dev.dfs.testing.RecordingClusterAdmin();
    VIEW.admin(admin);
    try {
      JsonNode openapi = JSON.readTree(get("/api/v1/openapi.json", null).body());
      JsonNode schemas = openapi.at("/components/schemas");
      HttpResponse<String> r = get("/api/v1/cluster/layout", DfsTestServer.API_KEY);
      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
      JsonNode l = JSON.readTree(r.body());
      requireAll(schemas.get("ClusterLayout"), l);
      requireAll(schemas.get("ClusterRebalance"), l.get("rebalance"));
      for (JsonNode n : l.get("staged")) requireAll(schemas.get("ClusterLayoutNode"), n);
      assertThat(l.at("/moves/byLink/0/to").asText()).isEqualTo("n4");
      assertThat(l.at("/rebalance/bytesToGo").asLong()).isEqualTo(600);
      assertThat(l.at("/rebalance/etaSeconds").asLong()).isEqualTo(15);
      JsonNode status = JSON.readTree(get("/api/v1/cluster", DfsTestServer.API_KEY).body());
      assertThat(status.at("/layout/rebalance/moving").asBoolean()).isTrue();
      assertThat(status.at("/layout/moves").isNull()).isTrue();

      assertThat(sendJson("PUT", "/api/v1/cluster/layout", "{\"assign\": []}").statusCode())
          .isEqualTo(400);
      assertThat(
              sendJson(
                      "PUT",
                      "/api/v1/cluster/layout",
                      "{\"assign\": [{\"node\": \"n4\", \"capacity\": \"x\"}]}")
                  .statusCode())
          .isEqualTo(400);
      r =
          sendJson(
              "PUT",
              "/api/v1/cluster/layout",
              "{\"assign\": [{\"node\": \"n4\", \"zone\": \"z3\", \"capacity\": 2}]}");
      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
      assertThat(sendJson("POST", "/api/v1/cluster/layout", "{}").statusCode()).isEqualTo(400);
      r = sendJson("POST", "/api/v1/cluster/layout", "{\"version\": 4}");
      assertThat(r.statusCode()).isEqualTo(409);
      assertThat(JSON.readTree(r.body()).get("code").asText()).isEqualTo("MembershipConflict");
      assertThat(sendJson("POST", "/api/v1/cluster/layout", "{\"version\": 3}").statusCode())
          .isEqualTo(200);
      assertThat(sendJson("DELETE", "/api/v1/cluster/layout", null).statusCode()).isEqualTo(200);
      assertThat(admin.calls).containsExactly("stage n4 z3 2.0 -", "apply 3", "revert");
    } finally {
      VIEW.admin(null);
    }
  }

  /** {@code method path} with an admin's key and the JSON {@code body} (null: none). */
  private static HttpResponse<String> sendJson(String method, String path, String body)
      throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(server.endpoint() + path))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body))
            .header("X-Api-Key", DfsTestServer.API_KEY);
    if (body != null) b.header("Content-Type", "application/json");
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void masterKeyRotationIsRefusedOnAClusterAsNotImplemented() throws Exception {
    HttpResponse<String> r = send("POST", "/api/v1/kms/master-key/rotate", DfsTestServer.API_KEY);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(501);
    assertThat(JSON.readTree(r.body()).get("message").asText()).contains("cluster engine");
  }

  static HttpResponse<String> send(String method, String path, String apiKey) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(server.endpoint() + path))
            .method(method, HttpRequest.BodyPublishers.noBody());
    if (apiKey != null) b.header("X-Api-Key", apiKey);
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** The same members after n1 lost its quorum: term 8, no leader known, counters reset. */
  static ClusterStatus leaderless() {
    return new ClusterStatus(
        "n1",
        Optional.empty(),
        8,
        120,
        120,
        SettableClusterView.threeNodes(NOW).members(),
        0,
        3,
        ClusterStatus.Counters.ZERO);
  }

  static HttpResponse<String> get(String path, String apiKey) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.endpoint() + path)).GET();
    if (apiKey != null) b.header("X-Api-Key", apiKey);
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void clusterShowsTheRaftStateAndEveryMember() throws Exception {
    HttpResponse<String> r = get("/api/v1/cluster", DfsTestServer.API_KEY);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonNode c = JSON.readTree(r.body());
    assertThat(c.get("nodeId").asText()).isEqualTo("n1");
    assertThat(c.get("leaderId").asText()).isEqualTo("n1");
    assertThat(c.get("inQuorum").asBoolean()).isTrue();
    assertThat(c.get("term").asLong()).isEqualTo(7);
    assertThat(c.get("commitIndex").asLong()).isEqualTo(120);
    assertThat(c.get("appliedIndex").asLong()).isEqualTo(118);
    assertThat(c.get("replicationFactor").asInt()).isEqualTo(3);
    assertThat(c.get("underReplicatedChunks").asLong()).isEqualTo(5);
    assertThat(c.at("/counters/leaderChanges").asLong()).isEqualTo(2);
    assertThat(c.at("/counters/commits").asLong()).isEqualTo(40);
    assertThat(c.at("/counters/commitSeconds").asDouble()).isEqualTo(1.5);
    assertThat(c.at("/counters/commitEntries").asLong()).isEqualTo(10);
    assertThat(c.at("/counters/forwardedRequests").asLong()).isEqualTo(9);
    assertThat(c.at("/counters/replicaFailovers").asLong()).isEqualTo(3);

    JsonNode n1 = c.at("/members/0");
    assertThat(n1.get("id").asText()).isEqualTo("n1");
    assertThat(n1.get("role").asText()).isEqualTo("leader");
    assertThat(n1.get("zone").asText()).isEqualTo("a");
    assertThat(n1.get("health").asText()).isEqualTo("healthy");
    assertThat(n1.get("clusterAddress").asText()).isEqualTo("127.0.0.1:7001");
    assertThat(n1.get("s3Endpoint").asText()).isEqualTo("http://127.0.0.1:5001");
    assertThat(n1.get("capacityBytes").asLong()).isEqualTo(100L << 30);
    assertThat(n1.get("usedBytes").asLong()).isEqualTo(3L << 29);
    assertThat(n1.get("matchIndex").asLong()).isEqualTo(120);
    assertThat(n1.get("replicationLag").asLong()).isZero();
    assertThat(n1.get("lastSeen").asText()).isEqualTo("2026-12-03T12:00:00Z");
    JsonNode n2 = c.at("/members/1");
    assertThat(n2.get("role").asText()).isEqualTo("follower");
    assertThat(n2.get("health").asText()).isEqualTo("suspect");
    assertThat(n2.get("replicationLag").asLong()).isEqualTo(3);
    JsonNode n3 = c.at("/members/2");
    assertThat(n3.get("health").asText()).isEqualTo("down");
    for (String unknown :
        new String[] {
          "zone",
          "s3Endpoint",
          "capacityBytes",
          "usedBytes",
          "matchIndex",
          "replicationLag",
          "lastSeen"
        }) {
      assertThat(n3.has(unknown) && n3.get(unknown).isNull()).as(unknown + " in " + n3).isTrue();
    }
  }

  @Test
  void clusterAnswerHasEveryPropertyTheOpenApiDocumentRequires() throws Exception {
    JsonNode openapi = JSON.readTree(get("/api/v1/openapi.json", null).body());
    JsonNode schemas = openapi.at("/components/schemas");
    JsonNode c = JSON.readTree(get("/api/v1/cluster", DfsTestServer.API_KEY).body());
    assertThat(
            openapi
                .at(
                    "/paths/~1api~1v1~1cluster/get/responses/200/content/application~1json"
                        + "/schema/$ref")
                .asText())
        .isEqualTo("#/components/schemas/Cluster");
    requireAll(schemas.get("Cluster"), c);
    requireAll(schemas.get("ClusterCounters"), c.get("counters"));
    requireAll(schemas.get("ClusterRepair"), c.get("repair"));
    for (JsonNode m : c.get("members")) requireAll(schemas.get("ClusterMember"), m);
  }

  @Test
  void everyMembersOwnRepairCountersAreShownAndUnknownOnesAreNull() throws Exception {
    JsonNode c = JSON.readTree(get("/api/v1/cluster", DfsTestServer.API_KEY).body());
    assertThat(c.at("/members/0/chunksRepaired").asLong()).isEqualTo(4);
    assertThat(c.at("/members/0/bytesRepaired").asLong()).isEqualTo(4L << 20);
    assertThat(c.at("/members/1/chunksRepaired").asLong()).isEqualTo(2);
    assertThat(c.at("/members/1/bytesRepaired").asLong()).isEqualTo(2048);
    assertThat(c.at("/members/2/chunksRepaired").isNull()).isTrue();
    assertThat(c.at("/members/2/bytesRepaired").isNull()).isTrue();
  }

  @Test
  void theLastFinishedRebalanceStaysInTheStatusUntilTheNextStarts() throws Exception {
    dev.dfs.testing.RecordingClusterAdmin admin = new dev.dfs.testing.RecordingClusterAdmin();
    VIEW.admin(admin);
    try {
      JsonNode schemas =
          JSON.readTree(get("/api/v1/openapi.json", null).body()).at("/components/schemas");
      JsonNode moving = JSON.readTree(get("/api/v1/cluster", DfsTestServer.API_KEY).body());
      assertThat(moving.at("/layout/lastRebalance").isNull()).isTrue();
      requireAll(schemas.get("ClusterLayout"), moving.get("layout"));

      admin.settled = true;
      JsonNode settled = JSON.readTree(get("/api/v1/cluster", DfsTestServer.API_KEY).body());
      requireAll(schemas.get("ClusterLayout"), settled.get("layout"));
      JsonNode last = settled.at("/layout/lastRebalance");
      requireAll(schemas.at("/ClusterLayout/properties/lastRebalance"), last);
      assertThat(settled.at("/layout/rebalance/moving").asBoolean()).isFalse();
      assertThat(settled.at("/layout/rebalance/bytesMoved").asLong()).isZero();
      assertThat(last.get("version").asLong()).isEqualTo(2);
      assertThat(last.get("chunksMoved").asLong()).isEqualTo(10);
      assertThat(last.get("bytesMoved").asLong()).isEqualTo(1000);
      assertThat(last.get("bytesPredicted").asLong()).isEqualTo(1000);
      assertThat(last.get("startedAt").asText()).isEqualTo("2026-12-03T12:00:00Z");
      assertThat(last.get("finishedAt").asText()).isEqualTo("2026-12-03T12:01:02Z");
    } finally {
      VIEW.admin(null);
    }
  }

  private static void requireAll(JsonNode schema, JsonNode value) {
    for (JsonNode field : schema.get("required")) {
      assertThat(value.has(field.asText())).as(field + " in " + value).isTrue();
    }
    value
        .fieldNames()
        .forEachRemaining(
            f -> assertThat(schema.get("properties").has(f)).as(f + " is documented").isTrue());
  }

  @Test
  void digestAnswersThisNodesMetadataDigestAsDocumented() throws Exception {
    assertThat(get("/api/v1/cluster/digest", DfsTestServer.API_KEY).statusCode()).isEqualTo(503);
    VIEW.digest(Optional.of(new ClusterStatus.MetadataDigest("n1", 7, 118, "ab".repeat(32))));

    HttpResponse<String> r = get("/api/v1/cluster/digest", DfsTestServer.API_KEY);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonNode d = JSON.readTree(r.body());
    assertThat(d.get("nodeId").asText()).isEqualTo("n1");
    assertThat(d.get("appliedTerm").asLong()).isEqualTo(7);
    assertThat(d.get("appliedIndex").asLong()).isEqualTo(118);
    assertThat(d.get("sha256").asText()).isEqualTo("ab".repeat(32));
    JsonNode openapi = JSON.readTree(get("/api/v1/openapi.json", null).body());
    requireAll(openapi.at("/components/schemas/ClusterDigest"), d);
    assertThat(get("/api/v1/cluster/digest", null).statusCode()).isEqualTo(401);
  }

  @Test
  void clusterIsForAdminsOnly() throws Exception {
    server.identities().addUser("bob", null);
    String bobsKey = server.identities().createApiKey("bob").apiKey();
    HttpResponse<String> bob = get("/api/v1/cluster", bobsKey);
    assertThat(bob.statusCode()).isEqualTo(403);
    assertThat(JSON.readTree(bob.body()).get("code").asText()).isEqualTo("Forbidden");
    assertThat(get("/api/v1/cluster", null).statusCode()).isEqualTo(401);
  }

  @Test
  void metricsShowTheClusterWithItsValues() throws Exception {
    HttpResponse<String> r = get("/metrics", null);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body().lines())
        .contains(
            "dfs_cluster_is_leader{engine=\"local\"} 1.0",
            "dfs_cluster_in_quorum{engine=\"local\"} 1.0",
            "dfs_cluster_term{engine=\"local\"} 7.0",
            "dfs_cluster_commit_index{engine=\"local\"} 120.0",
            "dfs_cluster_applied_index{engine=\"local\"} 118.0",
            "dfs_cluster_under_replicated_chunks{engine=\"local\"} 5.0",
            "dfs_cluster_replication_factor{engine=\"local\"} 3.0",
            "dfs_cluster_members{engine=\"local\",health=\"healthy\",role=\"leader\"} 1.0",
            "dfs_cluster_members{engine=\"local\",health=\"suspect\",role=\"follower\"} 1.0",
            "dfs_cluster_members{engine=\"local\",health=\"down\",role=\"follower\"} 1.0",
            "dfs_cluster_members{engine=\"local\",health=\"healthy\",role=\"follower\"} 0.0",
            "dfs_cluster_replication_lag_entries{engine=\"local\",member=\"n1\"} 0.0",
            "dfs_cluster_replication_lag_entries{engine=\"local\",member=\"n2\"} 3.0",
            "dfs_cluster_leader_changes_total{engine=\"local\"} 2.0",
            "dfs_cluster_commits_total{engine=\"local\"} 40.0",
            "dfs_cluster_commit_seconds_count{engine=\"local\"} 40",
            "dfs_cluster_commit_seconds_sum{engine=\"local\"} 1.5",
            "dfs_cluster_commit_entries_total{engine=\"local\"} 10.0",
            "dfs_cluster_forwarded_requests_total{engine=\"local\"} 9.0",
            "dfs_cluster_replica_failovers_total{engine=\"local\"} 3.0",
            "dfs_cluster_read_barriers_total{engine=\"local\"} 4.0",
            "dfs_cluster_barrier_reads_total{engine=\"local\"} 12.0",
            "# TYPE dfs_cluster_commit_seconds summary",
            "# TYPE dfs_cluster_leader_changes_total counter");
    assertThat(r.body()).doesNotContain("member=\"n3\"");

    VIEW.inQuorum(false);
    VIEW.status(leaderless());
    String after = get("/metrics", null).body();
    assertThat(after.lines())
        .contains(
            "dfs_cluster_is_leader{engine=\"local\"} 0.0",
            "dfs_cluster_in_quorum{engine=\"local\"} 0.0",
            "dfs_cluster_term{engine=\"local\"} 8.0");
  }

  @Test
  void readinessFailsOutOfQuorumAndLivenessDoesNot() throws Exception {
    HttpResponse<String> ready = get("/api/v1/ready", null);
    assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
    JsonNode ok = JSON.readTree(ready.body());
    assertThat(ok.at("/checks/cluster/ok").asBoolean()).isTrue();
    assertThat(ok.at("/checks/cluster/leaderId").asText()).isEqualTo("n1");

    VIEW.inQuorum(false);
    VIEW.status(leaderless());
    HttpResponse<String> notReady = get("/api/v1/ready", null);
    assertThat(notReady.statusCode()).isEqualTo(503);
    JsonNode body = JSON.readTree(notReady.body());
    assertThat(body.get("status").asText()).isEqualTo("not_ready");
    assertThat(body.get("failing").asText()).isEqualTo("cluster");
    assertThat(body.get("code").asText()).isEqualTo("NotReady");
    assertThat(body.get("message").asText())
        .contains("not part of a quorum")
        .contains("no leader known");
    assertThat(body.at("/checks/cluster/ok").asBoolean()).isFalse();
    assertThat(body.at("/checks/store/ok").asBoolean()).isTrue();
    assertThat(get("/api/v1/health", null).statusCode()).isEqualTo(200);

    VIEW.inQuorum(true);
    assertThat(get("/api/v1/ready", null).statusCode()).isEqualTo(200);
  }
}
