package dev.dfs.server.cluster;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * A misbehaving "leader" on 127.0.0.1 for failure tests of the forwarding: it reads each request's
 * headers, then writes {@code answer} (possibly nothing, possibly a cut response) and closes the
 * connection. Stops with {@link #close}.
 */
final class FakeLeader implements AutoCloseable {
  private final ServerSocket socket;
  private final String answer;

  FakeLeader(String answer) throws IOException {
    this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    this.answer = answer;
    Thread.ofVirtual().name("fake-leader").start(this::serve);
  }

  URI endpoint() {
    return URI.create("http://127.0.0.1:" + socket.getLocalPort());
  }

  private void serve() {
    while (!socket.isClosed()) {
      try (Socket s = socket.accept()) {
        readHeaders(s.getInputStream());
        s.getOutputStream().write(answer.getBytes(StandardCharsets.US_ASCII));
        s.getOutputStream().flush();
        Thread.sleep(100); // let the bytes leave before the close
      } catch (IOException | InterruptedException e) {
        // closed by the test or by the peer: the next accept decides whether to go on
      }
    }
  }

  private static void readHeaders(InputStream in) throws IOException {
    ByteArrayOutputStream seen = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) >= 0) {
      seen.write(b);
      if (seen.size() >= 4 && seen.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) return;
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
