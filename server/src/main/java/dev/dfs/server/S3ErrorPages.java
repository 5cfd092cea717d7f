package dev.dfs.server;

import dev.dfs.s3.ProtocolErrors;
import dev.dfs.s3.S3ErrorCode;
import dev.dfs.util.RequestIds;
import java.nio.ByteBuffer;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's error pages replaced by S3 error XML: requests Jetty itself rejects (bad URI, oversized
 * headers) get {@code <Error>} with a request id like every other failure.
 */
final class S3ErrorPages extends ErrorHandler {
  private final RequestIds requestIds;

  S3ErrorPages(RequestIds requestIds) {
    this.requestIds = requestIds;
  }

  @Override
  protected void generateResponse(
      Request request,
      Response response,
      int status,
      String message,
      Throwable cause,
      Callback callback) {
    String requestId = requestIds.next();
    S3ErrorCode code = ProtocolErrors.codeFor(status, message);
    // A request whose request line did not parse carries Jetty's placeholder URI.
    String path = request.getHttpURI() == null ? null : request.getHttpURI().getPath();
    String resource = path == null || path.equals("/badMessage") ? "/" : path;
    byte[] body = ProtocolErrors.document(code, resource, requestId);
    response.getHeaders().put("x-amz-request-id", requestId);
    response.getHeaders().put("x-amz-id-2", requestId);
    response.getHeaders().put("Content-Type", "application/xml");
    // Jetty closes the connection after a request it could not parse; say so, so clients
    // that reuse connections open a new one instead of writing into a closed socket.
    response.getHeaders().put("Connection", "close");
    response.getHeaders().put("Content-Length", Integer.toString(body.length));
    response.write(true, ByteBuffer.wrap(body), callback);
  }
}
