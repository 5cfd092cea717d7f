package dev.dfs.store.cluster.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dfs.store.local.ChunkId;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The chunk service's API and its authentication, against node "a" of three. */
@Timeout(60)
class ChunkTransportTest {
  @TempDir Path root;
  ThreeNodes cluster;
  Node a;
  HttpClient raw;

  @BeforeEach
  void start() throws Exception {
    cluster = new ThreeNodes(root);
    a = cluster.nodes.get(0);
    raw = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  }

  @AfterEach
  void stop() throws Exception {
    raw.close();
    cluster.close();
  }

  @Test
  void putHeadGetRangeListDeleteRoundTrip() throws Exception {
    byte[] body = ReplicationTest.data(700_000, 1);
    ChunkId id = ChunkId.random();
    ReplicaUpload up = cluster.client.put(a, id, body.length);
    up.write(body, body.length);
    up.complete();
    assertThat(cluster.client.head(a, id)).hasValue(body.length);
    try (InputStream in = cluster.client.get(a, id, body.length, 123_456, 300_000)) {
      assertThat(in.readAllBytes()).isEqualTo(java.util.Arrays.copyOfRange(body, 123_456, 423_456));
    }
    assertThat(cluster.client.list(a, null, 10)).extracting(c -> c.id()).containsExactly(id);
    assertThat(cluster.client.list(a, id, 10)).isEmpty();
    assertThat(cluster.client.healthy(a)).isTrue();
    cluster.client.delete(a, id);
    assertThat(cluster.client.head(a, id)).isEmpty();
    assertThatThrownBy(() -> cluster.client.get(a, id, body.length, 0, 1))
        .isInstanceOf(ReplicaException.class)
        .satisfies(e -> assertThat(((ReplicaException) e).fault()).isEqualTo(ReplicaFault.MISSING));
  }

  @Test
  void aRequestWithoutSignatureIsRefusedWithNothingToLearn() throws Exception {
    HttpResponse<String> r =
        raw.send(
            HttpRequest.newBuilder(a.address().resolve("/v1/health")).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(r.body()).isEmpty();
    assertThat(r.headers().firstValue(ChunkHandler.NODE_HEADER)).isEmpty();
  }

  @Test
  void aPeerWithAnotherSecretIsRefused() throws Exception {
    try (ChunkClient stranger =
        ChunkClient.start(
            ClusterSecret.of("not-the-cluster-secret-at-all"),
            Clock.systemUTC(),
            Duration.ofSeconds(2),
            Duration.ofSeconds(10))) {
      assertThat(stranger.healthy(a)).isFalse();
      ChunkId id = ChunkId.random();
      ReplicaUpload up = stranger.put(a, id, 3);
      assertThatThrownBy(
              () -> {
                up.write(new byte[] {1, 2, 3}, 3);
                up.complete();
              })
          .isInstanceOf(ReplicaException.class);
      assertThat(cluster.client.head(a, id)).isEmpty();
    }
  }

  @Test
  void aReplayedRequestIsRefused() throws Exception {
    RequestSignature sig =
        RequestSignature.sign(ThreeNodes.SECRET, "GET", "/v1/health", System.currentTimeMillis());
    assertThat(send("/v1/health", sig.headerValue()).statusCode()).isEqualTo(200);
    assertThat(send("/v1/health", sig.headerValue()).statusCode()).isEqualTo(403);
  }

  @Test
  void aSignatureForAnotherPathOrOutsideTheClockWindowIsRefused() throws Exception {
    RequestSignature other =
        RequestSignature.sign(ThreeNodes.SECRET, "GET", "/v1/chunks", System.currentTimeMillis());
    assertThat(send("/v1/health", other.headerValue()).statusCode()).isEqualTo(403);
    long stale = System.currentTimeMillis() - ChunkService.CLOCK_WINDOW.toMillis() - 5_000;
    RequestSignature old = RequestSignature.sign(ThreeNodes.SECRET, "GET", "/v1/health", stale);
    assertThat(send("/v1/health", old.headerValue()).statusCode()).isEqualTo(403);
  }

  @Test
  void aBodyThatDoesNotMatchItsSignedRequestIsNotStored() throws Exception {
    ChunkId id = ChunkId.random();
    String path = "/v1/chunks/" + id.hex() + "?size=5";
    RequestSignature sig =
        RequestSignature.sign(ThreeNodes.SECRET, "PUT", path, System.currentTimeMillis());
    BodyMac wrongKey =
        BodyMac.of(ClusterSecret.of("not-the-cluster-secret-at-all"), sig.signatureBytes());
    ByteArrayOutputStream framed = new ByteArrayOutputStream();
    FrameOutput frames = new FrameOutput(framed, wrongKey);
    frames.write(new byte[] {1, 2, 3, 4, 5}, 0, 5);
    frames.finish();
    HttpResponse<String> r =
        raw.send(
            HttpRequest.newBuilder(a.address().resolve(path))
                .header(RequestSignature.HEADER, sig.headerValue())
                .PUT(HttpRequest.BodyPublishers.ofByteArray(framed.toByteArray()))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(cluster.client.head(a, id)).isEmpty();
  }

  private HttpResponse<String> send(String path, String auth) throws Exception {
    URI uri = a.address().resolve(path);
    return raw.send(
        HttpRequest.newBuilder(uri).header(RequestSignature.HEADER, auth).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
