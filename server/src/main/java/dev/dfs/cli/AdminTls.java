package dev.dfs.cli;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;
import org.jspecify.annotations.Nullable;

/**
 * Whom {@code dfs admin} trusts over HTTPS: the system's CAs ({@link #SYSTEM}), those plus the CAs
 * of a PEM bundle ({@code --ca-bundle}), or anyone ({@code --insecure}: no certificate or host name
 * check). Immutable.
 *
 * @param trustManagers the trust managers to use, or null for the JDK's defaults
 * @param trustAll whether certificates and host names go unchecked
 */
record AdminTls(TrustManager @Nullable [] trustManagers, boolean trustAll) {
  static final AdminTls SYSTEM = new AdminTls(null, false);
  static final AdminTls INSECURE = new AdminTls(new TrustManager[] {new TrustAll()}, true);

  /** The system's CAs plus those in the PEM file {@code bundle}; AdminFailure when unreadable. */
  static AdminTls bundle(Path bundle) {
    try (InputStream in = Files.newInputStream(bundle)) {
      KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
      store.load(null, null);
      int i = 0;
      for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
        store.setCertificateEntry("bundle-" + i++, c);
      }
      if (i == 0) throw new AdminFailure("--ca-bundle " + bundle + " holds no PEM certificate");
      for (TrustManager m : managers(null)) {
        if (!(m instanceof X509TrustManager system)) continue;
        for (X509Certificate c : system.getAcceptedIssuers()) {
          store.setCertificateEntry("system-" + i++, c);
        }
      }
      return new AdminTls(managers(store).toArray(TrustManager[]::new), false);
    } catch (IOException | GeneralSecurityException e) {
      throw new AdminFailure("cannot read --ca-bundle " + bundle + ": " + e.getMessage());
    }
  }

  /** An SSL context with these trust managers. */
  SSLContext context() {
    try {
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(null, trustManagers, null);
      return ctx;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<TrustManager> managers(@Nullable KeyStore store)
      throws GeneralSecurityException {
    TrustManagerFactory f =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    f.init(store);
    return List.of(f.getTrustManagers());
  }

  /** Accepts every chain and host (--insecure). */
  private static final class TrustAll extends X509ExtendedTrustManager {
    @Override
    public void checkServerTrusted(X509Certificate[] chain, String auth, Socket socket) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String auth, SSLEngine engine) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String auth) {}

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String auth, Socket socket) {}

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String auth, SSLEngine engine) {}

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String auth) {}

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
