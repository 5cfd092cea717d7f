package dev.dfs.s3;

import dev.dfs.auth.AuthException;
import dev.dfs.auth.AuthResult;
import dev.dfs.auth.Principal;
import dev.dfs.auth.RequestAuthenticator;
import dev.dfs.auth.SignedRequest;
import dev.dfs.authz.Authorizer;
import dev.dfs.store.ObjectStore;
import dev.dfs.store.StoreException;
import dev.dfs.util.BodyException;
import dev.dfs.util.RequestIds;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The S3 endpoint: resolves each request once ({@link S3Router}), authenticates it, asks the {@link
 * Authorizer} once whether it may proceed (root requests skip every lookup), dispatches it to the
 * handler the route table ({@link S3Routes}) names, and renders every failure in one place. Runs
 * each request on its own virtual thread, so handlers use plain blocking I/O. Thread-safe.
 */
public final class S3Handler extends Handler.Abstract {
  private static final Logger LOG = LoggerFactory.getLogger(S3Handler.class);

  private final S3Router router;
  private final RequestAuthenticator authenticator;
  private final Authorizer authorizer;
  private final ObjectStore store;
  private final CorsHandlers cors;
  private final LifecycleConfigs lifecycleConfigs;
  private final BucketContexts bucketContexts;
  private final RequestIds requestIds;
  private final EndpointMetrics metrics;
  private final java.time.Clock clock;

  /** The handler of each operation, by ordinal, bound once from {@link S3Routes}. */
  private final S3Route.Action[] actions;

  /** Built by {@link S3HandlerFactory}, which wires the parts. */
  @SuppressWarnings(
      "EnumOrdinal") // one action per operation in an array indexed by ordinal, never persisted
  S3Handler(
      S3Router router,
      RequestAuthenticator authenticator,
      Authorizer authorizer,
      ObjectStore store,
      ResourceHandlers handlers,
      LifecycleConfigs lifecycleConfigs,
      BucketContexts bucketContexts,
      RequestIds requestIds,
      EndpointMetrics metrics,
      java.time.Clock clock) {
    super(InvocationType.BLOCKING);
    this.router = router;
    this.authenticator = authenticator;
    this.authorizer = authorizer;
    this.store = store;
    this.cors = handlers.cors();
    this.lifecycleConfigs = lifecycleConfigs;
    this.bucketContexts = bucketContexts;
    this.requestIds = requestIds;
    this.metrics = metrics;
    this.clock = clock;
    this.actions = new S3Route.Action[S3Operation.values().length];
    for (S3Route route : S3Routes.ALL) {
      actions[route.operation().ordinal()] = route.handler().apply(handlers);
    }
  }

  /** Where the lifecycle worker reads buckets' configurations (the stored documents, parsed). */
  public dev.dfs.lifecycle.LifecycleConfigSource lifecycleConfigs() {
    return lifecycleConfigs;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    long started = System.nanoTime();
    String requestId = requestIds.next();
    response.getHeaders().put("x-amz-request-id", requestId);
    response.getHeaders().put("x-amz-id-2", requestId);
    response.getHeaders().put("Server", "DFS");
    String method = request.getMethod();
    String rawPath = request.getHttpURI().getPath();
    S3Exchange exchange = null;
    S3Request s3 = null;
    int status = 0;
    metrics.started();
    try {
      s3 =
          router.route(
              method,
              request.getHeaders().get("Host"),
              rawPath,
              request.getHttpURI().getQuery(),
              request.getHeaders().contains("x-amz-copy-source"));
      AuthResult auth = authenticate(request, s3.operation());
      exchange = new S3Exchange(request, response, s3, auth, requestId, bucketContexts, clock);
      nameForAccessLog(request, exchange);
      if (s3.operation() != S3Operation.CORS_PREFLIGHT) {
        cors.actualRequestHeaders(exchange).forEach(exchange::setHeader);
      }
      authorize(exchange);
      dispatch(exchange);
      exchange.finish();
      status = response.getStatus();
      observe(s3, request, response, status, started);
      callback.succeeded();
    } catch (Throwable t) {
      status = fail(request, response, callback, exchange, requestId, rawPath, t);
      observe(s3, request, null, status, started);
    } finally {
      metrics.ended();
      if (LOG.isDebugEnabled()) {
        LOG.debug(
            "{} {} {} {} {}us",
            requestId,
            method,
            rawPath,
            response.getStatus(),
            (System.nanoTime() - started) / 1000);
      }
    }
    return true;
  }

