package dev.dfs.server.cluster;

import dev.dfs.admin.AdminHandler;
import dev.dfs.s3.ProtocolErrors;
import dev.dfs.s3.S3ErrorCode;
import dev.dfs.util.RequestIds;
import java.nio.ByteBuffer;
import java.util.function.Predicate;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Answers {@code 503} when this node cannot serve a request for want of a leader or quorum: S3's
 * {@code ServiceUnavailable} XML, or the management API's JSON error for its paths, both with
 * {@code Retry-After} so clients back off and retry (an election takes about a second). The
 * connection is closed: an unread request body must not be taken for the next request. Thread-safe.
 */
final class Unavailable {
  /** Seconds a client is asked to wait; an election normally settles within this. */
  static final String RETRY_AFTER_SECONDS = "1";

  private final RequestIds requestIds;
  private final Predicate<Request> management;

  /**
   * @param management whether a request is the management API's (JSON errors)
   */
  Unavailable(RequestIds requestIds, Predicate<Request> management) {
    this.requestIds = requestIds;
    this.management = management;
  }

  /** Writes the 503 with {@code why} (a sentence for humans) and completes {@code callback}. */
  void send(Request request, Response response, Callback callback, String why) {
    String requestId = requestIds.next();
    boolean json = management.test(request);
    byte[] body =
        json
            ? AdminHandler.errorDocument(S3ErrorCode.SERVICE_UNAVAILABLE.code(), why, requestId)
            : ProtocolErrors.document(
                S3ErrorCode.SERVICE_UNAVAILABLE, why, request.getHttpURI().getPath(), requestId);
    response.setStatus(503);
    var headers = response.getHeaders();
    if (json) {
      headers.put("X-Request-Id", requestId);
      headers.put("Cache-Control", "no-store");
    } else {
      headers.put("x-amz-request-id", requestId);
      headers.put("x-amz-id-2", requestId);
    }
    headers.put("Content-Type", json ? "application/json" : "application/xml");
    headers.put("Retry-After", RETRY_AFTER_SECONDS);
    headers.put("Connection", "close");
    headers.put("Content-Length", Integer.toString(body.length));
    response.write(true, ByteBuffer.wrap(body), callback); // Jetty drops it for HEAD
  }
}
