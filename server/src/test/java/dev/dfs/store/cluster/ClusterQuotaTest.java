package dev.dfs.store.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dfs.store.BucketQuota;
import dev.dfs.testing.DfsTestServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * A bucket quota on a 3-node cluster: set through a follower's management API (forwarded to the
 * leader), replicated to every node's metadata, and enforced on writes sent to a follower (which
 * the leader runs).
 */
@Timeout(180)
class ClusterQuotaTest {
  @Test
  void aQuotaSetThroughAFollowerReachesEveryNodeAndRefusesWrites(@TempDir Path dir)
      throws Exception {
    DfsTestServer[] servers = new DfsTestServer[3];
    try (ThreeNodeCluster cluster = new ThreeNodeCluster(dir).startAll()) {
      int leader = cluster.awaitLeader();
      for (int i = 0; i < 3; i++) {
        servers[i] = DfsTestServer.start(cluster.store(i));
        cluster.node(i).advertise(servers[i].endpoint());
      }
      cluster.awaitQuorum();
      int follower = (leader + 1) % 3;
      while (cluster.node(follower).view().leader().flatMap(m -> m.s3Endpoint()).isEmpty()) {
        Thread.sleep(50);
      }
      S3Client s3 = servers[follower].client();
      s3.createBucket(b -> b.bucket("limited"));
      HttpResponse<String> set =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(
                          URI.create(
                              servers[follower].endpoint() + "/api/v1/buckets/limited/quota"))
                      .header("X-Api-Key", DfsTestServer.API_KEY)
                      .PUT(
                          HttpRequest.BodyPublishers.ofString(
                              "{\"maxBytes\": 1000, \"maxObjects\": null}"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(set.statusCode()).as(set.body()).isEqualTo(200);
      for (int i = 0; i < 3; i++) awaitQuota(cluster, i);

      s3.putObject(b -> b.bucket("limited").key("a"), RequestBody.fromBytes(new byte[800]));
      assertThatThrownBy(
              () ->
                  s3.putObject(
                      b -> b.bucket("limited").key("b"), RequestBody.fromBytes(new byte[300])))
          .isInstanceOfSatisfying(
              S3Exception.class,
              e -> {
                assertThat(e.statusCode()).isEqualTo(403);
                assertThat(e.awsErrorDetails().errorCode()).isEqualTo("QuotaExceeded");
              });
    } finally {
      for (DfsTestServer s : servers) {
        if (s != null) s.close();
      }
    }
  }

  private static void awaitQuota(ThreeNodeCluster cluster, int node) throws Exception {
    long deadline = System.nanoTime() + 30_000_000_000L;
    Optional<BucketQuota> q = BucketQuota.of(cluster.store(node), "limited");
    while (q.isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(50);
      q = BucketQuota.of(cluster.store(node), "limited");
    }
    assertThat(q).as("quota on n" + (node + 1)).contains(new BucketQuota(1000, BucketQuota.NONE));
  }
}
