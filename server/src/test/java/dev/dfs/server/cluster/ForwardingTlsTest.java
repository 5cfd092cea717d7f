package dev.dfs.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dfs.admin.ManagementSettings;
import dev.dfs.auth.Credential;
import dev.dfs.auth.SigV4Authenticator;
import dev.dfs.auth.StaticCredentialStore;
import dev.dfs.s3.S3Settings;
import dev.dfs.server.DfsServer;
import dev.dfs.server.Listeners;
import dev.dfs.server.TlsMaterial;
import dev.dfs.store.ClusterStatus.Role;
import dev.dfs.store.local.LocalStore;
import dev.dfs.testing.Certificates;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Forwarding to a leader that serves HTTPS only (the cluster front over the local engine, as in
 * {@link ClusterFrontTest}): a follower serving the same certificate trusts the leader and the
 * write lands there; a follower with another self-signed certificate cannot verify the leader and
 * answers 503 instead of sending the client's request to an unverified peer.
 */
@Timeout(120)
class ForwardingTlsTest {
  private final List<DfsServer> started = new ArrayList<>();

  @Test
  void aFollowerForwardsOnlyToALeaderWhoseCertificateItTrusts(@TempDir Path dir) throws Exception {
    Path shared = Certificates.selfSigned(dir.resolve("shared"));
    Path other = Certificates.selfSigned(dir.resolve("other"));
    TestClusterView viewA = new TestClusterView("a");
    TestClusterView viewB = new TestClusterView("b");
    TestClusterView viewC = new TestClusterView("c");
    try {
      DfsServer a = server(dir.resolve("a"), viewA, shared);
      DfsServer b = server(dir.resolve("b"), viewB, shared);
      DfsServer c = server(dir.resolve("c"), viewC, other);
      var leader =
          TestClusterView.member("a", Role.LEADER, URI.create("https://127.0.0.1:" + a.tlsPort()));
      for (TestClusterView v : List.of(viewA, viewB, viewC)) v.follow(leader);
      try (S3Client viaB = client(shared, b.tlsPort());
          S3Client viaC = client(other, c.tlsPort());
          S3Client onA = client(shared, a.tlsPort())) {
        viaB.createBucket(r -> r.bucket("through-b"));
        assertThat(onA.listBuckets().buckets()).extracting(x -> x.name()).contains("through-b");
        assertThat(viewB.forwarded.get()).isEqualTo(1);
        assertThatThrownBy(() -> viaC.createBucket(r -> r.bucket("through-c")))
            .isInstanceOfSatisfying(
                S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(503));
        assertThat(onA.listBuckets().buckets())
            .extracting(x -> x.name())
            .doesNotContain("through-c");
      }
    } finally {
      for (DfsServer s : started) s.stop();
    }
  }

  private DfsServer server(Path data, TestClusterView view, Path certDir) throws Exception {
    Files.createDirectories(data);
    TlsMaterial tls = TlsMaterial.load(certDir.resolve("cert.pem"), certDir.resolve("key.pem"));
    DfsServer server =
        new DfsServer(
            new Listeners("127.0.0.1", -1, 0, tls),
            2_000,
            ClusteredStore.of(LocalStore.open(data), view),
            new SigV4Authenticator(
                new StaticCredentialStore(
                    List.of(new Credential("root", "FWDKEY", "fwd-secret-0123456789")), Map.of()),
                Clock.systemUTC(),
                false),
            new S3Settings("us-east-1", null),
            ManagementSettings.defaults(),
            false);
    started.add(server);
    server.start();
    return server;
  }

  private static S3Client client(Path certDir, int port) throws Exception {
    javax.net.ssl.TrustManager[] trust = Certificates.trusting(certDir.resolve("cert.pem"));
    return S3Client.builder()
        .endpointOverride(URI.create("https://127.0.0.1:" + port))
        .region(Region.US_EAST_1)
        .forcePathStyle(true)
        .credentialsProvider(
            StaticCredentialsProvider.create(
                AwsBasicCredentials.create("FWDKEY", "fwd-secret-0123456789")))
        .overrideConfiguration(
            o ->
                o.retryStrategy(AwsRetryStrategy.doNotRetry())
                    .apiCallTimeout(Duration.ofSeconds(30)))
        .httpClientBuilder(Apache5HttpClient.builder().tlsTrustManagersProvider(() -> trust))
        .build();
  }
}
