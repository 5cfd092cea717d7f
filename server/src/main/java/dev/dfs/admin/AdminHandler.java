package dev.dfs.admin;

import dev.dfs.auth.RequestAuthenticator;
import dev.dfs.observe.Observability;
import dev.dfs.store.ObjectStore;
import dev.dfs.util.RequestIds;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The management API under {@code /api/v1} and the Prometheus endpoint {@code GET /metrics}.
 * Declines (returns false) every other request, and requests addressed to a virtual-host bucket, so
 * the next handler (S3) takes them; the bucket names {@code api} and {@code metrics} are reserved,
 * so path-style S3 never needs these paths. For each request: CORS, route match (404 unknown path,
 * 405 known path with another method), access check (401/403), then the route's action; failures
 * are JSON {@code {code, message, requestId}} and unexpected ones are logged with the request id.
 * Runs on virtual threads (blocking). Thread-safe.
 */
public final class AdminHandler extends Handler.Abstract {
  private static final Logger LOG = LoggerFactory.getLogger(AdminHandler.class);

  /** The prefix of every management route. */
  public static final String PREFIX = "/api/v1/";

  /** The Prometheus endpoint. */
  public static final String METRICS_PATH = "/metrics";

  private final @Nullable String domain;
  private final List<Route> routes;
  private final AdminAuth auth;
  private final Cors cors;
  private final RequestIds requestIds;

  /**
   * @param clock the server's one clock: the start time, uptime and every time the API stamps or
   *     compares
   * @param domain DFS_DOMAIN (hosts ending in {@code .domain} address buckets), or null
   */
  public AdminHandler(
      String version,
      Clock clock,
      @Nullable String domain,
      ObjectStore store,
      RequestAuthenticator authenticator,
      Observability observe,
      ManagementSettings settings,
      RequestIds requestIds) {
    this(version, clock, domain, store, authenticator, observe, settings, requestIds, null);
  }

  /**
   * @param domain DFS_DOMAIN (hosts ending in {@code .domain} address buckets), or null
   * @param lifecycle the lifecycle worker's counters for {@code /api/v1/metrics/policy}, or null
   *     when no worker runs
   */
  public AdminHandler(
      String version,
      Clock clock,
      @Nullable String domain,
      ObjectStore store,
      RequestAuthenticator authenticator,
      Observability observe,
      ManagementSettings settings,
      RequestIds requestIds,
      dev.dfs.lifecycle.@Nullable LifecycleStats lifecycle) {
    this(
        version,
        clock,
        domain,
        store,
        authenticator,
        observe,
        settings,
        requestIds,
        lifecycle,
        null,
        null);
  }

  /**
   * @param lifecycle as above
   * @param kms the key service behind {@code /api/v1/kms/keys}, or null when there is none
   * @param rotations the master-key rotation behind {@code /api/v1/kms/master-key}, or null when
   *     this server has none
   */
  public AdminHandler(
      String version,
      Clock clock,
      @Nullable String domain,
      ObjectStore store,
      RequestAuthenticator authenticator,
      Observability observe,
      ManagementSettings settings,
      RequestIds requestIds,
      dev.dfs.lifecycle.@Nullable LifecycleStats lifecycle,
      dev.dfs.kms.@Nullable KeyService kms,
      @Nullable MasterKeyRotations rotations) {
    super(InvocationType.BLOCKING);
    this.domain = domain == null ? null : domain.toLowerCase(Locale.ROOT);
    this.requestIds = requestIds;
    this.auth = new AdminAuth(authenticator, settings.adminUsers(), settings.metricsToken());
    this.cors = new Cors(settings.corsOrigins());
    Instant started = clock.instant();
    this.routes =
        AdminRoutes.withTiers(
            AdminRoutes.build(
                new HealthResource(version, started, clock, store, observe),
                new InfoResource(version, started, clock, store, settings),
                new ClusterResource(store),
                new BucketsResource(store),
                new BucketQuotaResource(store),
                new IdentityResource(settings),
                new DashboardResource(
                    observe,
                    new StaleUploads(store, clock),
                    clock,
                    () -> store.cluster().map(v -> v.status().repair())),
                new PolicyMetricsResource(lifecycle, store, clock),
                new DocsResource(),
                new PrometheusResource(observe),
                new KmsResource(kms, rotations),
                new BackupResource(version, store, settings.backup(), clock)),
            new TiersResource(store),
            new TieringOverridesResource(store));
  }

