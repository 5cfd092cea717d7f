package dev.dfs.admin;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** Writes small JSON responses for the management API. */
final class AdminJson {
  private AdminJson() {}

  static void send(Response response, Callback callback, int status, String json) {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    response.setStatus(status);
    response.getHeaders().put("Content-Type", "application/json");
    response.getHeaders().put("Cache-Control", "no-store");
    response.getHeaders().put("Content-Length", Integer.toString(bytes.length));
    response.write(true, ByteBuffer.wrap(bytes), callback);
  }

  static void error(Response response, Callback callback, int status, String code, String message) {
    send(response, callback, status,
        "{\"code\":\"" + code + "\",\"message\":\"" + message.replace("\"", "'") + "\"}");
  }
}
