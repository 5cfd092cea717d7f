package dev.dfs.server.cluster;

import dev.dfs.store.ClusterView;
import java.net.URI;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.proxy.ProxyHandler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Streams one request to the leader's S3 listener and its answer back, through Jetty's {@link
 * ProxyHandler}: bodies flow with back-pressure both ways (memory stays flat whatever the size),
 * {@code Expect: 100-continue} waits for the leader's {@code 100} (unless this node answered it
 * itself and took the header out, {@link ContinueHere}), a body without {@code Content-Length} goes
 * on chunked, and the leader's status, headers and body (errors included) come back unchanged. The
 * method, raw path and query and every end-to-end header, {@code Host} included, travel byte for
 * byte, so the client's SigV4 signature verifies on the leader; the signed {@code
 * X-Dfs-Forwarded-*} headers of {@link ForwardedFor} are put in, replacing any a client sent.
 *
 * <p>Failures: the leader refusing, not answering within {@code connectTimeout}, or going silent
 * for {@code idleTimeout} before it began to answer becomes a 503 from {@link Unavailable}, and so
 * does a leader that stops answering while another is elected ({@link LeaderWatch}); once it began
 * to answer, the client's connection is aborted instead, so a truncated answer never looks
 * complete. Thread-safe; started and stopped with the server.
 */
final class LeaderProxy extends ProxyHandler {
  private static final Logger LOG = LoggerFactory.getLogger(LeaderProxy.class);
  private static final String TARGET = LeaderProxy.class.getName() + ".target";
  private static final String ORIGIN = LeaderProxy.class.getName() + ".origin";

  /** How often a waiting exchange checks that its leader still leads ({@link LeaderWatch}). */
  private static final Duration WATCH_EVERY = Duration.ofMillis(250);

  private final ClusterView view;
  private final Unavailable unavailable;
  private final Clock clock;
  private final Duration connectTimeout;
  private final Duration idleTimeout;
  private final LeaderWatch watch;
  private final Supplier<List<X509Certificate>> ownCertificates;

  /**
   * @param ownCertificates the certificates this node's S3 listener serves now (none without TLS):
   *     a leader presenting one of them is trusted ({@link LeaderTrust})
   */
  LeaderProxy(
      ClusterView view,
      Unavailable unavailable,
      Clock clock,
      Duration connectTimeout,
      Duration idleTimeout,
      Supplier<List<X509Certificate>> ownCertificates) {
    this.ownCertificates = ownCertificates;
    this.view = view;
    this.unavailable = unavailable;
    this.clock = clock;
    this.connectTimeout = connectTimeout;
    this.idleTimeout = idleTimeout;
    this.watch = new LeaderWatch(view, WATCH_EVERY);
  }

  /**
   * Forwards {@code request} to {@code leader} on behalf of {@code origin} and completes {@code
   * callback} when the answer was relayed.
   */
  void forward(
      Request request, Response response, Callback callback, URI leader, ForwardedFor origin) {
    request.setAttribute(TARGET, leader);
    request.setAttribute(ORIGIN, origin);
    handle(request, response, callback);
  }

  @Override
  protected void configureHttpClient(HttpClient client) {
    super.configureHttpClient(client);
    client.setName("dfs-leader-proxy");
    client.setConnectTimeout(connectTimeout.toMillis());
    client.setIdleTimeout(idleTimeout.toMillis());
    client.setUserAgentField(null); // forward the client's User-Agent, add none
    // every write of a follower's clients goes through here: as many as its clients open
    client.setMaxConnectionsPerDestination(1024);
    // an HTTPS leader is verified (LeaderTrust): the forwarded body must not reach an impostor
    SslContextFactory.Client ssl = new SslContextFactory.Client();
    ssl.setSslContext(LeaderTrust.context(ownCertificates));
    ssl.setEndpointIdentificationAlgorithm("HTTPS");
    client.setSslContextFactory(ssl);
  }

  @Override
  protected HttpURI rewriteHttpURI(Request request) {
    URI leader = (URI) request.getAttribute(TARGET);
    return HttpURI.build(leader)
        .path(request.getHttpURI().getPath())
        .query(request.getHttpURI().getQuery());
  }

  /** Built from the raw path and query, not through java.net.URI, which would re-encode them. */
  @Override
  protected org.eclipse.jetty.client.Request newProxyToServerRequest(
      Request request, HttpURI target) {
    boolean tls = "https".equalsIgnoreCase(target.getScheme());
    int port = target.getPort() > 0 ? target.getPort() : tls ? 443 : 80;
    org.eclipse.jetty.client.Request toLeader =
        getHttpClient()
            .newRequest(target.getHost(), port)
            .scheme(tls ? "https" : "http")
            .method(request.getMethod())
            .path(request.getHttpURI().getPathQuery());
    watch.watch(toLeader, (URI) request.getAttribute(TARGET), getHttpClient().getScheduler());
    return toLeader;
  }

  /** Instead of Via and Forwarded: the signed origin the leader may trust. */
  @Override
  protected void addProxyHeaders(Request request, org.eclipse.jetty.client.Request toLeader) {
    ForwardedFor origin = (ForwardedFor) request.getAttribute(ORIGIN);
    long now = clock.millis();
    toLeader.headers(h -> origin.sign(view, request, now, h));
  }

  /** The leader's Date is dropped: this server adds its own. */
  @Override
  protected @Nullable HttpField filterServerToProxyResponseField(HttpField field) {
    return field.getHeader() == HttpHeader.DATE ? null : field;
  }

  private static boolean leaderChanged(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof LeaderWatch.LeaderChangedException) return true;
    }
    return false;
  }

  @Override
  protected void onServerToProxyResponseFailure(
      Request request,
      org.eclipse.jetty.client.Request toLeader,
      org.eclipse.jetty.client.Response fromLeader,
      Response response,
      Callback callback,
      Throwable failure) {
    URI leader = (URI) request.getAttribute(TARGET);
    boolean answering =
        (fromLeader != null && fromLeader.getStatus() > 0) || response.isCommitted();
    if (answering) {
      LOG.info(
          "forwarding {} {} to the leader at {} failed mid-answer; aborting the client's"
              + " connection: {}",
          request.getMethod(),
          request.getHttpURI().getPath(),
          leader,
          failure.toString());
      callback.failed(failure); // aborts: the client must not take a cut answer for whole
      return;
    }
    LOG.atLevel(
            failure instanceof javax.net.ssl.SSLException
                    || failure.getCause() instanceof javax.net.ssl.SSLException
                ? org.slf4j.event.Level.WARN
                : org.slf4j.event.Level.DEBUG)
        .log(
            "the leader at {} did not take {} {} (an HTTPS leader's certificate must be this node's"
                + " own or one the JVM trusts for its host): {}",
            leader,
            request.getMethod(),
            request.getHttpURI().getPath(),
            failure.toString());
    response.reset();
    unavailable.send(
        request,
        response,
        callback,
        leaderChanged(failure)
            ? "The cluster leader ("
                + leader.getAuthority()
                + ") stopped answering and "
                + LeaderWatch.LEADER_CHANGED
                + ". Retry: the request will reach the new one."
            : "The cluster leader ("
                + leader.getAuthority()
                + ") cannot be reached; the cluster may be electing a new one. Retry shortly.");
  }
}
