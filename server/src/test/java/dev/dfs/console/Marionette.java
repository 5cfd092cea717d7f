package dev.dfs.console;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.json.Json;

/**
 * A client of Firefox's Marionette protocol (test scope): one TCP connection, messages framed as
 * {@code <byte length>:<JSON>}. A command goes out as {@code [0, id, name, params]} and its answer
 * comes back as {@code [1, id, error, result]}; commands are sent one at a time (the methods are
 * synchronized), as Marionette handles them in order anyway.
 */
final class Marionette implements AutoCloseable {
  private static final Json JSON = new Json();

  /** A command's error as Marionette reports it: a WebDriver error code and its message. */
  static final class Failure extends IOException {
    final Map<String, Object> error;

    Failure(String command, Map<String, Object> error) {
      super(command + ": " + error.get("error") + ": " + error.get("message"));
      this.error = error;
    }
  }

  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;
  private int lastId;

  /** Connects and reads the greeting ({@code applicationType: gecko}). */
  Marionette(int port) throws IOException {
    socket = new Socket("127.0.0.1", port);
    in = new BufferedInputStream(socket.getInputStream());
    out = socket.getOutputStream();
    Map<String, Object> hello = JSON.toType(read(), Json.MAP_TYPE);
    if (!"gecko".equals(hello.get("applicationType"))) {
      socket.close();
      throw new IOException("not a Marionette server on port " + port + ": " + hello);
    }
  }

  /**
   * Runs one command and returns its result as Marionette sends it (usually an object whose {@code
   * value} holds the answer), or throws {@link Failure} with the error it reported.
   */
  synchronized Object call(String name, Map<String, ?> params) throws IOException {
    int id = ++lastId;
    byte[] body = JSON.toJson(List.of(0, id, name, params)).getBytes(StandardCharsets.UTF_8);
    out.write((body.length + ":").getBytes(StandardCharsets.US_ASCII));
    out.write(body);
    out.flush();
    List<?> reply = (List<?>) JSON.toType(read(), Object.class);
    if (((Number) reply.get(1)).intValue() != id) {
      throw new IOException("answer " + reply.get(1) + " to command " + id + " (" + name + ")");
    }
    if (reply.get(2) != null) {
      @SuppressWarnings("unchecked")
      Map<String, Object> error = (Map<String, Object>) reply.get(2);
      throw new Failure(name, error);
    }
    return reply.get(3);
  }

  private String read() throws IOException {
    int length = 0;
    for (int c = in.read(); c != ':'; c = in.read()) {
      if (c < '0' || c > '9') throw new IOException("Marionette closed or sent no length: " + c);
      length = length * 10 + (c - '0');
    }
    byte[] body = in.readNBytes(length);
    if (body.length != length) throw new IOException("Marionette closed mid-message");
    return new String(body, StandardCharsets.UTF_8);
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