  /**
   * Checks the request's signature. A browser's preflight carries no credentials; it is answered
   * from the bucket's rules. A browser's form upload is signed inside the form; PostObjectHandler
   * verifies it.
   */
  private AuthResult authenticate(Request request, S3Operation operation) {
    return switch (operation) {
      case CORS_PREFLIGHT ->
          new AuthResult(Principal.ANONYMOUS, InputStream.nullInputStream(), 0, Map.of());
      case POST_OBJECT ->
          new AuthResult(
              Principal.ANONYMOUS, ClientBody.of(request), request.getLength(), Map.of());
      default ->
          authenticator.authenticate(
              signedRequest(request, router.virtualHostBucket(request.getHeaders().get("Host"))),
              ClientBody.of(request));
    };
  }

  /** What the access log (DFS_ACCESS_LOG) shows of this request: never a secret. */
  private static void nameForAccessLog(Request request, S3Exchange ex) {
    request.setAttribute(
        dev.dfs.observe.AccessLog.OPERATION, EndpointMetrics.metricName(ex.s3().operation()));
    if (ex.bucket() != null) request.setAttribute(dev.dfs.observe.AccessLog.BUCKET, ex.bucket());
    if (ex.key() != null) request.setAttribute(dev.dfs.observe.AccessLog.KEY, ex.key());
    request.setAttribute(dev.dfs.observe.AccessLog.USER, ex.principal().userId());
    if (ex.principal().accessKey() != null) {
      request.setAttribute(dev.dfs.observe.AccessLog.ACCESS_KEY, ex.principal().accessKey());
    }
  }

  /**
   * The access decision, once per request before dispatch. A preflight needs none (it reveals only
   * the CORS rules); a form upload is authorized by {@link PostObjectHandler} once the form's
   * signature names its sender; DeleteObjects is authorized key by key (s3:DeleteObject on each,
   * AccessDenied in the per-key result). The root user passes without any lookup.
   */
  private void authorize(S3Exchange ex) throws IOException {
    S3Operation op = ex.s3().operation();
    if (op == S3Operation.CORS_PREFLIGHT || op == S3Operation.POST_OBJECT) return;
    if (authorizer.unrestricted(ex.principal())) return;
    if (ObjectLockRules.asksGovernanceBypass(ex)
        && !authorizer.allowed(
            AccessRequests.of(
                ex,
                ex.principal(),
                "s3:BypassGovernanceRetention",
                ex.bucket(),
                ex.key(),
                store))) {
      ex.denyGovernanceBypass();
    }
    if (op == S3Operation.DELETE_OBJECTS) return; // checked key by key
    if (!authorizer.allowed(AccessRequests.of(ex, store))) {
      throw new S3Exception(S3ErrorCode.ACCESS_DENIED);
    }
    if (op == S3Operation.COPY_OBJECT || op == S3Operation.UPLOAD_PART_COPY) {
      // A copy also reads its source, which the caller must be allowed to read.
      CopySource src = CopySource.parse(ex.header("x-amz-copy-source"));
      if (!authorizer.allowed(
          AccessRequests.of(ex, ex.principal(), "s3:GetObject", src.bucket(), src.key(), store))) {
        throw new S3Exception(S3ErrorCode.ACCESS_DENIED);
      }
    }
  }

