package dev.dfs.server;

import dev.dfs.server.config.ConfigException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import java.util.HexFormat;

/**
 * A server certificate chain and its private key read from PEM files (as {@code certbot} or {@code
 * openssl} write them), held as an in-memory key store for Jetty. The key formats accepted are
 * those of {@link PemPrivateKey}. Immutable.
 */
public final class TlsMaterial {
  private final KeyStore keyStore;
  private final String password;
  private final Path certPem;
  private final Path keyPem;

  private TlsMaterial(KeyStore keyStore, String password, Path certPem, Path keyPem) {
    this.keyStore = keyStore;
    this.password = password;
    this.certPem = certPem;
    this.keyPem = keyPem;
  }

  /** The certificate chain file this was loaded from ({@link TlsReloader} watches it). */
  public Path certPem() {
    return certPem;
  }

  /** The private key file this was loaded from. */
  public Path keyPem() {
    return keyPem;
  }

  public KeyStore keyStore() {
    return keyStore;
  }

  /** The (random, per-process) password of {@link #keyStore()}. */
  public String password() {
    return password;
  }

  /** Loads the pair; a ConfigException names the setting and what was expected. */
  public static TlsMaterial load(Path certPem, Path keyPem) {
    Collection<? extends Certificate> chain = readChain(certPem);
    PrivateKey key = PemPrivateKey.read(keyPem);
    try {
      byte[] random = new byte[16];
      new SecureRandom().nextBytes(random);
      String password = HexFormat.of().formatHex(random);
      KeyStore ks = KeyStore.getInstance("PKCS12");
      ks.load(null, null);
      ks.setKeyEntry("dfs", key, password.toCharArray(), chain.toArray(new Certificate[0]));
      return new TlsMaterial(ks, password, certPem, keyPem);
    } catch (GeneralSecurityException | IOException e) {
      throw new ConfigException("DFS_TLS_KEY does not belong to DFS_TLS_CERT: " + e.getMessage());
    }
  }

  private static Collection<? extends Certificate> readChain(Path certPem) {
    try {
      byte[] pem = Files.readAllBytes(certPem);
      Collection<? extends Certificate> chain =
          CertificateFactory.getInstance("X.509")
              .generateCertificates(new ByteArrayInputStream(pem));
      if (chain.isEmpty()) throw new IOException("no certificate found");
      return chain;
    } catch (IOException | GeneralSecurityException e) {
      throw new ConfigException(
          "Invalid value for DFS_TLS_CERT: '"
              + certPem
              + "' (expected a readable PEM file with the certificate chain: "
              + e.getMessage()
              + ")");
    }
  }
}
