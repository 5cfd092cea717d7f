package dev.dfs.s3;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * HTTP/1.1 over a plain socket to 127.0.0.1, one request per connection: the test writes the
 * request head and body bytes exactly as it wants (a Content-Length that lies, headers no client
 * library lets it set), then half-closes and reads the response to the end. Reads time out after 20
 * s, so a test cannot hang.
 */
final class RawSocket {
  /** A response: status, headers (lower-case names, last value wins), body as text. */
  record Response(int status, Map<String, String> headers, String body) {
    /** The text of the first {@code <element>} of an XML body, or null. */
    String xml(String element) {
      Matcher m =
          Pattern.compile("<" + element + ">(.*?)</" + element + ">", Pattern.DOTALL).matcher(body);
      return m.find() ? m.group(1) : null;
    }

    @Override
    public String toString() {
      return status + " " + body;
    }
  }

  private final int port;

  RawSocket(int port) {
    this.port = port;
  }

  String host() {
    return "127.0.0.1:" + port;
  }

  /**
   * Sends {@code method target} with {@code headers} in order (Host and Connection: close are
   * added; Content-Length is added as the body's length unless the caller set one) and {@code
   * body}, then reads the response.
   */
  Response send(String method, String target, Map<String, String> headers, byte[] body)
      throws IOException {
    StringBuilder head = new StringBuilder();
    head.append(method).append(' ').append(target).append(" HTTP/1.1\r\n");
    Map<String, String> all = new LinkedHashMap<>();
    all.put("host", host());
    all.putAll(headers);
    all.put("connection", "close");
    if (!all.containsKey("content-length") && !all.containsKey("transfer-encoding")) {
      all.put("content-length", Integer.toString(body.length));
    }
    all.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
    head.append("\r\n");
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(20_000);
      OutputStream out = socket.getOutputStream();
      out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
      out.write(body);
      out.flush();
      socket.shutdownOutput();
      return parse(socket.getInputStream());
    }
  }

  private static Response parse(InputStream in) throws IOException {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    in.transferTo(all);
    String text = all.toString(StandardCharsets.ISO_8859_1);
    int end = text.indexOf("\r\n\r\n");
    if (end < 0) throw new IOException("no complete response: " + text);
    String[] lines = text.substring(0, end).split("\r\n");
    int status = Integer.parseInt(lines[0].split(" ")[1]);
    Map<String, String> headers = new LinkedHashMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      headers.put(
          lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
          lines[i].substring(colon + 1).trim());
    }
    return new Response(status, headers, text.substring(end + 4));
  }
}