  @SuppressWarnings(
      "EnumOrdinal") // actions is indexed by ordinal (see the constructor), never persisted
  private void dispatch(S3Exchange ex) throws IOException {
    UnsupportedFeatures.check(ex);
    try {
      actions[ex.s3().operation().ordinal()].handle(ex);
    } catch (S3Exception | StoreException e) {
      if (hidesMissingKey(ex, e)) throw new S3Exception(S3ErrorCode.ACCESS_DENIED);
      throw e;
    }
  }

  /**
   * Whether a GET, HEAD or GetObjectAttributes of a missing key must answer 403 instead of 404: S3
   * tells a caller that a key does not exist only if it may list the bucket (s3:ListBucket), else
   * the answer would reveal what the bucket holds.
   */
  private boolean hidesMissingKey(S3Exchange ex, RuntimeException e) throws IOException {
    S3Operation op = ex.s3().operation();
    if (op != S3Operation.GET_OBJECT
        && op != S3Operation.HEAD_OBJECT
        && op != S3Operation.GET_OBJECT_ATTRIBUTES) {
      return false;
    }
    boolean missing =
        e instanceof S3Exception s
            ? s.code() == S3ErrorCode.NO_SUCH_KEY
            : ((StoreException) e).error() == dev.dfs.store.StoreError.NO_SUCH_KEY;
    if (!missing || authorizer.unrestricted(ex.principal())) return false;
    return !authorizer.allowed(
        AccessRequests.of(ex, ex.principal(), "s3:ListBucket", ex.bucket(), null, store));
  }

  /** Records one answered request; {@code response} null for failures (no body bytes counted). */
  private void observe(
      @Nullable S3Request s3,
      Request request,
      @Nullable Response response,
      int status,
      long started) {
    long in = Math.max(0, request.getLength());
    long out =
        response == null
            ? 0
            : Math.max(
                0,
                response
                    .getHeaders()
                    .getLongField(org.eclipse.jetty.http.HttpHeader.CONTENT_LENGTH));
    metrics.record(
        s3 == null ? null : s3.operation(), status, System.nanoTime() - started, in, out);
  }

  /** Answers the failure; returns the status sent (0 when the connection was aborted). */
  private int fail(
      Request request,
      Response response,
      Callback callback,
      @Nullable S3Exchange exchange,
      String requestId,
      String resource,
      Throwable t) {
    S3Exception error = toS3(t, requestId, exchange);
    if (error.code() == S3ErrorCode.REQUEST_TIME_TOO_SKEWED) {
      metrics.clockSkewRejected();
    }
    boolean started = exchange != null && exchange.responseStarted() || response.isCommitted();
    if (isCorruption(t)) {
      // the server's fault, not the client's: one line naming the object and chunk, no trace
      LOG.error(
          "{} {} {}: stored data failed its integrity check: {}",
          requestId,
          request.getMethod(),
          started ? "response aborted" : "answered 500",
          t.getMessage());
    }
    if (started) {
      // Headers (and perhaps part of the body) are out: the only honest signal left is to
      // abort the connection, so the client sees a truncated response and not a wrong one.
      if (!isCorruption(t))
        LOG.warn("{} failed after the response started: {}", requestId, t.toString());
      int sent = response.getStatus();
      callback.failed(t);
      return sent;
    }
    try {
      discardUnreadBody(request, response);
      response.getHeaders().remove("Content-Length");
      response.getHeaders().remove("ETag");
      response.getHeaders().remove("Last-Modified");
      error.headers().forEach(response.getHeaders()::put);
      response.setStatus(error.code().status());
      if ("HEAD".equals(request.getMethod())) {
        Content.Sink.asOutputStream(response).close();
      } else {
        byte[] body = ErrorResponses.render(error, resource, requestId).toBytes();
        response.getHeaders().put("Content-Type", "application/xml");
        response.getHeaders().put("Content-Length", Integer.toString(body.length));
        try (OutputStream out = Content.Sink.asOutputStream(response)) {
          out.write(body);
        }
      }
      callback.succeeded();
    } catch (Throwable writeFailure) {
      callback.failed(writeFailure);
    }
    return error.code().status();
  }

