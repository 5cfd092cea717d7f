package dev.dfs.store.cluster.data;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLEngine;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.io.ssl.SslHandshakeListener;
import org.eclipse.jetty.server.ConnectionFactory;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.DetectorConnectionFactory;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first connection factory of a chunk listener: it looks at a connection's first bytes and
 * hands the connection on only when the peer speaks this node's {@link PeerTransport} (a TLS record
 * on a TLS listener, anything else on a plaintext one). A peer speaking the other is logged, with
 * the setting to fix, and its connection closed at once: a plaintext node and a TLS node refuse
 * each other within a round trip instead of waiting for a timeout. Failed TLS handshakes (a peer
 * with another {@code DFS_CLUSTER_SECRET}) are logged too ({@link #handshakeFailures}).
 *
 * <p>A misconfigured peer retries every second, so each of these lines is written at most once a
 * minute per peer host. Thread-safe.
 */
final class TransportGuard extends DetectorConnectionFactory {
  private static final Logger log = LoggerFactory.getLogger(TransportGuard.class);
  private static final long QUIET_NANOS = 60_000_000_000L;
  private static final Map<String, Long> lastLogged = new ConcurrentHashMap<>();

  private final boolean tls;

  private TransportGuard(ConnectionFactory.Detecting accepted, boolean tls) {
    super(accepted);
    this.tls = tls;
  }

  /** For a TLS listener: TLS goes on to {@code ssl}, plaintext is refused. */
  static TransportGuard tls(SslConnectionFactory ssl) {
    return new TransportGuard(ssl, true);
  }

  /** For a plaintext listener: HTTP goes on, a TLS handshake is refused. */
  static TransportGuard plaintext(HttpConfiguration http) {
    return new TransportGuard(new PlainHttp(http), false);
  }

  /** Not what this listener speaks: log and close. */
  @Override
  protected void nextProtocol(Connector connector, EndPoint endPoint, ByteBuffer buffer) {
    SocketAddress remote = endPoint.getRemoteSocketAddress();
    String peer = String.valueOf(remote);
    String host = remote instanceof InetSocketAddress a ? a.getHostString() : peer;
    if (quietEnough("transport " + host)) {
      log.warn(
          tls
              ? "refused a plaintext connection from {} on this node's TLS chunk port: that node"
                  + " runs with cluster TLS off; every node needs the same DFS_CLUSTER_TLS (auto"
                  + " follows DFS_TLS_CERT)"
              : "refused a TLS connection from {} on this node's plaintext chunk port: that node"
                  + " runs with cluster TLS on; every node needs the same DFS_CLUSTER_TLS (auto"
                  + " follows DFS_TLS_CERT)",
          peer);
    }
    endPoint.close();
  }

  /** Logs TLS handshakes that failed: the usual cause is a peer without the cluster's secret. */
  static SslHandshakeListener handshakeFailures() {
    return new SslHandshakeListener() {
      @Override
      public void handshakeFailed(Event event, Throwable failure) {
        SSLEngine engine = event.getSSLEngine();
        String peer = engine.getPeerHost() + ":" + engine.getPeerPort();
        if (quietEnough("handshake " + engine.getPeerHost())) {
          log.warn(
              "TLS handshake with {} on the chunk port failed ({}): a peer must hold the same"
                  + " DFS_CLUSTER_SECRET",
              peer,
              failure.toString());
        }
      }
    };
  }

  /** Whether a line about {@code key} may be logged now (none in the last minute). */
  private static boolean quietEnough(String key) {
    long now = System.nanoTime(); // an interval, not a time of day: the node's clock is not needed
    Long last = lastLogged.get(key);
    if (last != null && now - last < QUIET_NANOS) return false;
    if (lastLogged.size() > 10_000) lastLogged.clear(); // bounded: a scan from many hosts
    lastLogged.put(key, now);
    return true;
  }

  /** Plain HTTP/1.1 that recognises a connection whose first byte does not start a TLS record. */
  private static final class PlainHttp extends HttpConnectionFactory
      implements ConnectionFactory.Detecting {
    /** The content type of a TLS handshake record: every TLS connection starts with it. */
    private static final byte TLS_HANDSHAKE = 0x16;

    PlainHttp(HttpConfiguration http) {
      super(http);
    }

    @Override
    public Detection detect(ByteBuffer buffer) {
      if (!buffer.hasRemaining()) return Detection.NEED_MORE_BYTES;
      return buffer.get(buffer.position()) == TLS_HANDSHAKE
          ? Detection.NOT_RECOGNIZED
          : Detection.RECOGNIZED;
    }
  }
}
