package dev.dfs.s3;

import dev.dfs.auth.AuthException;
import dev.dfs.auth.AuthResult;
import dev.dfs.auth.Principal;
import dev.dfs.auth.RequestAuthenticator;
import dev.dfs.auth.SignedRequest;
import dev.dfs.authz.AccessControl;
import dev.dfs.authz.Authorizer;
import dev.dfs.policy.BucketPolicies;
import dev.dfs.observe.OperationMetrics;
import dev.dfs.observe.S3Metrics;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The S3 endpoint: resolves each request once ({@link S3Router}), authenticates it, asks the
 * {@link Authorizer} once whether it may proceed (root requests skip every lookup), dispatches
 * it with one switch to the handler for its resource, and renders every failure in one place.
 * Runs each request on its own virtual thread, so handlers use plain blocking I/O. Thread-safe.
 */
public final class S3Handler extends Handler.Abstract {
  private static final Logger LOG = LoggerFactory.getLogger(S3Handler.class);

  private final S3Router router;
  private final RequestAuthenticator authenticator;
  private final RequestIds requestIds;
  private final BucketHandlers buckets;
  private final ListingHandlers listings;
  private final ObjectReadHandlers reads;
  private final ObjectWriteHandlers writes;
  private final MultipartHandlers multipart;
  private final TaggingHandlers tagging;
  private final VersioningHandlers versioning;
  private final ObjectLockHandlers locks;
  private final CorsHandlers cors;
  private final AclHandlers acls;
  private final OwnershipControlsHandlers ownership;
  private final PublicAccessBlockHandlers publicAccessBlock;
  private final LifecycleConfigs lifecycleConfigs;
  private final LifecycleHandlers lifecycle;
  private final EncryptionHandlers bucketEncryption;
  private final PostObjectHandler post;
  private final PolicyHandlers policies;
  private final Authorizer authorizer;
  private final ObjectStore store;
  /** Null when metrics are off; else one handle per S3Operation ordinal, plus "Unknown" last. */
  private final S3Metrics metrics;
  private final OperationMetrics[] opMetrics;

  public S3Handler(
      ObjectStore store,
      RequestAuthenticator authenticator,
      S3Settings settings,
      RequestIds requestIds) {
    this(store, authenticator, settings, requestIds, null);
  }

  /** @param metrics where each request is recorded, or null to record nothing */
  public S3Handler(
      ObjectStore store,
      RequestAuthenticator authenticator,
      S3Settings settings,
      RequestIds requestIds,
      S3Metrics metrics) {
    this(store, authenticator, settings, requestIds, metrics, AccessControl.NONE);
  }

