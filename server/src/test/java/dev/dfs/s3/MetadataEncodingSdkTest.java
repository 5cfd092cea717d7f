package dev.dfs.s3;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dfs.testing.DfsServerExtension;
import dev.dfs.testing.DfsTestServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Non-ASCII {@code x-amz-meta-*} values as S3 handles them: signed as sent, stored decoded (RFC
 * 2047 encoded words too), returned RFC 2047 encoded ({@code =?UTF-8?B?…?=}).
 */
class MetadataEncodingSdkTest {
  @RegisterExtension static final DfsServerExtension DFS = DfsServerExtension.local();
  static S3Client s3;

  @BeforeAll
  static void start() {
    s3 = DFS.client();
    s3.createBucket(b -> b.bucket("meta"));
  }

  private static Map<String, String> metadata(String key) {
    return s3.headObject(b -> b.bucket("meta").key(key)).metadata();
  }

  /** The Java SDK sends a Latin-1 value as its ISO-8859-1 bytes and signs the characters. */
  @Test
  void latin1ValuesSignAndComeBackEncoded() {
    s3.putObject(
        b -> b.bucket("meta").key("latin").metadata(Map.of("drink", "café", "a", "b")),
        RequestBody.fromString("x"));
    assertThat(metadata("latin"))
        .containsEntry("drink", "=?UTF-8?B?Y2Fmw6k=?=")
        .containsEntry("a", "b");
  }

  @Test
  void encodedWordsAreStoredDecoded() {
    s3.putObject(
        b ->
            b.bucket("meta")
                .key("words")
                .metadata(Map.of("name", "=?UTF-8?B?5pel5pys?=", "q", "=?ISO-8859-1?Q?caf=E9?=")),
        RequestBody.fromString("x"));
    assertThat(metadata("words"))
        .containsEntry("name", "=?UTF-8?B?5pel5pys?=")
        .containsEntry("q", "=?UTF-8?B?Y2Fmw6k=?=");
  }

  /** Go and Rust SDKs send UTF-8 bytes and sign the same text. */
  @Test
  void rawUtf8ValuesSignAndComeBackEncoded() throws Exception {
    String value = "日本語 ü";
    String answer = signedPut("/meta/utf8", "x-amz-meta-text", value);
    assertThat(answer).startsWith("HTTP/1.1 200 ");
    assertThat(metadata("utf8")).containsEntry("text", ObjectHeaders.headerSafe(value));
  }

  private static String signedPut(String path, String metaName, String metaValue)
      throws IOException {
    TestSigV4 signer = new TestSigV4(DfsTestServer.ACCESS_KEY, DfsTestServer.SECRET_KEY);
    Instant now = Instant.now();
    Map<String, String> signed = new LinkedHashMap<>();
    signed.put("host", "127.0.0.1:" + DFS.server().port());
    signed.put(metaName, metaValue);
    signed.put("x-amz-content-sha256", TestSigV4.UNSIGNED_PAYLOAD);
    signed.put("x-amz-date", TestSigV4.amzDate(now));
    String authorization =
        signer.authorization(
            "PUT",
            path,
            "",
            signed,
            List.of("host", metaName, "x-amz-content-sha256", "x-amz-date"),
            TestSigV4.UNSIGNED_PAYLOAD,
            now);
    StringBuilder head = new StringBuilder("PUT " + path + " HTTP/1.1\r\n");
    signed.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
    head.append("authorization: ")
        .append(authorization)
        .append("\r\n")
        .append("content-length: 1\r\nconnection: close\r\n\r\nx");
    try (Socket s = new Socket("127.0.0.1", DFS.server().port())) {
      s.setSoTimeout(20_000);
      s.getOutputStream().write(head.toString().getBytes(StandardCharsets.UTF_8));
      s.getOutputStream().flush();
      InputStream in = s.getInputStream();
      ByteArrayOutputStream all = new ByteArrayOutputStream();
      in.transferTo(all);
      return all.toString(StandardCharsets.UTF_8);
    }
  }
}