  /** Request bodies up to this size are read and dropped after an early error. */
  private static final long DISCARD_LIMIT = 1 << 20;

  /**
   * After an error that left the request body unread: a small body is read and dropped so the
   * connection stays usable; for a large or unknown-length one the response says {@code Connection:
   * close} (reading gigabytes to refuse them would be worse). A client that sent {@code Expect:
   * 100-continue} is never asked for its body here (reading would make Jetty send 100 Continue):
   * the refusal goes out at once and the connection closes.
   */
  private static void discardUnreadBody(Request request, Response response) {
    long length = request.getLength();
    // no Content-Length and not chunked: HTTP/1.1 says there is no body (a GET or HEAD that
    // missed must not cost the client its connection)
    boolean chunked =
        request.getHeaders().contains(org.eclipse.jetty.http.HttpHeader.TRANSFER_ENCODING);
    if (length == 0 || (length < 0 && !chunked)) return;
    boolean expectsContinue =
        request
            .getHeaders()
            .contains(
                org.eclipse.jetty.http.HttpHeader.EXPECT,
                org.eclipse.jetty.http.HttpHeaderValue.CONTINUE.asString());
    if (length > 0 && length <= DISCARD_LIMIT && !expectsContinue) {
      try {
        Content.Source.consumeAll(request);
        return;
      } catch (Throwable e) {
        // fall through: the connection cannot be trusted any more
      }
    }
    response.getHeaders().put("Connection", "close");
  }

  private static boolean isCorruption(Throwable t) {
    return t instanceof StoreException e && e.error() == dev.dfs.store.StoreError.CORRUPT_DATA;
  }

  /**
   * The S3 error for a failure. Logs the refusals an operator must see (a full disk, naming bucket
   * and key); corruption is logged once by {@code fail}, the unknown with a stack trace.
   */
  private static S3Exception toS3(Throwable t, String requestId, @Nullable S3Exchange exchange) {
    if (t instanceof java.io.UncheckedIOException u && u.getCause() instanceof BodyException b) {
      t = b;
    }
    if (t instanceof S3Exception e) return e;
    if (t instanceof AuthException e) return ErrorMapper.fromAuth(e);
    if (t instanceof StoreException e) {
      if (e.error() == dev.dfs.store.StoreError.INSUFFICIENT_STORAGE) {
        LOG.warn("{} {} refused: {}", requestId, objectName(exchange), e.getMessage());
      }
      return ErrorMapper.fromStore(e);
    }
    if (t instanceof BodyException e) return ErrorMapper.fromBody(e);
    if (t instanceof org.eclipse.jetty.io.EofException || t instanceof java.io.EOFException) {
      return new S3Exception(S3ErrorCode.INCOMPLETE_BODY);
    }
    LOG.error("{} internal error", requestId, t);
    return new S3Exception(S3ErrorCode.INTERNAL_ERROR);
  }

  /** {@code bucket/key} of the request for a log line, or what is known of it. */
  private static String objectName(@Nullable S3Exchange exchange) {
    if (exchange == null) return "(unrouted request)";
    String bucket = exchange.bucket();
    String key = exchange.key();
    return (bucket == null ? "" : bucket) + (key == null ? "" : "/" + key);
  }

  private static SignedRequest signedRequest(Request request, @Nullable String virtualHostBucket) {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    for (HttpField field : request.getHeaders()) {
      headers
          .computeIfAbsent(field.getLowerCaseName(), k -> new ArrayList<>())
          .add(HeaderText.of(field.getValue())); // UTF-8 metadata signs as the client meant it
    }
    return new SignedRequest(
        request.getMethod(),
        request.getHttpURI().getPath(),
        request.getHttpURI().getQuery(),
        headers,
        Request.getRemoteAddr(request),
        virtualHostBucket);
  }
}
