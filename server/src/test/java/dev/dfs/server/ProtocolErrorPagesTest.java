package dev.dfs.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dfs.testing.DfsTestServer;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Requests Jetty rejects before S3 sees them still get S3 error XML with a request id. */
class ProtocolErrorPagesTest {
  @Test
  void malformedUriAndOversizedHeadersAnswerS3Xml(@TempDir Path data) throws Exception {
    try (DfsTestServer server = DfsTestServer.start(data)) {
      String badUri = exchange(server.port(), "GET /bucket/%ZZ HTTP/1.1\r\nHost: x\r\n\r\n");
      assertThat(badUri)
          .startsWith("HTTP/1.1 400")
          .contains("x-amz-request-id: ")
          .contains("<Error><Code>InvalidRequest</Code>")
          .contains("<RequestId>")
          .doesNotContain("<html");
      String big = "GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(70_000) + "\r\n\r\n";
      assertThat(exchange(server.port(), big))
          .startsWith("HTTP/1.1 431")
          .contains("<Code>RequestHeaderSectionTooLarge</Code>");
    }
  }

  /** An error before the body was read must not poison a kept-alive connection. */
  @Test
  void connectionStaysUsableAfterAnEarlyErrorWithABody(@TempDir Path data) throws Exception {
    try (DfsTestServer server = DfsTestServer.start(data)) {
      String body = "x".repeat(5000);
      String twoRequests =
          "PUT /nobucket/k HTTP/1.1\r\nHost: x\r\nContent-Length: "
              + body.length()
              + "\r\n\r\n"
              + body
              + "GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
      String answer = exchange(server.port(), twoRequests);
      // both answered: the unsigned PUT finds no bucket, the unsigned ListBuckets is refused
      assertThat(answer.split("HTTP/1.1 404", -1)).as(answer).hasSize(2);
      assertThat(answer.split("HTTP/1.1 403", -1)).as(answer).hasSize(2);
    }
  }

  private static String exchange(int port, String request) throws Exception {
    try (Socket s = new Socket("127.0.0.1", port)) {
      s.setSoTimeout(10_000);
      OutputStream out = s.getOutputStream();
      out.write(request.getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      s.shutdownOutput();
      InputStream in = s.getInputStream();
      return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
    }
  }
}
