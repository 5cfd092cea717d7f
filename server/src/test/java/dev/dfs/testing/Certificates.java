package dev.dfs.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

/**
 * Certificates for TLS tests, made with openssl as a user would: a self-signed certificate for
 * 127.0.0.1 and localhost, and trust managers that trust one PEM certificate.
 */
public final class Certificates {
  private Certificates() {}

  /** Runs {@code openssl args} in {@code dir}; fails the test with its output on an error. */
  public static void openssl(Path dir, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("openssl"));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
  }

  /**
   * Writes {@code cert.pem} and {@code key.pem} (RSA 2048, PKCS#8, two days) into {@code dir}
   * (created if missing) and returns {@code dir}.
   */
  public static Path selfSigned(Path dir) throws Exception {
    Files.createDirectories(dir);
    openssl(
        dir,
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-keyout",
        "key.pem",
        "-out",
        "cert.pem",
        "-days",
        "2",
        "-subj",
        "/CN=localhost",
        "-addext",
        "subjectAltName=IP:127.0.0.1,DNS:localhost");
    return dir;
  }

  /** Trust managers that trust exactly the certificate in {@code certPem}. */
  public static TrustManager[] trusting(Path certPem) throws Exception {
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    try (InputStream in = Files.newInputStream(certPem)) {
      trust.setCertificateEntry(
          "dfs", CertificateFactory.getInstance("X.509").generateCertificate(in));
    }
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    return tmf.getTrustManagers();
  }
}
