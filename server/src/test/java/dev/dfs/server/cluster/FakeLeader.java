package dev.dfs.server.cluster;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * A misbehaving "leader" on 127.0.0.1 for failure tests of the forwarding: it reads each request's
 * headers (and its body when it has a {@code Content-Length} and no {@code Expect}, so it never
 * sends a {@code 100}), then writes {@code answer} (possibly nothing, possibly a cut response) and
 * closes the connection; {@link #received} hands over what it read. Stops with {@link #close}.
 */
final class FakeLeader implements AutoCloseable {
  private final ServerSocket socket;
  private final String answer;
  private final java.util.concurrent.BlockingQueue<String> received =
      new java.util.concurrent.LinkedBlockingQueue<>();

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
        s.setSoTimeout(10_000);
        String head = readHeaders(s.getInputStream());
        received.add(head + readBody(s.getInputStream(), head));
        s.getOutputStream().write(answer.getBytes(StandardCharsets.US_ASCII));
        s.getOutputStream().flush();
        Thread.sleep(100); // let the bytes leave before the close
      } catch (IOException | InterruptedException e) {
        // closed by the test or by the peer: the next accept decides whether to go on
      }
    }
  }

  /** The next request it read (head, then body if it read one), or null after {@code seconds}. */
  @Nullable String received(int seconds) throws InterruptedException {
    return received.poll(seconds, java.util.concurrent.TimeUnit.SECONDS);
  }

  private static String readHeaders(InputStream in) throws IOException {
    ByteArrayOutputStream seen = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) >= 0) {
      seen.write(b);
      if (seen.size() >= 4 && seen.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) break;
    }
    return seen.toString(StandardCharsets.US_ASCII);
  }

  private static String readBody(InputStream in, String head) throws IOException {
    String lower = head.toLowerCase(java.util.Locale.ROOT);
    int at = lower.indexOf("\r\ncontent-length:");
    if (at < 0 || lower.contains("\r\nexpect:")) return "";
    int end = lower.indexOf("\r\n", at + 2);
    int length = Integer.parseInt(lower.substring(at + 17, end).strip());
    return new String(in.readNBytes(length), StandardCharsets.US_ASCII);
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
