package dev.dfs.s3;

import dev.dfs.auth.AuthResult;
import dev.dfs.auth.Principal;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.List;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Blocker;
import org.jspecify.annotations.Nullable;

/**
 * One S3 request in flight: the resolved {@link S3Request}, the verified caller and body, and the
 * means to answer. Handlers read from it and answer through exactly one of {@link #sendXml}, {@link
 * #sendEmpty} or {@link #openBody}. Not thread-safe; lives for one request on one (virtual) thread.
 */
public final class S3Exchange {
  private final Request request;
  private final Response response;
  private final S3Request s3;
  private final AuthResult auth;
  private final String requestId;
  private final BucketContexts contexts;
  private final java.time.Clock clock;
  private @Nullable BucketContext bucketContext;
  private @Nullable OutputStream out;
  private boolean governanceBypassDenied;

  /**
   * @param contexts where the addressed bucket's context is loaded from, once
   * @param clock the server's one clock
   */
  S3Exchange(
      Request request,
      Response response,
      S3Request s3,
      AuthResult auth,
      String requestId,
      BucketContexts contexts,
      java.time.Clock clock) {
    this.request = request;
    this.response = response;
    this.s3 = s3;
    this.auth = auth;
    this.requestId = requestId;
    this.contexts = contexts;
    this.clock = clock;
  }

  /**
   * The server's clock ({@code S3Settings#clock}): what the handlers compare retention dates,
   * restores and policy conditions with.
   */
  java.time.Clock clock() {
    return clock;
  }

  public S3Request s3() {
    return s3;
  }

  /**
   * The configuration of the addressed bucket, loaded at its first use (one lookup) and kept for
   * the rest of the request, so the authorizer, the rules and the handler all read the same one.
   * Loaded where the first of them needs it, so a request fails for a missing bucket
   * (NO_SUCH_BUCKET) at the same point as it would by looking up the first document it reads; a
   * failed load is not kept. Not for CreateBucket or service-level requests.
   */
  BucketContext bucketContext() throws IOException {
    if (bucketContext == null) {
      if (bucket() == null) throw new IllegalStateException("the request addresses no bucket");
      bucketContext = contexts.load(bucket(), header("Origin") != null);
    }
    return bucketContext;
  }

  /**
   * Records that the caller may not bypass GOVERNANCE retention (no s3:BypassGovernanceRetention).
   */
  void denyGovernanceBypass() {
    governanceBypassDenied = true;
  }

  /** Whether the authorizer refused the caller s3:BypassGovernanceRetention. */
  boolean governanceBypassDenied() {
    return governanceBypassDenied;
  }

  /**
   * True when the request came over TLS or from a loopback address: the connections over which DFS
   * accepts secrets in headers (SSE-C keys). Plain HTTP from another host is not.
   */
  public boolean confidential() {
    if (request.isSecure()) return true;
    java.net.SocketAddress remote = request.getConnectionMetaData().getRemoteSocketAddress();
    return remote instanceof java.net.InetSocketAddress a
        && a.getAddress() != null
        && a.getAddress().isLoopbackAddress();
  }

  public String bucket() {
    return s3.bucket();
  }

  public @Nullable String key() {
    return s3.key();
  }

  /**
   * The key of an object operation. The router sends a request to an object handler only when its
   * path names a key, so a handler may take it as present.
   *
   * @throws IllegalStateException when the request names no key (a routing error)
   */
  public String objectKey() {
    String key = s3.key();
    if (key == null) throw new IllegalStateException("an object operation without a key");
    return key;
  }

  public @Nullable String param(String name) {
    return s3.param(name);
  }

  /**
   * A query parameter the request's route requires (as {@code uploadId} for
   * CompleteMultipartUpload): the router sends the request here only when it is given.
   *
   * @throws IllegalStateException when it is absent (a routing error)
   */
  public String routedParam(String name) {
    String value = s3.param(name);
    if (value == null) throw new IllegalStateException("the route requires ?" + name);
    return value;
  }

  public Principal principal() {
    return auth.principal();
  }

  /** The client's IP address as text (IPv4 or IPv6). */
  public String remoteAddress() {
    return Request.getRemoteAddr(request);
  }

  /** Whether the request arrived over TLS. */
  public boolean secure() {
    return request.isSecure();
  }

  public String requestId() {
    return requestId;
  }

  public boolean isHead() {
    return "HEAD".equals(s3.method());
  }

  /** First value of a request header (any case), or null. */
  public String header(String name) {
    return request.getHeaders().get(name);
  }

  /** All request headers in arrival order. */
  public List<HttpField> headers() {
    return request.getHeaders().stream().toList();
  }

  /**
   * The verified payload (aws-chunked framing removed). Reading it may throw {@link
   * dev.dfs.util.BodyException}.
   */
  public InputStream body() {
    return auth.body();
  }

  /** Payload length when known (decoded length for aws-chunked), else -1. */
  public long bodyLength() {
    return auth.decodedLength();
  }

  /** Base64 value of a checksum trailer (e.g. {@code x-amz-checksum-crc32}) once the body ended. */
  public @Nullable String trailer(String name) {
    return auth.trailers().get(name);
  }

  public void setHeader(String name, @Nullable String value) {
    if (value != null) response.getHeaders().put(name, value);
  }

  public void addHeader(String name, String value) {
    if (value != null) response.getHeaders().add(name, value);
  }

  /** Sends an XML document with status {@code status}. */
  public void sendXml(int status, XmlOut xml) throws IOException {
    byte[] bytes = xml.toBytes();
    response.setStatus(status);
    response.getHeaders().put("Content-Type", "application/xml");
    try (OutputStream o = openBody(status, bytes.length)) {
      if (!isHead()) o.write(bytes);
    }
  }

  /** Sends headers only, e.g. 204 No Content or 200 to HEAD. */
  public void sendEmpty(int status) throws IOException {
    response.setStatus(status);
    if (status != 204 && status != 304) {
      response.getHeaders().put("Content-Length", "0");
    }
    openBody(status, -1).close();
  }

  /**
   * Commits status and headers and returns the stream for the body. {@code length} sets
   * Content-Length when not negative. The caller closes the stream; for HEAD it writes nothing.
   */
  public OutputStream openBody(int status, long length) {
    if (out != null) throw new IllegalStateException("response already opened");
    response.setStatus(status);
    if (length >= 0 && status != 204 && status != 304) {
      response.getHeaders().put("Content-Length", Long.toString(length));
    }
    out = Content.Sink.asOutputStream(response);
    return out;
  }

  /**
   * Writes {@code buffer} as the next part of the body opened by {@link #openBody}, waiting until
   * Jetty has taken it (the caller may reuse the buffer afterwards). No copy through the output
   * stream's array; used for large direct buffers.
   */
  public void writeBody(ByteBuffer buffer) throws IOException {
    if (out == null) throw new IllegalStateException("body not opened");
    try (Blocker.Callback cb = Blocker.callback()) {
      response.write(false, buffer, cb);
      cb.block();
    }
  }

  /** Whether a body stream was opened (the response may be committed). */
  boolean responseStarted() {
    return out != null;
  }

  /** Closes the body stream if a handler left it open. */
  void finish() throws IOException {
    OutputStream body =
        out != null ? out : openBody(response.getStatus() == 0 ? 200 : response.getStatus(), 0);
    body.close();
  }
}
