package dev.dfs.s3;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HeaderTextTest {
  /** What Jetty hands over for these bytes: one character per byte. */
  private static String asJettyReads(byte[] bytes) {
    return new String(bytes, StandardCharsets.ISO_8859_1);
  }

  @Test
  void utf8BytesAreReadAsUtf8() {
    String sent = "日本語 ü";
    assertThat(HeaderText.of(asJettyReads(sent.getBytes(StandardCharsets.UTF_8)))).isEqualTo(sent);
  }

  @Test
  void latin1BytesStayLatin1() {
    assertThat(HeaderText.of(asJettyReads("café".getBytes(StandardCharsets.ISO_8859_1))))
        .isEqualTo("café");
    assertThat(HeaderText.of("plain ascii")).isEqualTo("plain ascii");
    assertThat(HeaderText.of(null)).isNull();
  }
}
