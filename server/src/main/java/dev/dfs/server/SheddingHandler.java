package dev.dfs.server;

import dev.dfs.s3.ProtocolErrors;
import dev.dfs.s3.S3ErrorCode;
import dev.dfs.util.RequestIds;
import java.nio.ByteBuffer;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * In front of every other handler: answers each request on a connection the {@link ConnectionGuard}
 * shed with {@code 503 SlowDown} (S3's error document, {@code Connection: close}) without touching
 * storage, except health checks, which are answered normally so a load balancer sees the server
 * alive while it sheds; and tells the guard when a request's headers have arrived and when it was
 * answered (the header deadline's start and stop). Thread-safe.
 */
final class SheddingHandler extends Handler.Wrapper {
  static final String HEALTH_PATH = "/api/v1/health";

  private final ConnectionGuard guard;
  private final RequestIds requestIds;

  SheddingHandler(ConnectionGuard guard, RequestIds requestIds, Handler next) {
    super(next);
    this.guard = guard;
    this.requestIds = requestIds;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    ConnectionGuard.Tracked t = guard.of(request.getConnectionMetaData().getConnection());
    if (t == null) return super.handle(request, response, callback);
    ConnectionGuard.requestStarted(t);
    Request.addCompletionListener(request, failure -> ConnectionGuard.requestEnded(t));
    if (t.shed() && !HEALTH_PATH.equals(request.getHttpURI().getPath())) {
      slowDown(request, response, callback);
      return true;
    }
    return super.handle(request, response, callback);
  }

  private void slowDown(Request request, Response response, Callback callback) {
    String requestId = requestIds.next();
    byte[] body =
        ProtocolErrors.document(S3ErrorCode.SLOW_DOWN, request.getHttpURI().getPath(), requestId);
    response.setStatus(503);
    response.getHeaders().put("x-amz-request-id", requestId);
    response.getHeaders().put("x-amz-id-2", requestId);
    response.getHeaders().put("Content-Type", "application/xml");
    response.getHeaders().put("Connection", "close");
    response.getHeaders().put("Retry-After", "1");
    response.getHeaders().put("Content-Length", Integer.toString(body.length));
    response.write(true, ByteBuffer.wrap(body), callback);
  }
}
