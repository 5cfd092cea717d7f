package dev.dfs.store.cluster.data;

import dev.dfs.store.local.ChunkVolume;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * A node's chunk service: its own Jetty server and listener (separate from the S3 endpoint, so it
 * can bind to the cluster network only) serving {@link ChunkHandler} for one {@link ChunkVolume},
 * on virtual threads, over plain HTTP or mutual TLS ({@link PeerTransport}). Start with {@link
 * #start}; {@link #close} stops it. Thread-safe.
 */
public final class ChunkService implements AutoCloseable {
  /** How far a peer's clock may be from ours; also how long a nonce is remembered. */
  public static final Duration CLOCK_WINDOW = Duration.ofSeconds(30);

  /** Nonces remembered at most (about 3,300 requests a second for the whole window). */
  static final int MAX_NONCES = 200_000;

  private static final long IDLE_TIMEOUT_MILLIS = 30_000;

  private final Server jetty;
  private final ServerConnector connector;
  private final String host;
  private final PeerTransport transport;

  private ChunkService(
      Server jetty, ServerConnector connector, String host, PeerTransport transport) {
    this.jetty = jetty;
    this.connector = connector;
    this.host = host;
    this.transport = transport;
  }

  /**
   * Starts serving {@code volume} as node {@code nodeId} on {@code host:port} (port 0: an ephemeral
   * port, see {@link #port}).
   */
  public static ChunkService start(
      String nodeId, ChunkVolume volume, ClusterSecret secret, String host, int port, Clock clock)
      throws Exception {
    return start(
        nodeId,
        volume,
        secret,
        host,
        port,
        clock,
        () -> new NodeInfo(nodeId, "", java.util.Optional.empty(), -1, -1, ""));
  }

  /** {@link #start}, answering {@code GET /v1/node} with {@code info}'s current value. */
  public static ChunkService start(
      String nodeId,
      ChunkVolume volume,
      ClusterSecret secret,
      String host,
      int port,
      Clock clock,
      java.util.function.Supplier<NodeInfo> info)
      throws Exception {
    return start(
        nodeId,
        volume,
        secret,
        host,
        port,
        clock,
        info,
        params -> new MemberRequests.Answer(503, "this node takes no membership requests"));
  }

  /**
   * {@link #start}, also answering membership requests ({@code POST /v1/members}) with {@code
   * members}.
   */
  public static ChunkService start(
      String nodeId,
      ChunkVolume volume,
      ClusterSecret secret,
      String host,
      int port,
      Clock clock,
      java.util.function.Supplier<NodeInfo> info,
      MemberRequests members)
      throws Exception {
    return start(nodeId, volume, secret, PeerTransport.plain(), host, port, clock, info, members);
  }

  /**
   * {@link #start}, speaking {@code transport} (plain HTTP or mutual TLS with the cluster identity;
   * a peer speaking the other is refused at its first bytes).
   */
  public static ChunkService start(
      String nodeId,
      ChunkVolume volume,
      ClusterSecret secret,
      PeerTransport transport,
      String host,
      int port,
      Clock clock,
      java.util.function.Supplier<NodeInfo> info,
      MemberRequests members)
      throws Exception {
    QueuedThreadPool threads = new QueuedThreadPool();
    threads.setName("dfs-chunks");
    threads.setVirtualThreadsExecutor(Executors.newVirtualThreadPerTaskExecutor());
    Server jetty = new Server(threads);
    HttpConfiguration http = new HttpConfiguration();
    http.setSendServerVersion(false);
    http.setSendDateHeader(false);
    ServerConnector connector = transport.connector(jetty, http);
    connector.setHost(host);
    connector.setPort(port);
    connector.setIdleTimeout(IDLE_TIMEOUT_MILLIS);
    jetty.addConnector(connector);
    PeerAuthenticator auth = new PeerAuthenticator(secret, clock, CLOCK_WINDOW, MAX_NONCES);
    jetty.setHandler(new ChunkHandler(nodeId, volume, secret, auth, info, members));
    jetty.setStopTimeout(5_000);
    try {
      jetty.start();
    } catch (Exception e) {
      jetty.stop();
      throw e;
    }
    return new ChunkService(jetty, connector, host, transport);
  }

  /** The bound port. */
  public int port() {
    return connector.getLocalPort();
  }

  /** The base URI peers reach this service at. */
  public URI address() {
    return URI.create(transport.scheme() + "://" + host + ":" + port());
  }

  @Override
  public void close() throws Exception {
    jetty.stop();
  }
}