  /**
   * @param metrics where each request is recorded, or null to record nothing
   * @param accessControl identity policies, extra grant sources and Block Public Access the
   *     authorizer consults besides the bucket policies and ownership
   */
  public S3Handler(
      ObjectStore store,
      RequestAuthenticator authenticator,
      S3Settings settings,
      RequestIds requestIds,
      S3Metrics metrics,
      AccessControl accessControl) {
    super(InvocationType.BLOCKING);
    this.store = store;
    this.authorizer = accessControl.authorizer(
        store, authenticator.openAccess(), new BucketPolicies(store));
    this.metrics = metrics;
    S3Operation[] ops = S3Operation.values();
    this.opMetrics = new OperationMetrics[ops.length + 1];
    if (metrics != null) {
      for (S3Operation op : ops) opMetrics[op.ordinal()] = metrics.operation(metricName(op));
      opMetrics[ops.length] = metrics.operation("Unknown");
    }
    this.router = new S3Router(settings.domain());
    this.authenticator = authenticator;
    this.requestIds = requestIds;
    AclRules aclRules = new AclRules(store);
    this.buckets = new BucketHandlers(store, settings, authorizer);
    this.listings = new ListingHandlers(store);
    this.lifecycleConfigs = new LifecycleConfigs(store);
    this.lifecycle = new LifecycleHandlers(store, lifecycleConfigs,
        new dev.dfs.lifecycle.LifecycleEvaluator(settings.lifecycleDay()));
    ObjectEncryption encryption = new ObjectEncryption(store, settings.masterKey());
    this.reads = new ObjectReadHandlers(store, lifecycle, encryption);
    this.writes = new ObjectWriteHandlers(store, aclRules, lifecycle, (ex, key) ->
        authorizer.unrestricted(ex.principal()) || authorizer.allowed(AccessRequests.of(
            ex, ex.principal(), S3Operation.DELETE_OBJECT.action(), ex.bucket(), key, store)),
        encryption);
    this.multipart = new MultipartHandlers(store, aclRules, lifecycle, encryption);
    this.bucketEncryption = new EncryptionHandlers(store);
    this.tagging = new TaggingHandlers(store);
    this.versioning = new VersioningHandlers(store);
    this.locks = new ObjectLockHandlers(store);
    this.cors = new CorsHandlers(store);
    this.acls = new AclHandlers(store, aclRules);
    this.ownership = new OwnershipControlsHandlers(store);
    this.publicAccessBlock = new PublicAccessBlockHandlers(store);
    this.post = new PostObjectHandler(store, authenticator, authorizer,
        java.time.Clock.systemUTC(), aclRules, encryption);
    this.policies = new PolicyHandlers(store, authorizer.bucketPolicies());
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
    if (metrics != null) metrics.started();
    try {
      s3 = router.route(
          method,
          request.getHeaders().get("Host"),
          rawPath,
          request.getHttpURI().getQuery(),
          request.getHeaders().contains("x-amz-copy-source"));
      // A browser's preflight carries no credentials; it is answered from the bucket's rules.
      // A browser's form upload is signed inside the form; PostObjectHandler verifies it.
      AuthResult auth = switch (s3.operation()) {
        case CORS_PREFLIGHT ->
            new AuthResult(Principal.ANONYMOUS, InputStream.nullInputStream(), 0, Map.of());
        case POST_OBJECT -> new AuthResult(Principal.ANONYMOUS,
            Content.Source.asInputStream(request), request.getLength(), Map.of());
        default -> authenticator.authenticate(
            signedRequest(request), Content.Source.asInputStream(request));
      };
      exchange = new S3Exchange(request, response, s3, auth, requestId);
      if (s3.operation() != S3Operation.CORS_PREFLIGHT) {
        cors.actualRequestHeaders(exchange).forEach(exchange::setHeader);
      }
      authorize(exchange);
      dispatch(exchange);
      exchange.finish();
      status = response.getStatus();
      if (metrics != null) observe(s3, request, response, status, started);
      callback.succeeded();
    } catch (Throwable t) {
      status = fail(request, response, callback, exchange, requestId, rawPath, t);
      if (metrics != null) observe(s3, request, null, status, started);
    } finally {
      if (metrics != null) metrics.ended();
      if (LOG.isDebugEnabled()) {
        LOG.debug("{} {} {} {} {}us", requestId, method, rawPath, response.getStatus(),
            (System.nanoTime() - started) / 1000);
      }
    }
    return true;
  }

  /**
   * The access decision, once per request before dispatch. A preflight needs none (it reveals
   * only the CORS rules); a form upload is authorized by {@link PostObjectHandler} once the
   * form's signature names its sender; DeleteObjects is authorized key by key (s3:DeleteObject
   * on each, AccessDenied in the per-key result). The root user passes without any lookup.
   */
  private void authorize(S3Exchange ex) throws IOException {
    S3Operation op = ex.s3().operation();
    if (op == S3Operation.CORS_PREFLIGHT || op == S3Operation.POST_OBJECT) return;
    if (authorizer.unrestricted(ex.principal())) return;
    if (ObjectLockRules.asksGovernanceBypass(ex) && !authorizer.allowed(AccessRequests.of(
        ex, ex.principal(), "s3:BypassGovernanceRetention", ex.bucket(), ex.key(), store))) {
      ex.denyGovernanceBypass();
    }
    if (op == S3Operation.DELETE_OBJECTS) return; // checked key by key
    if (!authorizer.allowed(AccessRequests.of(ex, store))) {
      throw new S3Exception(S3ErrorCode.ACCESS_DENIED);
    }
    if (op == S3Operation.COPY_OBJECT || op == S3Operation.UPLOAD_PART_COPY) {
      // A copy also reads its source, which the caller must be allowed to read.
      CopySource src = CopySource.parse(ex.header("x-amz-copy-source"));
      if (!authorizer.allowed(AccessRequests.of(
          ex, ex.principal(), "s3:GetObject", src.bucket(), src.key(), store))) {
        throw new S3Exception(S3ErrorCode.ACCESS_DENIED);
      }
    }
  }

