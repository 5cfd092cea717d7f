package dev.dfs.store.cluster.meta;

import java.net.Socket;
import java.security.MessageDigest;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Trusts exactly one certificate: the cluster's {@link SecretIdentity}. A peer is accepted, as
 * client or server, only if the certificate it presents is byte for byte the pinned one (and the
 * TLS handshake proved it holds the matching private key).
 *
 * <p>No host name is checked, on purpose: every node presents the same certificate, the peer's
 * identity is "holds the cluster secret", not a name, and nodes are addressed by whatever host or
 * IP {@code DFS_CLUSTER_SEEDS} gives. Being an {@link X509ExtendedTrustManager}, the JDK does not
 * add its own host name check around it. Immutable and thread-safe.
 */
final class PinnedTrustManager extends X509ExtendedTrustManager {
  private final X509Certificate pinned;
  private final byte[] encoded;

  PinnedTrustManager(X509Certificate pinned) {
    this.pinned = pinned;
    try {
      this.encoded = pinned.getEncoded();
    } catch (CertificateEncodingException e) {
      throw new IllegalArgumentException("certificate cannot be encoded", e);
    }
  }

  private void check(X509Certificate[] chain) throws CertificateException {
    if (chain == null
        || chain.length == 0
        || !MessageDigest.isEqual(chain[0].getEncoded(), encoded)) {
      throw new CertificateException(
          "peer does not hold this cluster's secret (unknown certificate)");
    }
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    check(chain);
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    check(chain);
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    check(chain);
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    check(chain);
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    check(chain);
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    check(chain);
  }

  @Override
  public X509Certificate[] getAcceptedIssuers() {
    return new X509Certificate[] {pinned};
  }
}