  /** Method and template of every route, for the OpenAPI coverage test. */
  public List<String> routeSignatures() {
    List<String> out = new ArrayList<>();
    for (Route r : routes) out.add(r.method() + " " + r.template());
    return out;
  }

  /**
   * Whether this handler answers {@code request}: a path under {@code /api/v1/} or {@code
   * /metrics}, not addressed to a virtual-host bucket. Every other request is S3's.
   */
  public boolean takes(Request request) {
    String path = request.getHttpURI().getPath();
    return path != null
        && !isBucketHost(request)
        && (path.startsWith(PREFIX) || path.equals(METRICS_PATH));
  }

  /**
   * The JSON error body every failing management request gets: {@code {code, message, requestId}}.
   */
  public static byte[] errorDocument(String code, String message, String requestId) {
    return AdminJson.bytes(AdminJson.error(code, message, requestId));
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    if (!takes(request)) return false;
    String path = request.getHttpURI().getPath();
    String requestId = requestIds.next();
    response.getHeaders().put("X-Request-Id", requestId);
    response.getHeaders().put("Cache-Control", "no-store");
    cors.decorate(request, response);
    if (Cors.isPreflight(request)) {
      cors.preflight(request, response);
      response.setStatus(204);
      callback.succeeded();
      return true;
    }
    String method = "HEAD".equals(request.getMethod()) ? "GET" : request.getMethod();
    Match match = match(path, method);
    AdminCall call = new AdminCall(request, response, callback, requestId, match.params());
    try {
      serve(match, call, request, path);
    } catch (dev.dfs.util.BodyException e) {
      // the client's fault (a body that does not match its signature, or ends early): no trace
      LOG.info(
          "{} management request {} {} refused: {}",
          requestId,
          request.getMethod(),
          path,
          e.getMessage());
      if (!response.isCommitted()) call.error(400, AdminCall.bodyErrorCode(e), e.getMessage());
      else callback.failed(e);
    } catch (java.io.EOFException e) {
      LOG.info(
          "{} management request {} {}: the body ended early",
          requestId,
          request.getMethod(),
          path);
      if (!response.isCommitted())
        call.error(400, "IncompleteBody", "The request body ended early.");
      else callback.failed(e);
    } catch (Exception e) {
      LOG.error("{} management request {} {} failed", requestId, request.getMethod(), path, e);
      if (!response.isCommitted()) {
        call.error(
            500, "InternalError", "The server failed; see its log for request " + requestId + ".");
      } else {
        callback.failed(e);
      }
    }
    return true;
  }

  /**
   * The route matched by a request.
   *
   * @param route the route of this path and method, or null
   * @param params the path's parameters (empty when no route matched)
   * @param pathKnown whether some route has this path (with another method: 405, not 404)
   */
  private record Match(@Nullable Route route, Map<String, String> params, boolean pathKnown) {}

  private Match match(String path, String method) {
    boolean pathKnown = false;
    for (Route r : routes) {
      Map<String, String> m = r.match(path);
      if (m == null) continue;
      pathKnown = true;
      if (r.method().equals(method)) return new Match(r, m, true);
    }
    return new Match(null, Map.of(), pathKnown);
  }

  /** Answers 404/405 for an unmatched request, 401/403 for a denied one, else runs the route. */
  private void serve(Match match, AdminCall call, Request request, String path) throws Exception {
    Route found = match.route();
    if (found == null) {
      if (match.pathKnown()) {
        call.error(
            405, "MethodNotAllowed", request.getMethod() + " is not allowed on " + path + ".");
      } else {
        call.error(404, "NotFound", "No such management route: " + path);
      }
      return;
    }
    AdminAuth.Denial denial = auth.check(found.access(), request, call);
    if (denial != null) {
      if (denial.status() == 401) {
        call.response
            .getHeaders()
            .put(
                "WWW-Authenticate",
                found.access() == Route.Access.METRICS_TOKEN ? "Bearer" : "ApiKey");
      }
      call.error(denial.status(), denial.code(), denial.message());
      return;
    }
    found.action().run(call);
  }

  private boolean isBucketHost(Request request) {
    if (domain == null) return false;
    String host = Request.getServerName(request);
    return host != null && host.toLowerCase(Locale.ROOT).endsWith("." + domain);
  }
}
