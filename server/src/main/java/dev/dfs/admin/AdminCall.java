package dev.dfs.admin;

import java.nio.ByteBuffer;
import java.util.Map;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.jspecify.annotations.Nullable;

/**
 * One management request in flight: the Jetty request and response, its request id and the values
 * of the route's path parameters. Answers through exactly one of {@link #json}, {@link #error} or
 * {@link #send}. Not thread-safe; lives for one request.
 */
final class AdminCall {
  final Request request;
  final Response response;
  final Callback callback;
  final String requestId;
  private final Map<String, String> pathParams;
  private boolean bodyRead;

  /** The body as authentication returned it (verified while read), or null: the raw body. */
  private java.io.@Nullable InputStream body;

  AdminCall(
      Request request,
      Response response,
      Callback callback,
      String requestId,
      Map<String, String> pathParams) {
    this.request = request;
    this.response = response;
    this.callback = callback;
    this.requestId = requestId;
    this.pathParams = pathParams;
  }

  /** A path parameter that the route's pattern names (so never null for such a name). */
  String path(String name) {
    String value = pathParams.get(name);
    if (value == null) throw new IllegalStateException("the route has no path parameter " + name);
    return value;
  }

  /** First value of a query parameter, or null. */
  @Nullable String query(String name) {
    Fields f = Request.extractQueryParameters(request);
    Fields.Field v = f.get(name);
    return v == null ? null : v.getValue();
  }

  String header(String name) {
    return request.getHeaders().get(name);
  }

  /**
   * The request body, read completely.
   *
   * @return the bytes, or null when there are more than {@code max} (the rest stays unread)
   */
  byte @Nullable [] body(int max) throws java.io.IOException {
    try (java.io.InputStream in =
        body != null ? body : org.eclipse.jetty.io.Content.Source.asInputStream(request)) {
      byte[] bytes = in.readNBytes(max + 1);
      if (bytes.length > max) return null;
      bodyRead = in.read() < 0;
      return bytes;
    }
  }

  /** Reads the body from {@code verified} (the authenticator's stream) instead of the raw one. */
  void useBody(java.io.InputStream verified) {
    this.body = verified;
  }

  /** The error code a management client gets for a body that failed its check. */
  static String bodyErrorCode(dev.dfs.util.BodyException e) {
    return switch (e.fault()) {
      case CONTENT_SHA256_MISMATCH -> "XAmzContentSHA256Mismatch";
      case CHUNK_SIGNATURE_MISMATCH -> "SignatureDoesNotMatch";
      case CHECKSUM_MISMATCH -> "BadDigest";
      case INCOMPLETE_BODY -> "IncompleteBody";
      case TOO_LARGE -> "EntityTooLarge";
      case QUOTA_EXCEEDED -> "QuotaExceeded";
      case MALFORMED_CHUNK, TOO_SMALL -> "InvalidRequest";
    };
  }

  void json(int status, Object body) {
    send(status, "application/json", AdminJson.bytes(body));
  }

  /** Sends {@code {code, message, requestId}}. */
  void error(int status, String code, @Nullable String message) {
    json(status, AdminJson.error(code, message, requestId));
  }

  /** Answers {@code status} without a body (204). */
  void noContent() {
    response.setStatus(204);
    if (!bodyRead && request.getLength() != 0) response.getHeaders().put("Connection", "close");
    response.write(true, null, callback);
  }

  void send(int status, String contentType, byte[] bytes) {
    response.setStatus(status);
    response.getHeaders().put("Content-Type", contentType);
    response.getHeaders().put("Content-Length", Integer.toString(bytes.length));
    // A body the route did not read stays unread, so the connection cannot be reused: tell
    // the client.
    if (!bodyRead && request.getLength() != 0) response.getHeaders().put("Connection", "close");
    if ("HEAD".equals(request.getMethod())) {
      response.write(true, null, callback);
    } else {
      response.write(true, ByteBuffer.wrap(bytes), callback);
    }
  }
}
