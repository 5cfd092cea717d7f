package dev.dfs.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

class PayloadTest {
  private final Payload payload = new Payload(1000, 9);

  private static byte[] readAll(InputStream in) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buf = new byte[333];
    int n;
    while ((n = in.read(buf)) >= 0) out.write(buf, 0, n);
    return out.toByteArray();
  }

  @Test
  void streamsExactlyTheAnnouncedLengthRepeatingTheBuffer() throws IOException {
    byte[] all = readAll(payload.stream("k", 0, 2500));
    assertThat(all).hasSize(2500);
    for (int i = 0; i < 1500; i++) assertThat(all[i + 1000]).isEqualTo(all[i]);
    assertThat(readAll(payload.stream("k", 0, 0))).isEmpty();
  }

  @Test
  void aRangeOfAnObjectIsTheSameBytesAsInTheWhole() throws IOException {
    byte[] whole = readAll(payload.stream("obj", 0, 5000));
    byte[] part = readAll(payload.stream("obj", 1700, 1200));
    assertThat(part).containsExactly(java.util.Arrays.copyOfRange(whole, 1700, 2900));
  }

  @Test
  void differentKeysStartAtDifferentOffsets() throws IOException {
    assertThat(readAll(payload.stream("a", 0, 64)))
        .isNotEqualTo(readAll(payload.stream("b", 0, 64)));
  }

  @Test
  void singleByteReadsMarkAndReset() throws IOException {
    InputStream in = payload.stream("k", 0, 10);
    byte[] bulk = readAll(payload.stream("k", 0, 10));
    assertThat(in.markSupported()).isTrue();
    assertThat((byte) in.read()).isEqualTo(bulk[0]);
    in.mark(100);
    assertThat(in.skip(5)).isEqualTo(5);
    assertThat(in.available()).isEqualTo(4);
    in.reset();
    assertThat((byte) in.read()).isEqualTo(bulk[1]);
  }

  @Test
  void drainCountsAndVerifiesContent() throws IOException {
    byte[] body = readAll(payload.stream("key", 0, 4321));
    byte[] scratch = new byte[256];
    assertThat(payload.drain(new ByteArrayInputStream(body), scratch, "key", true)).isEqualTo(4321);

    body[3000] ^= 1;
    assertThatThrownBy(() -> payload.drain(new ByteArrayInputStream(body), scratch, "key", true))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("near byte");
    assertThat(payload.drain(new ByteArrayInputStream(body), scratch, "key", false))
        .isEqualTo(4321);
  }

  @Test
  void requestBodyKnowsItsLength() {
    assertThat(payload.body("k", 0, 123_456_789_000L).optionalContentLength())
        .contains(123_456_789_000L);
  }
}
