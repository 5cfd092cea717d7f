package dev.dfs.store.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dfs.store.ReadRequest;
import dev.dfs.testing.DfsTestServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * What only a gateway has: bucket prefixes isolating deployments on one upstream, clients held to
 * DFS's credentials, and the readiness probe and engine name. Upstream: a DFS on the local engine
 * with credentials different from the gateways'.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(60)
class GatewayModeTest {
  private DfsTestServer upstream;
  private DfsTestServer teamA;
  private DfsTestServer teamB;

  @BeforeAll
  void start(@TempDir Path dir) throws Exception {
    upstream = DfsTestServer.start(dir.resolve("upstream"));
    teamA = DfsTestServer.start(gateway(upstream.endpoint(), "team-a-"));
    teamB = DfsTestServer.start(gateway(upstream.endpoint(), "team-b-"));
  }

  @AfterAll
  void stop() throws Exception {
    teamA.close();
    teamB.close();
    upstream.close();
  }

  private static GatewayStore gateway(URI endpoint, String prefix) {
    return GatewayStore.open(
        GatewayOptions.of(
            endpoint,
            "us-east-1",
            DfsTestServer.ACCESS_KEY,
            DfsTestServer.SECRET_KEY,
            null,
            true,
            prefix,
            "us-east-1"));
  }

  @Test
  void deploymentsWithDifferentPrefixesDoNotSeeEachOther() {
    teamA.client().createBucket(b -> b.bucket("shared-name"));
    teamA.client().putObject(b -> b.bucket("shared-name").key("k"), RequestBody.fromString("A"));
    assertThat(teamB.client().listBuckets().buckets())
        .extracting(b -> b.name())
        .doesNotContain("shared-name");
    assertThat(catchStatus(() -> teamB.client().headBucket(b -> b.bucket("shared-name"))))
        .isEqualTo(404);
    teamB.client().createBucket(b -> b.bucket("shared-name"));
    teamB.client().putObject(b -> b.bucket("shared-name").key("k"), RequestBody.fromString("B"));
    assertThat(
            teamA.client().getObjectAsBytes(b -> b.bucket("shared-name").key("k")).asUtf8String())
        .isEqualTo("A");
    assertThat(upstream.client().listBuckets().buckets())
        .extracting(b -> b.name())
        .contains("team-a-shared-name", "team-b-shared-name");
  }

  @Test
  void clientsUseDfsCredentialsNeverTheUpstreams() throws Exception {
    // the gateway and its upstream happen to share keys here; a gateway with other client
    // keys must refuse the upstream's
    try (DfsTestServer other = DfsTestServer.start(gateway(upstream.endpoint(), "team-c-"))) {
      var withWrongKeys =
          other.client(
              b ->
                  b.credentialsProvider(
                      StaticCredentialsProvider.create(
                          AwsBasicCredentials.create("UPSTREAMONLYKEY", "upstream-only-secret"))));
      assertThatThrownBy(withWrongKeys::listBuckets)
          .isInstanceOfSatisfying(
              S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(403));
    }
  }

  @Test
  void probeAndEngineName() throws Exception {
    assertThat(teamA.engine().engineName()).isEqualTo("gateway");
    teamA.engine().probe();
    int closedPort;
    try (ServerSocket s = new ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
    try (GatewayStore down = gateway(URI.create("http://127.0.0.1:" + closedPort), "x-")) {
      assertThatThrownBy(down::probe)
          .isInstanceOf(IOException.class)
          .hasMessageContaining("not ready")
          .hasMessageContaining("127.0.0.1:" + closedPort);
      assertThatThrownBy(() -> down.bucket("b"))
          .isInstanceOf(IOException.class)
          .hasMessageContaining("unreachable");
    }
  }

  @Test
  void aReadOfAnObjectOverwrittenAfterOpenFailsCleanly() throws Exception {
    teamA.client().createBucket(b -> b.bucket("race"));
    teamA.client().putObject(b -> b.bucket("race").key("k"), RequestBody.fromString("first"));
    try (var read = teamA.engine().open(ReadRequest.of("race", "k"))) {
      assertThat(read.info().size()).isEqualTo(5);
      teamA.client().putObject(b -> b.bucket("race").key("k"), RequestBody.fromString("second!"));
      assertThatThrownBy(() -> read.stream(null))
          .isInstanceOf(IOException.class)
          .hasMessageContaining("changed upstream");
    }
  }

  private static int catchStatus(Runnable r) {
    try {
      r.run();
      return 200;
    } catch (S3Exception e) {
      return e.statusCode();
    }
  }

  /** The gateway does not version: versioned operations answer 501, versionId=null still works. */
  @Test
  void versioningAndObjectLockAreNotImplementedOnTheGateway() {
    var s3 = teamA.client();
    s3.createBucket(b -> b.bucket("unversioned"));
    s3.putObject(b -> b.bucket("unversioned").key("k"), RequestBody.fromString("x"));
    assertThat(s3.getBucketVersioning(b -> b.bucket("unversioned")).status()).isNull();
    assertThat(
            catchStatus(
                () ->
                    s3.putBucketVersioning(
                        b ->
                            b.bucket("unversioned")
                                .versioningConfiguration(c -> c.status("Enabled")))))
        .isEqualTo(501);
    assertThat(catchStatus(() -> s3.listObjectVersions(b -> b.bucket("unversioned"))))
        .isEqualTo(501);
    assertThat(
            catchStatus(
                () ->
                    s3.getObject(b -> b.bucket("unversioned").key("k").versionId("0".repeat(32)))))
        .isEqualTo(501);
    assertThat(
            s3.getObjectAsBytes(b -> b.bucket("unversioned").key("k").versionId("null"))
                .asUtf8String())
        .isEqualTo("x");
    assertThat(
            catchStatus(
                () -> s3.createBucket(b -> b.bucket("locked").objectLockEnabledForBucket(true))))
        .isEqualTo(501);
    assertThat(catchStatus(() -> s3.headBucket(b -> b.bucket("locked")))).isEqualTo(404);
    assertThat(catchStatus(() -> s3.getObjectLockConfiguration(b -> b.bucket("unversioned"))))
        .isEqualTo(404);
  }
}
