package dev.dfs.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dfs.admin.ManagementSettings;
import dev.dfs.auth.Credential;
import dev.dfs.auth.SigV4Authenticator;
import dev.dfs.auth.StaticCredentialStore;
import dev.dfs.s3.S3Settings;
import dev.dfs.store.local.LocalStore;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A renewed certificate (new PEM files written over the old ones, as certbot does) is served to new
 * connections without a restart; files that do not load leave the old one in service.
 */
class TlsReloadTest {
  @Test
  void renewedFilesAreServedWithoutRestartAndBrokenOnesAreIgnored(@TempDir Path dir)
      throws Exception {
    Path live = Files.createDirectories(dir.resolve("live"));
    Path first = Files.createDirectories(dir.resolve("first"));
    Path second = Files.createDirectories(dir.resolve("second"));
    TlsTest.makeCertificate(first);
    TlsTest.makeCertificate(second);
    copyPair(first, live);
    TlsMaterial tls = TlsMaterial.load(live.resolve("cert.pem"), live.resolve("key.pem"));
    DfsServer server =
        new DfsServer(
            new Listeners("127.0.0.1", -1, 0, tls),
            2_000,
            LocalStore.open(Files.createDirectories(dir.resolve("data"))),
            new SigV4Authenticator(
                new StaticCredentialStore(
                    List.of(new Credential("root", "TLSKEY", "tls-secret-0123456789")), Map.of()),
                Clock.systemUTC(),
                false),
            new S3Settings("us-east-1", null),
            ManagementSettings.defaults(),
            false);
    server.start();
    try {
      BigInteger firstSerial = servedSerial(server.tlsPort());
      Files.writeString(live.resolve("key.pem"), "not a key"); // a half-written renewal
      Thread.sleep(TlsConnectors.RELOAD_CHECK.toMillis() * 2);
      assertThat(servedSerial(server.tlsPort())).as("still the old one").isEqualTo(firstSerial);

      copyPair(second, live);
      BigInteger served = firstSerial;
      long deadline = System.nanoTime() + TlsConnectors.RELOAD_CHECK.toNanos() * 6;
      while (served.equals(firstSerial) && System.nanoTime() < deadline) {
        Thread.sleep(200);
        served = servedSerial(server.tlsPort());
      }
      assertThat(served).as("the renewed certificate").isNotEqualTo(firstSerial);
    } finally {
      server.stop();
    }
  }

  private static void copyPair(Path from, Path to) throws Exception {
    for (String f : List.of("cert.pem", "key.pem")) {
      Files.copy(from.resolve(f), to.resolve(f), StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /** Serial number of the certificate a fresh handshake is served (trusting anything). */
  private static BigInteger servedSerial(int port) throws Exception {
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(
        null,
        new TrustManager[] {
          new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] c, String a) {}

            @Override
            public void checkServerTrusted(X509Certificate[] c, String a) {}

            @Override
            public X509Certificate[] getAcceptedIssuers() {
              return new X509Certificate[0];
            }
          }
        },
        null);
    try (SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket("127.0.0.1", port)) {
      s.startHandshake();
      return ((X509Certificate) s.getSession().getPeerCertificates()[0]).getSerialNumber();
    }
  }
}
