package dev.dfs.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dfs.admin.ManagementSettings;
import dev.dfs.auth.SigV4Authenticator;
import dev.dfs.auth.StaticCredentialStore;
import dev.dfs.s3.S3Settings;
import dev.dfs.server.config.ConfigException;
import dev.dfs.store.local.LocalStore;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every private key format openssl writes by default is served over a real HTTPS connection, and
 * encrypted or broken keys fail with an error naming DFS_TLS_KEY.
 */
class TlsKeyFormatsTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "rsa-pkcs8,   BEGIN PRIVATE KEY,     genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out key.pem",
    "rsa-pkcs1,   BEGIN RSA PRIVATE KEY, genrsa -traditional -out key.pem 2048",
    "ec-pkcs8,    BEGIN PRIVATE KEY,     genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out key.pem",
    "ec-sec1,     BEGIN EC PRIVATE KEY,  ecparam -genkey -name secp384r1 -out key.pem",
    "ed25519,     BEGIN PRIVATE KEY,     genpkey -algorithm ED25519 -out key.pem",
  })
  void servesHttpsWithEachKeyFormat(String name, String marker, String generate, @TempDir Path dir)
      throws Exception {
    TlsTest.openssl(dir, generate.split(" "));
    assertThat(Files.readString(dir.resolve("key.pem"))).contains(marker);
    TlsTest.openssl(
        dir,
        "req",
        "-x509",
        "-key",
        "key.pem",
        "-out",
        "cert.pem",
        "-days",
        "2",
        "-subj",
        "/CN=localhost",
        "-addext",
        "subjectAltName=IP:127.0.0.1,DNS:localhost");
    TlsMaterial tls = TlsMaterial.load(dir.resolve("cert.pem"), dir.resolve("key.pem"));
    DfsServer server =
        new DfsServer(
            new Listeners("127.0.0.1", -1, 0, tls),
            2_000,
            LocalStore.open(dir.resolve("data")),
            new SigV4Authenticator(
                new StaticCredentialStore(List.of(), Map.of()), Clock.systemUTC(), false),
            new S3Settings("us-east-1", null),
            ManagementSettings.defaults(),
            false);
    server.start();
    try {
      HttpClient client =
          HttpClient.newBuilder()
              .sslContext(trusting(dir.resolve("cert.pem")))
              .connectTimeout(Duration.ofSeconds(10))
              .build();
      HttpResponse<String> health =
          client.send(
              HttpRequest.newBuilder(
                      URI.create("https://127.0.0.1:" + server.tlsPort() + "/api/v1/health"))
                  .timeout(Duration.ofSeconds(20))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(health.statusCode()).isEqualTo(200);
      assertThat(health.body()).contains("\"status\":\"ok\"");
    } finally {
      server.stop();
    }
  }

  @Test
  void encryptedKeysAreRefusedWithHowToDecrypt(@TempDir Path dir) throws Exception {
    TlsTest.makeCertificate(dir);
    TlsTest.openssl(
        dir,
        "pkey",
        "-in",
        "key.pem",
        "-aes256",
        "-passout",
        "pass:secret",
        "-out",
        "pkcs8-encrypted.pem");
    TlsTest.openssl(
        dir,
        "rsa",
        "-in",
        "key.pem",
        "-aes256",
        "-passout",
        "pass:secret",
        "-traditional",
        "-out",
        "pkcs1-encrypted.pem");
    assertThat(Files.readString(dir.resolve("pkcs8-encrypted.pem")))
        .contains("BEGIN ENCRYPTED PRIVATE KEY");
    assertThat(Files.readString(dir.resolve("pkcs1-encrypted.pem")))
        .contains("Proc-Type: 4,ENCRYPTED");
    for (String file : List.of("pkcs8-encrypted.pem", "pkcs1-encrypted.pem")) {
      assertThatThrownBy(() -> TlsMaterial.load(dir.resolve("cert.pem"), dir.resolve(file)))
          .isInstanceOf(ConfigException.class)
          .hasMessageContaining("DFS_TLS_KEY")
          .hasMessageContaining("encrypted")
          .hasMessageContaining("openssl pkey");
    }
  }

  @Test
  void garbageKeysNameTheSettingAndTheProblem(@TempDir Path dir) throws Exception {
    TlsTest.makeCertificate(dir);
    Files.writeString(
        dir.resolve("bad-body.pem"),
        "-----BEGIN PRIVATE KEY-----\nAAECAwQFBgcICQ==\n-----END PRIVATE KEY-----\n");
    Files.writeString(
        dir.resolve("bad-ec.pem"),
        "-----BEGIN EC PRIVATE KEY-----\nMAMCAQE=\n-----END EC PRIVATE KEY-----\n");
    Files.writeString(dir.resolve("cert-only.pem"), Files.readString(dir.resolve("cert.pem")));
    assertThatThrownBy(() -> TlsMaterial.load(dir.resolve("cert.pem"), dir.resolve("bad-body.pem")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("DFS_TLS_KEY")
        .hasMessageContaining("'PRIVATE KEY' block is not a valid key");
    assertThatThrownBy(() -> TlsMaterial.load(dir.resolve("cert.pem"), dir.resolve("bad-ec.pem")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("DFS_TLS_KEY")
        .hasMessageContaining("names no curve");
    assertThatThrownBy(
            () -> TlsMaterial.load(dir.resolve("cert.pem"), dir.resolve("cert-only.pem")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("DFS_TLS_KEY")
        .hasMessageContaining("no 'PRIVATE KEY'");
  }

  private static SSLContext trusting(Path certPem) throws Exception {
    SSLContext ssl = SSLContext.getInstance("TLS");
    ssl.init(null, dev.dfs.testing.Certificates.trusting(certPem), null);
    return ssl;
  }
}
