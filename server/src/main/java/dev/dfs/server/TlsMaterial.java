package dev.dfs.server;

import dev.dfs.server.config.ConfigException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Collection;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A server certificate chain and its private key read from PEM files (as {@code certbot} or
 * {@code openssl} write them), held as an in-memory key store for Jetty. Private keys in PKCS#8
 * ({@code BEGIN PRIVATE KEY}, RSA or EC) and PKCS#1 ({@code BEGIN RSA PRIVATE KEY}) form are
 * accepted; encrypted keys are not. Immutable.
 */
public final class TlsMaterial {
  private static final Pattern PEM = Pattern.compile(
      "-----BEGIN ([A-Z ]+)-----([A-Za-z0-9+/=\\s]+)-----END \\1-----");

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
    PrivateKey key = readKey(keyPem);
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
      Collection<? extends Certificate> chain = CertificateFactory.getInstance("X.509")
          .generateCertificates(new ByteArrayInputStream(pem));
      if (chain.isEmpty()) throw new IOException("no certificate found");
      return chain;
    } catch (IOException | GeneralSecurityException e) {
      throw new ConfigException("Invalid value for DFS_TLS_CERT: '" + certPem
          + "' (expected a readable PEM file with the certificate chain: " + e.getMessage() + ")");
    }
  }

  private static PrivateKey readKey(Path keyPem) {
    String text;
    try {
      text = Files.readString(keyPem, StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw keyError(keyPem, "cannot read it: " + e.getMessage());
    }
    Matcher m = PEM.matcher(text);
    while (m.find()) {
      String type = m.group(1);
      byte[] der = Base64.getMimeDecoder().decode(m.group(2));
      try {
        switch (type) {
          case "PRIVATE KEY" -> {
            return pkcs8(der);
          }
          case "RSA PRIVATE KEY" -> {
            return KeyFactory.getInstance("RSA").generatePrivate(
                new PKCS8EncodedKeySpec(Pkcs1.wrapRsa(der)));
          }
          case "ENCRYPTED PRIVATE KEY" -> throw keyError(keyPem,
              "the key is encrypted; decrypt it first (openssl pkey -in KEY -out PLAIN)");
          default -> { }
        }
      } catch (GeneralSecurityException e) {
        throw keyError(keyPem, e.getMessage());
      }
    }
    throw keyError(keyPem, "no 'PRIVATE KEY' or 'RSA PRIVATE KEY' block found");
  }

  private static PrivateKey pkcs8(byte[] der) throws GeneralSecurityException {
    GeneralSecurityException last = null;
    for (String algorithm : new String[] {"RSA", "EC", "Ed25519"}) {
      try {
        return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
      } catch (GeneralSecurityException e) {
        last = e;
      }
    }
    throw last;
  }

  private static ConfigException keyError(Path keyPem, String why) {
    return new ConfigException("Invalid value for DFS_TLS_KEY: '" + keyPem
        + "' (expected an unencrypted PEM private key: " + why + ")");
  }

  /** Wraps a PKCS#1 RSAPrivateKey in the PKCS#8 PrivateKeyInfo structure Java reads. */
  private static final class Pkcs1 {
    private static final byte[] RSA_ALGORITHM = {
      0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01,
      0x01, 0x01, 0x05, 0x00
    };

    static byte[] wrapRsa(byte[] pkcs1) {
      byte[] octets = tlv(0x04, pkcs1);
      byte[] version = {0x02, 0x01, 0x00};
      byte[] body = concat(version, RSA_ALGORITHM, octets);
      return tlv(0x30, body);
    }

    private static byte[] tlv(int tag, byte[] value) {
      byte[] len = length(value.length);
      byte[] out = new byte[1 + len.length + value.length];
      out[0] = (byte) tag;
      System.arraycopy(len, 0, out, 1, len.length);
      System.arraycopy(value, 0, out, 1 + len.length, value.length);
      return out;
    }

    private static byte[] length(int n) {
      if (n < 0x80) return new byte[] {(byte) n};
      if (n < 0x100) return new byte[] {(byte) 0x81, (byte) n};
      if (n < 0x10000) return new byte[] {(byte) 0x82, (byte) (n >> 8), (byte) n};
      return new byte[] {(byte) 0x83, (byte) (n >> 16), (byte) (n >> 8), (byte) n};
    }

    private static byte[] concat(byte[]... parts) {
      int n = 0;
      for (byte[] p : parts) n += p.length;
      byte[] out = new byte[n];
      int at = 0;
      for (byte[] p : parts) {
        System.arraycopy(p, 0, out, at, p.length);
        at += p.length;
      }
      return out;
    }
  }
}
