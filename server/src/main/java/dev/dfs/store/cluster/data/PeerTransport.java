package dev.dfs.store.cluster.data;

import dev.dfs.store.cluster.meta.SecretIdentity;
import java.net.URI;
import javax.net.ssl.SSLContext;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.jspecify.annotations.Nullable;

/**
 * How nodes speak HTTP to each other (chunk traffic, node polls, membership requests): plaintext,
 * or mutual TLS with the cluster's {@link SecretIdentity}, the same key and certificate the Raft
 * transport uses. Every node of a cluster must use the same transport: the listener recognises a
 * peer that speaks the other one from its first bytes, logs it ({@link TransportGuard}) and closes
 * the connection, so the mismatch fails at once instead of hanging.
 *
 * <h2>Trust</h2>
 *
 * The server requires a client certificate; both ends accept only the pinned cluster certificate
 * (byte for byte, and the handshake proves the peer holds its private key), so a TLS connection
 * succeeds only between holders of {@code DFS_CLUSTER_SECRET}. Host names are not checked (the
 * client's endpoint identification is off, the server checks no SNI): the trust anchor is the
 * pinned certificate, which every node presents whatever host or IP its peers reach it on, so a
 * name check could only refuse genuine peers, never an impostor. The HMAC request signatures
 * ({@link RequestSignature}) stay on top: they bind each body to its header and refuse replays.
 *
 * <p>Immutable and thread-safe.
 */
public final class PeerTransport {
  private static final PeerTransport PLAIN = new PeerTransport(null);

  /** The pinned identity's TLS context; null for plain HTTP. */
  private final @Nullable SSLContext tls;

  private PeerTransport(@Nullable SSLContext tls) {
    this.tls = tls;
  }

  /** Plain HTTP: requests are authenticated by their signatures but not encrypted. */
  public static PeerTransport plain() {
    return PLAIN;
  }

  /** Mutual TLS with the identity derived from {@code secret} ({@link SecretIdentity}). */
  public static PeerTransport tls(String secret) {
    return new PeerTransport(SecretIdentity.derive(secret).sslContext());
  }

  /** Whether connections are TLS. */
  public boolean isTls() {
    return tls != null;
  }

  /** The URI scheme peers are reached with: {@code https} or {@code http}. */
  String scheme() {
    return isTls() ? "https" : "http";
  }

  /** {@code address} (scheme, host and port of a peer) with this transport's scheme. */
  URI base(URI address) {
    return scheme().equals(address.getScheme())
        ? address
        : URI.create(scheme() + "://" + address.getRawAuthority());
  }

  /** A listener on {@code jetty} speaking this transport, refusing peers that speak the other. */
  ServerConnector connector(Server jetty, HttpConfiguration http) {
    SSLContext context = tls;
    if (context == null) {
      return new ServerConnector(
          jetty, TransportGuard.plaintext(http), new HttpConnectionFactory(http));
    }
    HttpConfiguration https = new HttpConfiguration(http);
    SecureRequestCustomizer secure = new SecureRequestCustomizer();
    secure.setSniHostCheck(false); // peers reach a node by any host or IP; the pin is the anchor
    https.addCustomizer(secure);
    HttpConnectionFactory plainHttp = new HttpConnectionFactory(https);
    SslContextFactory.Server ssl = new SslContextFactory.Server();
    ssl.setSslContext(context);
    ssl.setNeedClientAuth(true);
    ssl.setIncludeProtocols("TLSv1.3");
    SslConnectionFactory tlsFactory = new SslConnectionFactory(ssl, plainHttp.getProtocol());
    ServerConnector connector =
        new ServerConnector(jetty, TransportGuard.tls(tlsFactory), tlsFactory, plainHttp);
    connector.addBean(TransportGuard.handshakeFailures());
    return connector;
  }

  /** Sets the client's TLS up for this transport (nothing for plaintext); before it starts. */
  void configure(HttpClient client) {
    SSLContext context = tls;
    if (context == null) return;
    SslContextFactory.Client ssl = new SslContextFactory.Client();
    ssl.setSslContext(context);
    ssl.setIncludeProtocols("TLSv1.3");
    ssl.setEndpointIdentificationAlgorithm(null); // the pinned certificate is the anchor
    client.setSslContextFactory(ssl);
  }

  @Override
  public String toString() {
    return isTls() ? "PeerTransport[mutual TLS]" : "PeerTransport[plain HTTP]";
  }
}