  private void dispatch(S3Exchange ex) throws IOException {
    UnsupportedFeatures.check(ex);
    switch (ex.s3().operation()) {
      case LIST_BUCKETS -> buckets.listBuckets(ex);
      case CREATE_BUCKET -> {
        lifecycle.bucketChanged(ex.bucket());
        buckets.createBucket(ex);
      }
      case HEAD_BUCKET -> buckets.headBucket(ex);
      case DELETE_BUCKET -> {
        buckets.deleteBucket(ex);
        lifecycle.bucketChanged(ex.bucket());
      }
      case GET_BUCKET_LOCATION -> buckets.getBucketLocation(ex);
      case GET_BUCKET_VERSIONING -> versioning.getBucketVersioning(ex);
      case PUT_BUCKET_VERSIONING -> versioning.putBucketVersioning(ex);
      case LIST_OBJECT_VERSIONS -> versioning.listObjectVersions(ex);
      case GET_OBJECT_LOCK_CONFIGURATION -> locks.getConfiguration(ex);
      case PUT_OBJECT_LOCK_CONFIGURATION -> locks.putConfiguration(ex);
      case GET_OBJECT_RETENTION -> locks.getRetention(ex);
      case PUT_OBJECT_RETENTION -> locks.putRetention(ex);
      case GET_OBJECT_LEGAL_HOLD -> locks.getLegalHold(ex);
      case PUT_OBJECT_LEGAL_HOLD -> locks.putLegalHold(ex);
      case LIST_OBJECTS -> listings.listObjects(ex);
      case LIST_OBJECTS_V2 -> listings.listObjectsV2(ex);
      case LIST_MULTIPART_UPLOADS -> multipart.listUploads(ex);
      case DELETE_OBJECTS -> writes.deleteObjects(ex);
      case GET_OBJECT -> reads.getObject(ex);
      case HEAD_OBJECT -> reads.headObject(ex);
      case PUT_OBJECT -> writes.putObject(ex);
      case COPY_OBJECT -> writes.copyObject(ex);
      case DELETE_OBJECT -> writes.deleteObject(ex);
      case CREATE_MULTIPART_UPLOAD -> multipart.createUpload(ex);
      case UPLOAD_PART -> multipart.uploadPart(ex);
      case UPLOAD_PART_COPY -> multipart.uploadPartCopy(ex);
      case COMPLETE_MULTIPART_UPLOAD -> multipart.completeUpload(ex);
      case ABORT_MULTIPART_UPLOAD -> multipart.abortUpload(ex);
      case LIST_PARTS -> multipart.listParts(ex);
      case GET_OBJECT_TAGGING -> tagging.getObjectTagging(ex);
      case PUT_OBJECT_TAGGING -> tagging.putObjectTagging(ex);
      case DELETE_OBJECT_TAGGING -> tagging.deleteObjectTagging(ex);
      case GET_BUCKET_TAGGING -> tagging.getBucketTagging(ex);
      case PUT_BUCKET_TAGGING -> tagging.putBucketTagging(ex);
      case DELETE_BUCKET_TAGGING -> tagging.deleteBucketTagging(ex);
      case GET_BUCKET_CORS -> cors.getBucketCors(ex);
      case PUT_BUCKET_CORS -> cors.putBucketCors(ex);
      case DELETE_BUCKET_CORS -> cors.deleteBucketCors(ex);
      case CORS_PREFLIGHT -> cors.preflight(ex);
      case GET_BUCKET_ACL -> acls.getBucketAcl(ex);
      case PUT_BUCKET_ACL -> acls.putBucketAcl(ex);
      case GET_OBJECT_ACL -> acls.getObjectAcl(ex);
      case PUT_OBJECT_ACL -> acls.putObjectAcl(ex);
      case GET_BUCKET_OWNERSHIP_CONTROLS -> ownership.get(ex);
      case PUT_BUCKET_OWNERSHIP_CONTROLS -> ownership.put(ex);
      case DELETE_BUCKET_OWNERSHIP_CONTROLS -> ownership.delete(ex);
      case GET_PUBLIC_ACCESS_BLOCK -> publicAccessBlock.get(ex);
      case PUT_PUBLIC_ACCESS_BLOCK -> publicAccessBlock.put(ex);
      case DELETE_PUBLIC_ACCESS_BLOCK -> publicAccessBlock.delete(ex);
      case PUT_BUCKET_POLICY -> policies.putBucketPolicy(ex);
      case GET_BUCKET_POLICY -> policies.getBucketPolicy(ex);
      case DELETE_BUCKET_POLICY -> policies.deleteBucketPolicy(ex);
      case GET_BUCKET_POLICY_STATUS -> policies.getBucketPolicyStatus(ex);
      case GET_BUCKET_LIFECYCLE_CONFIGURATION -> lifecycle.getBucketLifecycle(ex);
      case PUT_BUCKET_LIFECYCLE_CONFIGURATION -> lifecycle.putBucketLifecycle(ex);
      case DELETE_BUCKET_LIFECYCLE -> lifecycle.deleteBucketLifecycle(ex);
      case GET_BUCKET_ENCRYPTION -> bucketEncryption.getBucketEncryption(ex);
      case PUT_BUCKET_ENCRYPTION -> bucketEncryption.putBucketEncryption(ex);
      case DELETE_BUCKET_ENCRYPTION -> bucketEncryption.deleteBucketEncryption(ex);
      case UNSUPPORTED_BUCKET_SUBRESOURCE, UNSUPPORTED_OBJECT_SUBRESOURCE -> throw new S3Exception(
          S3ErrorCode.NOT_IMPLEMENTED,
          "DFS does not implement the '" + ex.s3().subresource() + "' sub-resource yet.");
      case POST_OBJECT -> post.postObject(ex);
    }
  }

