package dev.dfs.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dfs.admin.ManagementSettings;
import dev.dfs.auth.Credential;
import dev.dfs.auth.SigV4Authenticator;
import dev.dfs.auth.StaticCredentialStore;
import dev.dfs.s3.S3Settings;
import dev.dfs.server.config.ConfigException;
import dev.dfs.store.local.LocalStore;
import dev.dfs.testing.Certificates;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * HTTPS from PEM files (made with openssl, as a user would), HTTPS-only serving, both PKCS#8 and
 * PKCS#1 keys, and clear errors for unusable files.
 */
class TlsTest {
  static void openssl(Path dir, String... args) throws Exception {
    Certificates.openssl(dir, args);
  }

  static void makeCertificate(Path dir) throws Exception {
    Certificates.selfSigned(dir);
  }

  @Test
  void servesS3OverHttpsOnlyWithPkcs8AndPkcs1Keys(@TempDir Path dir) throws Exception {
    makeCertificate(dir);
    openssl(dir, "rsa", "-in", "key.pem", "-traditional", "-out", "key-pkcs1.pem");
    assertThat(Files.readString(dir.resolve("key-pkcs1.pem"))).contains("BEGIN RSA PRIVATE KEY");
    for (String keyFile : List.of("key.pem", "key-pkcs1.pem")) {
      TlsMaterial tls = TlsMaterial.load(dir.resolve("cert.pem"), dir.resolve(keyFile));
      Path data = Files.createTempDirectory(dir, "data");
      DfsServer server =
          new DfsServer(
              new Listeners("127.0.0.1", -1, 0, tls),
              2_000,
              LocalStore.open(data),
              new SigV4Authenticator(
                  new StaticCredentialStore(
                      List.of(new Credential("root", "TLSKEY", "tls-secret-0123456789")), Map.of()),
                  Clock.systemUTC(),
                  false),
              new S3Settings("us-east-1", null),
              ManagementSettings.defaults(),
              false);
      server.start();
      try (S3Client s3 = client(dir.resolve("cert.pem"), server.tlsPort())) {
        assertThat(server.port()).isEqualTo(-1);
        s3.createBucket(b -> b.bucket("secure"));
        s3.putObject(b -> b.bucket("secure").key("k"), RequestBody.fromString("over tls"));
        assertThat(s3.getObjectAsBytes(b -> b.bucket("secure").key("k")).asUtf8String())
            .isEqualTo("over tls");
      } finally {
        server.stop();
      }
    }
  }

  @Test
  void unusableFilesNameTheSetting(@TempDir Path dir) throws Exception {
    makeCertificate(dir);
    Files.writeString(dir.resolve("junk.pem"), "not a pem file");
    assertThatThrownBy(() -> TlsMaterial.load(dir.resolve("junk.pem"), dir.resolve("key.pem")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("DFS_TLS_CERT");
    assertThatThrownBy(() -> TlsMaterial.load(dir.resolve("cert.pem"), dir.resolve("junk.pem")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("DFS_TLS_KEY");
    assertThatThrownBy(() -> TlsMaterial.load(dir.resolve("cert.pem"), dir.resolve("none.pem")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("DFS_TLS_KEY");
  }

  private static S3Client client(Path certPem, int port) throws Exception {
    javax.net.ssl.TrustManager[] trust = Certificates.trusting(certPem);
    return S3Client.builder()
        .endpointOverride(URI.create("https://127.0.0.1:" + port))
        .region(Region.US_EAST_1)
        .forcePathStyle(true)
        .credentialsProvider(
            StaticCredentialsProvider.create(
                AwsBasicCredentials.create("TLSKEY", "tls-secret-0123456789")))
        .httpClientBuilder(Apache5HttpClient.builder().tlsTrustManagersProvider(() -> trust))
        .build();
  }
}
