package dev.dfs.store.cluster.meta;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.NamedParameterSpec;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;

/**
 * The TLS identity every node of a cluster shares, derived from the cluster secret alone: an
 * Ed25519 key pair and one self-signed certificate for it. A node presents it and trusts nothing
 * else ({@link PinnedTrustManager}), so a TLS handshake between two nodes succeeds only if both
 * hold the same secret. The one place the cluster's TLS key and certificate come from: the Raft
 * transport ({@link RaftTls}) and the chunk transport ({@link #sslContext}) use the same identity.
 *
 * <h2>Why deterministic</h2>
 *
 * The secret is the cluster's trust root: whoever holds it may already sign metadata entries and
 * chunk requests. Deriving the key from it (instead of generating and distributing one) adds no new
 * secret to manage and no file to copy: every node computes the same key and certificate on start.
 * The derivation is fixed by specification, not by a JDK detail: the Ed25519 private key is 32
 * bytes (RFC 8032), here HMAC-SHA256(secret, label); Ed25519 signatures are deterministic, and the
 * certificate's fields are constants, so every node on any JDK builds byte-identical certificates.
 * Changing the secret changes the identity.
 *
 * <p>Immutable and thread-safe.
 *
 * @param key the private key (never logged)
 * @param certificate the self-signed certificate of the public key (subject CN=dfs-cluster)
 */
public record SecretIdentity(PrivateKey key, X509Certificate certificate) {
  private static final String LABEL = "dfs-cluster-tls-identity/v1";
  private static final byte[] ED25519 = {0x06, 0x03, 0x2B, 0x65, 0x70};
  private static final byte[] COMMON_NAME = {0x06, 0x03, 0x55, 0x04, 0x03};

  @Override
  public String toString() {
    return "SecretIdentity[" + certificate.getSubjectX500Principal() + ", key redacted]";
  }

  /** Derives the identity of {@code secret}; the same secret gives byte-identical results. */
  public static SecretIdentity derive(String secret) {
    try {
      byte[] seed =
          hmac(secret.getBytes(StandardCharsets.UTF_8), LABEL.getBytes(StandardCharsets.US_ASCII));
      KeyPairGenerator g = KeyPairGenerator.getInstance("Ed25519");
      g.initialize(NamedParameterSpec.ED25519, new FixedBytes(seed));
      KeyPair pair = g.generateKeyPair();
      return new SecretIdentity(pair.getPrivate(), selfSigned(pair));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Ed25519 missing from this JDK", e);
    }
  }

  /**
   * A TLS 1.3 context that presents this identity and trusts only it ({@link PinnedTrustManager}),
   * for the JDK's TLS as Jetty uses it (the chunk service and its client). Both ends are DFS nodes,
   * so TLS 1.3 alone is offered. Each call builds a new context.
   */
  public SSLContext sslContext() {
    try {
      char[] none = new char[0];
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      store.setKeyEntry("dfs-cluster", key, none, new Certificate[] {certificate});
      KeyManagerFactory keys = KeyManagerFactory.getInstance("PKIX");
      keys.init(store, none);
      SSLContext context = SSLContext.getInstance("TLSv1.3");
      context.init(
          keys.getKeyManagers(),
          new TrustManager[] {new PinnedTrustManager(certificate)},
          new SecureRandom());
      return context;
    } catch (GeneralSecurityException | java.io.IOException e) {
      throw new IllegalStateException("cannot build the cluster's TLS context", e);
    }
  }

  private static byte[] hmac(byte[] key, byte[] data) throws GeneralSecurityException {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(key, "HmacSHA256"));
    return mac.doFinal(data);
  }

  /** An X.509 v3 certificate without extensions, issuer = subject, valid from 2000 to 9999. */
  private static X509Certificate selfSigned(KeyPair pair) throws GeneralSecurityException {
    byte[] algorithm = der(0x30, ED25519);
    byte[] name =
        der(
            0x30,
            der(
                0x31,
                der(
                    0x30,
                    COMMON_NAME,
                    der(0x0C, "dfs-cluster".getBytes(StandardCharsets.US_ASCII)))));
    byte[] validity =
        der(
            0x30,
            der(0x17, "000101000000Z".getBytes(StandardCharsets.US_ASCII)),
            der(0x18, "99991231235959Z".getBytes(StandardCharsets.US_ASCII)));
    byte[] tbs =
        der(
            0x30,
            der(0xA0, der(0x02, new byte[] {2})), // version v3
            der(0x02, new byte[] {1}), // serial number
            algorithm,
            name,
            validity,
            name,
            pair.getPublic().getEncoded()); // SubjectPublicKeyInfo
    Signature signer = Signature.getInstance("Ed25519");
    signer.initSign(pair.getPrivate());
    signer.update(tbs);
    byte[] signature = signer.sign();
    byte[] bits = new byte[signature.length + 1]; // leading byte: no unused bits
    System.arraycopy(signature, 0, bits, 1, signature.length);
    byte[] cert = der(0x30, tbs, algorithm, der(0x03, bits));
    return (X509Certificate)
        CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(cert));
  }

  /** A DER tag-length-value of the concatenated parts. */
  private static byte[] der(int tag, byte[]... parts) {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    for (byte[] p : parts) body.writeBytes(p);
    int n = body.size();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(tag);
    if (n < 0x80) {
      out.write(n);
    } else if (n < 0x100) {
      out.write(0x81);
      out.write(n);
    } else {
      out.write(0x82);
      out.write(n >> 8);
      out.write(n & 0xFF);
    }
    out.writeBytes(body.toByteArray());
    return out.toByteArray();
  }

  /** A "random" source that yields the seed: Ed25519 key generation draws exactly 32 bytes. */
  private static final class FixedBytes extends SecureRandom {
    private final byte[] bytes;

    FixedBytes(byte[] bytes) {
      this.bytes = bytes.clone();
    }

    @Override
    public void nextBytes(byte[] out) {
      if (out.length != bytes.length) {
        throw new IllegalStateException(
            "Ed25519 key generation asked for " + out.length + " bytes, not 32");
      }
      System.arraycopy(bytes, 0, out, 0, out.length);
    }
  }
}