  /** The S3 API name of an operation as the metrics label, e.g. PutObject, ListObjectsV2. */
  static String metricName(S3Operation op) {
    StringBuilder b = new StringBuilder();
    for (String part : op.name().split("_")) {
      b.append(part.charAt(0)).append(part.substring(1).toLowerCase(java.util.Locale.ROOT));
    }
    return b.toString();
  }

  /** Records one answered request; {@code response} null for failures (no body bytes counted). */
  private void observe(S3Request s3, Request request, Response response, int status, long started) {
    OperationMetrics m = opMetrics[s3 == null ? opMetrics.length - 1 : s3.operation().ordinal()];
    long in = Math.max(0, request.getLength());
    long out = response == null ? 0 : Math.max(0, response.getHeaders().getLongField(
        org.eclipse.jetty.http.HttpHeader.CONTENT_LENGTH));
    m.record(status, System.nanoTime() - started, in, out);
  }

  /** Answers the failure; returns the status sent (0 when the connection was aborted). */
  private int fail(
      Request request,
      Response response,
      Callback callback,
      S3Exchange exchange,
      String requestId,
      String resource,
      Throwable t) {
    S3Exception error = toS3(t, requestId);
    if (metrics != null && error.code() == S3ErrorCode.REQUEST_TIME_TOO_SKEWED) {
      metrics.clockSkewRejected();
    }
    boolean started = exchange != null && exchange.responseStarted() || response.isCommitted();
    if (isCorruption(t)) {
      // the server's fault, not the client's: one line naming the object and chunk, no trace
      LOG.error("{} {} {}: stored data failed its integrity check: {}", requestId,
          request.getMethod(), started ? "response aborted" : "answered 500", t.getMessage());
    }
    if (started) {
      // Headers (and perhaps part of the body) are out: the only honest signal left is to
      // abort the connection, so the client sees a truncated response and not a wrong one.
      if (!isCorruption(t)) LOG.warn("{} failed after the response started: {}", requestId, t.toString());
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
   * connection stays usable; for a large or unknown-length one the response says
   * {@code Connection: close} (reading gigabytes to refuse them would be worse).
   */
  private static void discardUnreadBody(Request request, Response response) {
    long length = request.getLength();
    // no Content-Length and not chunked: HTTP/1.1 says there is no body (a GET or HEAD that
    // missed must not cost the client its connection)
    boolean chunked = request.getHeaders().contains(org.eclipse.jetty.http.HttpHeader.TRANSFER_ENCODING);
    if (length == 0 || (length < 0 && !chunked)) return;
    if (length > 0 && length <= DISCARD_LIMIT) {
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

  private static S3Exception toS3(Throwable t, String requestId) {
    if (t instanceof S3Exception e) return e;
    if (t instanceof AuthException e) return ErrorMapper.fromAuth(e);
    if (t instanceof StoreException e) return ErrorMapper.fromStore(e); // corruption: see fail
    if (t instanceof BodyException e) return ErrorMapper.fromBody(e);
    if (t instanceof org.eclipse.jetty.io.EofException || t instanceof java.io.EOFException) {
      return new S3Exception(S3ErrorCode.INCOMPLETE_BODY);
    }
    LOG.error("{} internal error", requestId, t);
    return new S3Exception(S3ErrorCode.INTERNAL_ERROR);
  }

  private static SignedRequest signedRequest(Request request) {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    for (HttpField field : request.getHeaders()) {
      headers.computeIfAbsent(field.getLowerCaseName(), k -> new ArrayList<>())
          .add(field.getValue());
    }
    return new SignedRequest(
        request.getMethod(),
        request.getHttpURI().getPath(),
        request.getHttpURI().getQuery(),
        headers,
        Request.getRemoteAddr(request));
  }
}
