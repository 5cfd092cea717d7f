package dev.dfs.server.cluster;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Whom a follower trusts when it forwards a write to the leader's HTTPS listener: the certificate
 * this node itself serves on its own S3 listener, byte for byte (a cluster whose nodes share one
 * certificate, self-signed or not), or else any certificate the JVM's trust store accepts for the
 * leader's host name (a CA the operator trusts, e.g. through {@code javax.net.ssl.trustStore}).
 *
 * <p>Why not trust everything: the forwarded request carries the client's body and signed headers;
 * an impostor on the cluster network must not be able to read them. Why no host-name check in the
 * first case: a certificate this node holds the key of is the trust anchor itself, and the leader
 * is addressed by the host of its {@code DFS_CLUSTER_ADDRESS}, which a shared certificate need not
 * name. Nodes with different self-signed certificates cannot verify each other: their forwarded
 * writes fail (503) and the log says why. Thread-safe; {@code own} is read at every handshake, so a
 * renewed certificate is followed.
 */
final class LeaderTrust extends X509ExtendedTrustManager {
  private final Supplier<List<X509Certificate>> own;
  private final X509ExtendedTrustManager jvm;

  private LeaderTrust(Supplier<List<X509Certificate>> own, X509ExtendedTrustManager jvm) {
    this.own = own;
    this.jvm = jvm;
  }

  /** A client TLS context trusting {@code own} (this node's S3 certificates) and the JVM's CAs. */
  static SSLContext context(Supplier<List<X509Certificate>> own) {
    try {
      TrustManagerFactory f =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      f.init((KeyStore) null);
      X509ExtendedTrustManager jvm = null;
      for (TrustManager t : f.getTrustManagers()) {
        if (t instanceof X509ExtendedTrustManager x) jvm = x;
      }
      if (jvm == null) throw new IllegalStateException("the JVM offers no X.509 trust manager");
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, new TrustManager[] {new LeaderTrust(own, jvm)}, null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot build the forwarding TLS context", e);
    }
  }

  private boolean isOwn(X509Certificate[] chain) throws CertificateException {
    if (chain == null || chain.length == 0) return false;
    byte[] leaf = chain[0].getEncoded();
    for (X509Certificate c : own.get()) {
      if (MessageDigest.isEqual(c.getEncoded(), leaf)) return true;
    }
    return false;
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    if (!isOwn(chain)) jvm.checkServerTrusted(chain, authType, engine);
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    if (!isOwn(chain)) jvm.checkServerTrusted(chain, authType, socket);
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    if (!isOwn(chain)) jvm.checkServerTrusted(chain, authType);
  }

  /** This side is only ever a client: no client is trusted. */
  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    throw new CertificateException("the forwarding client accepts no TLS clients");
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    checkClientTrusted(chain, authType);
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    checkClientTrusted(chain, authType);
  }

  @Override
  public X509Certificate[] getAcceptedIssuers() {
    return jvm.getAcceptedIssuers();
  }
}
