package dev.dfs.server;

import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * Builds the HTTPS connector: TLS 1.2+ with the JDK's default cipher suites, HTTP/1.1 inside, and a
 * {@link TlsReloader} bean that swaps in renewed certificate files.
 */
final class TlsConnectors {
  /** How often the certificate files are checked for a renewal. */
  static final java.time.Duration RELOAD_CHECK = java.time.Duration.ofSeconds(5);

  private TlsConnectors() {}

  static ServerConnector https(Server jetty, HttpConfiguration plain, TlsMaterial tls) {
    SslContextFactory.Server ssl = new SslContextFactory.Server();
    ssl.setKeyStore(tls.keyStore());
    ssl.setKeyStorePassword(tls.password());
    ssl.setKeyManagerPassword(tls.password());
    ssl.setIncludeProtocols("TLSv1.3", "TLSv1.2");
    HttpConfiguration https = new HttpConfiguration(plain);
    SecureRequestCustomizer secure = new SecureRequestCustomizer();
    // Clients reach a self-hosted server by IP address or any name; S3 does not check SNI.
    secure.setSniHostCheck(false);
    https.addCustomizer(secure);
    if (tls.certPem() != null) {
      jetty.addBean(new TlsReloader(ssl, tls.certPem(), tls.keyPem(), RELOAD_CHECK));
    }
    return new ServerConnector(
        jetty, new SslConnectionFactory(ssl, "http/1.1"), new HttpConnectionFactory(https));
  }
}
