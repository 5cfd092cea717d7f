package dev.dfs.s3;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.dfs.testing.DfsTestServer;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * A client that breaks its body's framing (HTTP chunked under aws-chunked with a trailer, a body
 * shorter than its Content-Length, an aws-chunked body that stops mid-chunk) gets a 4xx S3 error,
 * and the server logs no ERROR for it. Raw sockets, because SDKs never send these.
 */
class ClientFramingErrorsTest {
  private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
  private final Logger root = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);

  @BeforeEach
  void captureLogs() {
    logs.start();
    root.addAppender(logs);
  }

  @AfterEach
  void releaseLogs() {
    root.detachAppender(logs);
  }

  private static final String TRAILER_HEADERS =
      "Content-Encoding: aws-chunked\r\n"
          + "x-amz-content-sha256: STREAMING-UNSIGNED-PAYLOAD-TRAILER\r\n"
          + "x-amz-trailer: x-amz-checksum-crc32\r\n"
          + "x-amz-decoded-content-length: 11\r\n";

  @Test
  void brokenHttpChunkingUnderAwsChunkedTrailerIsA400(@TempDir Path data) throws Exception {
    try (DfsTestServer server = DfsTestServer.start(data, true, null)) {
      createBucket(server.port());
      // the HTTP chunk announces 0x40 bytes; the connection ends after fewer
      String awsChunked = "b\r\nhello world\r\n0\r\nx-amz-checksum-crc32:DUoRhQ==\r\n\r\n";
      String truncated =
          "PUT /bkt/k1 HTTP/1.1\r\nHost: x\r\n"
              + TRAILER_HEADERS
              + "Transfer-Encoding: chunked\r\n\r\n40\r\n"
              + awsChunked.substring(0, 20);
      assertClientError(exchange(server.port(), truncated));
      // the HTTP chunk-size line is not hex
      String garbled =
          "PUT /bkt/k2 HTTP/1.1\r\nHost: x\r\n"
              + TRAILER_HEADERS
              + "Transfer-Encoding: chunked\r\n\r\nzz\r\n"
              + awsChunked
              + "\r\n0\r\n\r\n";
      assertClientError(exchange(server.port(), garbled));
      // a good HTTP chunk, then the connection ends before the aws-chunked trailer
      String noTrailer =
          "PUT /bkt/k3 HTTP/1.1\r\nHost: x\r\n"
              + TRAILER_HEADERS
              + "Transfer-Encoding: chunked\r\n\r\n12\r\nb\r\nhello world\r\n0\r\n\r\n";
      assertClientError(exchange(server.port(), noTrailer));
      // an empty object: the store reads no data, so the trailer is read by draining the body,
      // whose HTTP chunking then breaks
      String empty =
          "PUT /bkt/k4 HTTP/1.1\r\nHost: x\r\n"
              + TRAILER_HEADERS.replace("content-length: 11", "content-length: 0")
              + "Transfer-Encoding: chunked\r\n\r\n30\r\n0\r\nx-amz-checksum-crc32:AAAA";
      assertClientError(exchange(server.port(), empty));
      String emptyGarbled =
          "PUT /bkt/k5 HTTP/1.1\r\nHost: x\r\n"
              + TRAILER_HEADERS.replace("content-length: 11", "content-length: 0")
              + "Transfer-Encoding: chunked\r\n\r\n3\r\n0\r\n\r\nzz\r\n";
      assertClientError(exchange(server.port(), emptyGarbled));
      assertNotStored(server, "k1", "k2", "k3", "k4", "k5");
      assertNoErrorLogged();
    }
  }

  @Test
  void bodiesShorterThanTheirContentLengthAre400(@TempDir Path data) throws Exception {
    try (DfsTestServer server = DfsTestServer.start(data, true, null)) {
      createBucket(server.port());
      String plain =
          "PUT /bkt/k1 HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n"
              + "x-amz-content-sha256: UNSIGNED-PAYLOAD\r\n\r\nonly forty bytes of the hundred promised";
      assertClientError(exchange(server.port(), plain));
      // aws-chunked with a trailer inside a Content-Length body that stops mid-chunk
      String chunked = "b\r\nhello world\r\n0\r\nx-amz-checksum-crc32:DUoRhQ==\r\n\r\n";
      String cut =
          "PUT /bkt/k2 HTTP/1.1\r\nHost: x\r\n"
              + TRAILER_HEADERS
              + "Content-Length: "
              + chunked.length()
              + "\r\n\r\n"
              + chunked.substring(0, 8);
      assertClientError(exchange(server.port(), cut));
      // a multipart part cut short
      String upload =
          exchange(
              server.port(),
              "POST /bkt/k3?uploads HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n");
      String id = upload.replaceAll("(?s).*<UploadId>([^<]+)</UploadId>.*", "$1");
      String part =
          "PUT /bkt/k3?partNumber=1&uploadId="
              + id
              + " HTTP/1.1\r\nHost: x\r\n"
              + TRAILER_HEADERS
              + "Transfer-Encoding: chunked\r\n\r\n30\r\nb\r\nhel";
      assertClientError(exchange(server.port(), part));
      // a small XML body cut short (DeleteObjects reads it whole before parsing)
      String delete =
          "POST /bkt?delete HTTP/1.1\r\nHost: x\r\nContent-Length: 500\r\n"
              + "Content-MD5: AAAAAAAAAAAAAAAAAAAAAA==\r\n\r\n<Delete><Object><Key>a</Key>";
      assertClientError(exchange(server.port(), delete));
      assertNotStored(server, "k1", "k2", "k3");
      assertNoErrorLogged();
    }
  }

  private void assertNoErrorLogged() {
    List<String> errors =
        logs.list.stream()
            .filter(
                e -> e.getLevel().isGreaterOrEqual(Level.ERROR) || e.getThrowableProxy() != null)
            .map(e -> e.getLevel() + " " + e.getFormattedMessage())
            .toList();
    assertThat(errors).as("ERROR lines or stack traces").isEmpty();
  }

  private static void assertClientError(String answer) {
    assertThat(answer).as(answer).matches("(?s)HTTP/1\\.1 4\\d\\d .*");
    assertThat(answer).contains("<Error><Code>");
  }

  private static void assertNotStored(DfsTestServer server, String... keys) throws Exception {
    for (String key : keys) {
      String head = exchange(server.port(), "HEAD /bkt/" + key + " HTTP/1.1\r\nHost: x\r\n\r\n");
      assertThat(head).as(key).startsWith("HTTP/1.1 404");
    }
  }

  private static void createBucket(int port) throws Exception {
    assertThat(exchange(port, "PUT /bkt HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n"))
        .startsWith("HTTP/1.1 200");
  }

  /** Sends {@code request}, half-closes (the client is done), reads the answer to its end. */
  private static String exchange(int port, String request) throws Exception {
    try (Socket s = new Socket("127.0.0.1", port)) {
      s.setSoTimeout(20_000);
      OutputStream out = s.getOutputStream();
      out.write(request.getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      s.shutdownOutput();
      InputStream in = s.getInputStream();
      return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
    }
  }
}
