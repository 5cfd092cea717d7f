package dev.dfs.s3;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dfs.identity.NewAccessKey;
import dev.dfs.testing.DfsServerExtension;
import dev.dfs.testing.DfsTestServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code Expect: 100-continue}: the server authenticates and authorizes from the request head and
 * refuses before asking for the body (Jetty sends 100 Continue only when a handler first reads the
 * body), so a refused upload never sends its bytes. Raw sockets: the test sends the head only and
 * reads what comes back.
 */
class ExpectContinueTest {
  @RegisterExtension static final DfsServerExtension DFS = DfsServerExtension.local();
  static TestSigV4 root;
  static TestSigV4 bob;

  @BeforeAll
  static void start() throws Exception {
    DFS.client().createBucket(b -> b.bucket("continue"));
    root = new TestSigV4(DfsTestServer.ACCESS_KEY, DfsTestServer.SECRET_KEY);
    DFS.server().identities().addUser("bob", null);
    NewAccessKey key = DFS.server().identities().createAccessKey("bob");
    bob = new TestSigV4(key.key().accessKeyId(), key.secretKey());
  }

  @Test
  void anUnauthorizedUploadIsRefusedBeforeItsBodyIsSent() throws Exception {
    try (Socket s = open()) {
      sendHead(s, bob, "/continue/denied", 1_000_000);
      String answer = readAll(s.getInputStream()); // the server closes after refusing
      assertThat(answer)
          .startsWith("HTTP/1.1 403 ")
          .contains("<Code>AccessDenied</Code>")
          .doesNotContain("100 Continue");
    }
  }

  @Test
  void anUnauthenticatedUploadIsRefusedBeforeItsBodyIsSent() throws Exception {
    try (Socket s = open()) {
      sendHead(s, new TestSigV4(DfsTestServer.ACCESS_KEY, "wrong-secret"), "/continue/bad", 10);
      String answer = readAll(s.getInputStream());
      assertThat(answer)
          .startsWith("HTTP/1.1 403 ")
          .contains("<Code>SignatureDoesNotMatch</Code>")
          .doesNotContain("100 Continue");
    }
  }

  @Test
  void anUploadOverItsBucketQuotaIsRefusedBeforeItsBodyIsSent() throws Exception {
    DFS.client().createBucket(b -> b.bucket("continue-quota"));
    DFS.server()
        .engine()
        .bucketConfig(dev.dfs.store.BucketQuota.CONFIG)
        .orElseThrow()
        .put("continue-quota", new dev.dfs.store.BucketQuota(1000, -1).document());
    try (Socket s = open()) {
      sendHead(s, root, "/continue-quota/big", 1001);
      String answer = readAll(s.getInputStream());
      assertThat(answer)
          .startsWith("HTTP/1.1 403 ")
          .contains("<Code>QuotaExceeded</Code>")
          .contains("quota of 1000 bytes")
          .doesNotContain("100 Continue");
    }
  }

  @Test
  void anAllowedUploadIsAskedForItsBody() throws Exception {
    try (Socket s = open()) {
      sendHead(s, root, "/continue/allowed", 5);
      InputStream in = s.getInputStream();
      assertThat(readLine(in)).isEqualTo("HTTP/1.1 100 Continue");
      assertThat(readLine(in)).isEmpty();
      OutputStream out = s.getOutputStream();
      out.write("hello".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      assertThat(readLine(in)).isEqualTo("HTTP/1.1 200 OK");
    }
    assertThat(
            DFS.client().getObjectAsBytes(b -> b.bucket("continue").key("allowed")).asUtf8String())
        .isEqualTo("hello");
  }

  private static Socket open() throws IOException {
    Socket s = new Socket("127.0.0.1", DFS.server().port());
    s.setSoTimeout(20_000);
    return s;
  }

  /** Writes a signed PUT head announcing {@code length} body bytes and Expect: 100-continue. */
  private static void sendHead(Socket s, TestSigV4 signer, String path, long length)
      throws IOException {
    Instant now = Instant.now();
    Map<String, String> signed = new LinkedHashMap<>();
    signed.put("host", "127.0.0.1:" + DFS.server().port());
    signed.put("x-amz-content-sha256", TestSigV4.UNSIGNED_PAYLOAD);
    signed.put("x-amz-date", TestSigV4.amzDate(now));
    String authorization =
        signer.authorization(
            "PUT",
            path,
            "",
            signed,
            List.of("host", "x-amz-content-sha256", "x-amz-date"),
            TestSigV4.UNSIGNED_PAYLOAD,
            now);
    StringBuilder head = new StringBuilder("PUT " + path + " HTTP/1.1\r\n");
    signed.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
    head.append("authorization: ")
        .append(authorization)
        .append("\r\n")
        .append("content-length: ")
        .append(length)
        .append("\r\n")
        .append("expect: 100-continue\r\n\r\n");
    s.getOutputStream().write(head.toString().getBytes(StandardCharsets.US_ASCII));
    s.getOutputStream().flush();
  }

  private static String readLine(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    for (int c = in.read(); c >= 0 && c != '\n'; c = in.read()) {
      if (c != '\r') line.write(c);
    }
    return line.toString(StandardCharsets.ISO_8859_1);
  }

  private static String readAll(InputStream in) throws IOException {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    byte[] buf = new byte[4096];
    try {
      for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
        all.write(buf, 0, n);
        String text = all.toString(StandardCharsets.ISO_8859_1);
        if (text.contains("</Error>")) break; // the whole refusal is in
      }
    } catch (java.net.SocketTimeoutException e) {
      // return what arrived; the assertions say what was missing
    }
    return all.toString(StandardCharsets.ISO_8859_1);
  }
}
