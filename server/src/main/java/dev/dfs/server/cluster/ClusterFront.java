package dev.dfs.server.cluster;

import dev.dfs.store.ClusterStatus;
import dev.dfs.store.ClusterView;
import dev.dfs.store.StoreError;
import dev.dfs.store.StoreException;
import dev.dfs.util.RequestIds;
import java.net.URI;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.Callback;

/**
 * Lets any node of a cluster serve any request, in front of the S3 and management handlers. Per
 * request, in this order:
 *
 * <ol>
 *   <li>{@code X-Dfs-Forwarded-*} headers are checked: signed by a peer ({@link ForwardedFor}), the
 *       handlers behind see the client's address and transport ({@link TrustedRequest}); from
 *       anyone else they are ignored.
 *   <li>A write (any method but GET, HEAD, OPTIONS) is served here on the leader; on another node
 *       it is forwarded to the leader ({@link LeaderProxy}), counted in {@link
 *       #forwardedRequests()}. A forwarded write that reaches a node which is no longer the leader
 *       is refused with 503, so a request makes at most one hop and never loops. Membership changes
 *       ({@code /api/v1/cluster/…}) are the exception: they are served here, because the cluster's
 *       admin hands them to the leader itself, and a transfer of leadership would otherwise cut off
 *       its own forwarded answer (the proxy fails an exchange whose leader changed) although it
 *       succeeded.
 *   <li>A read (GET, HEAD) waits for {@link ClusterView#readBarrier()} once, so it sees every write
 *       acknowledged before it began; health, readiness, metrics, the cluster's own status and the
 *       API docs skip the barrier (they must answer while there is no quorum). OPTIONS (CORS
 *       preflight) reads no object and skips it too.
 * </ol>
 *
 * Without a leader, or when the barrier times out, the answer is a quick 503 ({@link Unavailable})
 * rather than a hang. Thread-safe.
 */
public final class ClusterFront extends Handler.Wrapper {
  /** Connecting to the leader: loopback and LAN connect in milliseconds; beyond this it is down. */
  public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);

  /** Silence on an exchange with the leader after which it is failed (a stalled leader). */
  public static final Duration IDLE_TIMEOUT = Duration.ofSeconds(30);

  /** Management paths that answer without the barrier: they must work without a quorum. */
  private static final Set<String> UNFENCED =
      Set.of(
          "/api/v1/health", "/api/v1/ready", "/api/v1/openapi.json", "/metrics", "/api/v1/cluster");

  private static final Set<String> UNFENCED_PREFIXES =
      Set.of("/api/v1/docs", "/api/v1/metrics/", "/api/v1/cluster/");

  private final ClusterView view;
  private final Predicate<Request> management;
  private final Unavailable unavailable;
  private final LeaderProxy proxy;
  private final Clock clock;
  private final LongAdder forwarded = new LongAdder();

  /**
   * @param management whether a request is the management API's (its paths, its JSON errors)
   * @param next the S3 and management handlers
   */
  public ClusterFront(
      ClusterView view,
      Predicate<Request> management,
      RequestIds requestIds,
      Clock clock,
      Duration connectTimeout,
      Duration idleTimeout,
      Supplier<List<X509Certificate>> ownCertificates,
      Handler next) {
    super(next);
    this.view = view;
    this.management = management;
    this.clock = clock;
    this.unavailable = new Unavailable(requestIds, management);
    this.proxy =
        new LeaderProxy(view, unavailable, clock, connectTimeout, idleTimeout, ownCertificates);
    addBean(proxy); // started and stopped with this handler (its HTTP client with it)
  }

  /**
   * The front with the default timeouts, on the server's {@code clock}; {@code ownCertificates}:
   * what this node's S3 listener serves now, trusted on a leader's HTTPS listener ({@link
   * LeaderTrust}).
   */
  public static Handler install(
      ClusterView view,
      Predicate<Request> management,
      RequestIds requestIds,
      Clock clock,
      Supplier<List<X509Certificate>> ownCertificates,
      Handler next) {
    return new ClusterFront(
        view, management, requestIds, clock, CONNECT_TIMEOUT, IDLE_TIMEOUT, ownCertificates, next);
  }

  @Override
  public void setServer(Server server) {
    super.setServer(server);
    proxy.setServer(server);
  }

  /** Requests this node forwarded to the leader since it started. */
  public long forwardedRequests() {
    return forwarded.sum();
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    Optional<ForwardedFor> origin = ForwardedFor.verified(view, request, clock.millis());
    Request seen = origin.flatMap(o -> TrustedRequest.from(request, o)).orElse(request);
    if (isWrite(request.getMethod())) {
      if (view.admitsWrites() || isMembershipChange(seen))
        return super.handle(seen, response, callback);
      if (origin.isPresent()) {
        unavailable.send(
            seen,
            response,
            callback,
            "This node ("
                + view.nodeId()
                + ") is no longer the cluster leader; retry, the request will reach the new one.");
        return true;
      }
      forward(seen, response, callback);
      return true;
    }
    if (fenced(seen) && !passBarrier(seen, response, callback)) return true;
    return super.handle(seen, response, callback);
  }

  private void forward(Request request, Response response, Callback callback) {
    Optional<ClusterStatus.Member> leader = view.leader();
    Optional<URI> endpoint =
        leader.filter(m -> !m.id().equals(view.nodeId())).flatMap(ClusterStatus.Member::s3Endpoint);
    if (endpoint.isEmpty()) {
      unavailable.send(
          request,
          response,
          callback,
          leader.isEmpty()
              ? "The cluster has no leader (no quorum or an election is running); retry shortly."
              : "The cluster leader ("
                  + leader.get().id()
                  + ") cannot take this request from"
                  + " this node yet (its S3 endpoint is not known, or a leadership change is under"
                  + " way); retry shortly.");
      return;
    }
    forwarded.increment();
    view.forwarded();
    ForwardedFor origin = new ForwardedFor(Request.getRemoteAddr(request), request.isSecure());
    String expect = ContinueHere.answered(request);
    if (expect == null) proxy.forward(request, response, callback, endpoint.get(), origin);
    else
      proxy.forward(
          ContinueHere.withoutExpect(request),
          response,
          callback,
          endpoint.get(),
          origin.answered(expect));
  }

  /** Waits for the barrier; false when it failed and the 503 was sent. */
  private boolean passBarrier(Request request, Response response, Callback callback) {
    try {
      view.readBarrier();
      return true;
    } catch (StoreException e) {
      if (e.error() != StoreError.UNAVAILABLE) throw e;
      unavailable.send(
          request,
          response,
          callback,
          "The cluster cannot confirm a leader (no"
              + " quorum), so this node cannot serve a consistent read; retry shortly.");
      return false;
    }
  }

  private boolean fenced(Request request) {
    if (!"GET".equals(request.getMethod()) && !"HEAD".equals(request.getMethod())) return false;
    if (!management.test(request)) return true;
    String path = request.getHttpURI().getPath();
    if (UNFENCED.contains(path)) return false;
    for (String prefix : UNFENCED_PREFIXES) {
      if (path.startsWith(prefix)) return false;
    }
    return true;
  }

  /**
   * A management call on {@code /api/v1/cluster/…}: the cluster's admin reaches the leader itself.
   */
  private boolean isMembershipChange(Request request) {
    return management.test(request)
        && request.getHttpURI().getPath().startsWith("/api/v1/cluster/");
  }

  /** Whether a request may change state: everything but GET, HEAD and OPTIONS. */
  static boolean isWrite(String method) {
    return !("GET".equals(method) || "HEAD".equals(method) || "OPTIONS".equals(method));
  }
}
