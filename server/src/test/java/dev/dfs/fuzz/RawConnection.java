package dev.dfs.fuzz;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * One HTTP/1.1 client connection over a plain socket that sends bytes exactly as given and reads
 * one response (status, headers, body by Content-Length, chunked, or to the end). Reconnects when
 * the previous exchange left the connection unusable. Confined to one thread.
 */
final class RawConnection implements AutoCloseable {
  /**
   * What came back for one request. {@code status} is -1 when the server closed without an answer.
   */
  record Response(int status, String headers, boolean closed, String bodyStart) {
    Response(int status, String headers, boolean closed) {
      this(status, headers, closed, "");
    }
  }

  /** The server did not answer within the read timeout. */
  static final class Hang extends IOException {
    Hang(String message) {
      super(message);
    }
  }

  private final int port;
  private final int timeoutMillis;
  private Socket socket;
  private InputStream in;
  private OutputStream out;

  RawConnection(int port, int timeoutMillis) {
    this.port = port;
    this.timeoutMillis = timeoutMillis;
  }

  /**
   * Sends {@code request}; when {@code endOutput} the write side is shut afterwards (a body shorter
   * than announced then ends instead of leaving the server waiting), and the connection is not
   * reused. {@code head} says the response has no body.
   */
  Response exchange(byte[] request, boolean endOutput, boolean head) throws IOException {
    if (socket == null) connect();
    boolean writeFailed = false;
    try {
      out.write(request);
      out.flush();
      if (endOutput) socket.shutdownOutput();
    } catch (IOException e) {
      writeFailed = true; // the server may have answered early and closed: read what it sent
    }
    try {
      Response r = readResponse(head);
      if (r.closed() || endOutput || writeFailed) close();
      return r;
    } catch (SocketTimeoutException e) {
      close();
      throw new Hang("no response within " + timeoutMillis + " ms");
    } catch (IOException e) {
      close();
      return new Response(-1, "", true); // reset without an answer
    }
  }

  private void connect() throws IOException {
    socket = new Socket();
    socket.setSoTimeout(timeoutMillis);
    socket.setTcpNoDelay(true);
    socket.connect(new InetSocketAddress("127.0.0.1", port), timeoutMillis);
    in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
    out = socket.getOutputStream();
  }

  private Response readResponse(boolean head) throws IOException {
    while (true) {
      String statusLine = readLine();
      if (statusLine == null) return new Response(-1, "", true);
      String[] parts = statusLine.split(" ", 3);
      if (parts.length < 2 || !parts[0].startsWith("HTTP/"))
        throw new IOException("bad status line: " + statusLine);
      int status = Integer.parseInt(parts[1]);
      StringBuilder headers = new StringBuilder();
      long length = -1;
      boolean chunked = false;
      boolean close = false;
      for (String line = readLine(); line != null && !line.isEmpty(); line = readLine()) {
        headers.append(line).append('\n');
        String lower = line.toLowerCase(Locale.ROOT);
        if (lower.startsWith("content-length:"))
          length = Long.parseLong(lower.substring(15).trim());
        if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) chunked = true;
        if (lower.startsWith("connection:") && lower.contains("close")) close = true;
      }
      if (status == 100) continue; // interim answer to Expect: 100-continue
      if (head || status == 204 || status == 304 || (status >= 100 && status < 200)) {
        return new Response(status, headers.toString(), close);
      }
      String start = "";
      if (chunked) {
        skipChunked();
      } else if (length >= 0) {
        byte[] first = in.readNBytes((int) Math.min(length, 300));
        start = new String(first, StandardCharsets.UTF_8);
        skip(length - first.length);
      } else {
        in.transferTo(OutputStream.nullOutputStream());
        close = true;
      }
      return new Response(status, headers.toString(), close, start);
    }
  }

  private void skipChunked() throws IOException {
    while (true) {
      String size = readLine();
      if (size == null) throw new IOException("chunked body ended early");
      int semi = size.indexOf(';');
      long n = Long.parseLong((semi < 0 ? size : size.substring(0, semi)).trim(), 16);
      if (n == 0) {
        for (String t = readLine(); t != null && !t.isEmpty(); t = readLine()) {
          // trailers are not needed
        }
        return;
      }
      skip(n);
      readLine();
    }
  }

  private void skip(long n) throws IOException {
    long left = n;
    while (left > 0) {
      long s = in.skip(left);
      if (s <= 0) {
        if (in.read() < 0) throw new IOException("body ended early");
        s = 1;
      }
      left -= s;
    }
  }

  private String readLine() throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream(128);
    while (true) {
      int c = in.read();
      if (c < 0) return b.size() == 0 ? null : b.toString(StandardCharsets.ISO_8859_1);
      if (c == '\n') break;
      if (b.size() > 64 * 1024) throw new IOException("response line too long");
      b.write(c);
    }
    String s = b.toString(StandardCharsets.ISO_8859_1);
    return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
  }

  @Override
  public void close() {
    if (socket != null) {
      try {
        socket.close();
      } catch (IOException ignored) {
        // closing a socket the server already reset: nothing to do
      }
    }
    socket = null;
  }
}
