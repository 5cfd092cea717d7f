package dev.dfs.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.dfs.admin.ManagementSettings;
import dev.dfs.auth.Credential;
import dev.dfs.auth.SigV4Authenticator;
import dev.dfs.auth.StaticCredentialStore;
import dev.dfs.s3.S3Settings;
import dev.dfs.store.local.LocalStore;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** A bucket policy that denies requests without TLS: HTTPS passes, plain HTTP is refused. */
class SecureTransportPolicyTest {
  @Test
  void denyInsecureTransport(@TempDir Path dir) throws Exception {
    TlsTest.makeCertificate(dir);
    TlsMaterial tls = TlsMaterial.load(dir.resolve("cert.pem"), dir.resolve("key.pem"));
    DfsServer server =
        new DfsServer(
            new Listeners("127.0.0.1", 0, 0, tls),
            2_000,
            LocalStore.open(Files.createDirectory(dir.resolve("data"))),
            new SigV4Authenticator(
                new StaticCredentialStore(
                    List.of(new Credential("alice", "ALICEKEY", "alice-secret-0123456789")),
                    Map.of()),
                Clock.systemUTC(),
                false),
            new S3Settings("us-east-1", null),
            ManagementSettings.defaults(),
            false);
    server.start();
    try (S3Client https =
            client(URI.create("https://127.0.0.1:" + server.tlsPort()), dir.resolve("cert.pem"));
        S3Client http = client(URI.create("http://127.0.0.1:" + server.port()), null)) {
      https.createBucket(b -> b.bucket("tls-only"));
      https.putObject(b -> b.bucket("tls-only").key("k"), RequestBody.fromString("secret"));
      https.putBucketPolicy(
          b ->
              b.bucket("tls-only")
                  .policy(
                      """
          {"Version":"2012-10-17","Statement":[{"Effect":"Deny","Principal":"*","Action":"s3:*",
           "Resource":["arn:aws:s3:::tls-only","arn:aws:s3:::tls-only/*"],
           "Condition":{"Bool":{"aws:SecureTransport":"false"}}}]}"""));
      assertThat(https.getObjectAsBytes(b -> b.bucket("tls-only").key("k")).asUtf8String())
          .isEqualTo("secret");
      S3Exception e =
          catchThrowableOfType(
              S3Exception.class, () -> http.getObjectAsBytes(b -> b.bucket("tls-only").key("k")));
      assertThat(e).isNotNull();
      assertThat(e.statusCode()).isEqualTo(403);
      assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
    } finally {
      server.stop();
    }
  }

  private static S3Client client(URI endpoint, Path certPem) throws Exception {
    Apache5HttpClient.Builder httpClient = Apache5HttpClient.builder();
    if (certPem != null) {
      KeyStore trust = KeyStore.getInstance("PKCS12");
      trust.load(null, null);
      try (InputStream in = Files.newInputStream(certPem)) {
        Certificate c = CertificateFactory.getInstance("X.509").generateCertificate(in);
        trust.setCertificateEntry("dfs", c);
      }
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(trust);
      httpClient.tlsTrustManagersProvider(tmf::getTrustManagers);
    }
    return S3Client.builder()
        .endpointOverride(endpoint)
        .region(Region.US_EAST_1)
        .forcePathStyle(true)
        .credentialsProvider(
            StaticCredentialsProvider.create(
                AwsBasicCredentials.create("ALICEKEY", "alice-secret-0123456789")))
        .httpClientBuilder(httpClient)
        .build();
  }
}
