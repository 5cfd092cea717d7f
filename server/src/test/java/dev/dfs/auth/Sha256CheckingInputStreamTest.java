package dev.dfs.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dfs.util.BodyException.Fault;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class Sha256CheckingInputStreamTest {
  private static final byte[] DATA = "Welcome to Amazon S3.".getBytes(StandardCharsets.US_ASCII);
  private static final String HASH = "44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072";

  @Test
  void matchingBodyPasses() throws Exception {
    var in = new Sha256CheckingInputStream(new ShortReadStream(DATA, 1, 3), HASH);
    assertThat(in.readAllBytes()).isEqualTo(DATA);
    assertThat(in.read()).isEqualTo(-1);
  }

  @Test
  void mismatchIsThrownAtTheEnd() throws Exception {
    byte[] other = DATA.clone();
    other[0] = 'w';
    var in = new Sha256CheckingInputStream(new ByteArrayInputStream(other), HASH);
    assertThat(in.readNBytes(other.length)).isEqualTo(other);
    S3ChunkedExamplesTest.assertFault(in, Fault.CONTENT_SHA256_MISMATCH);
  }

  @Test
  void emptyBodyHash() throws Exception {
    assertThat(new Sha256CheckingInputStream(new ByteArrayInputStream(new byte[0]), Sha256.EMPTY_HASH).read())
        .isEqualTo(-1);
    S3ChunkedExamplesTest.assertFault(
        new Sha256CheckingInputStream(new ByteArrayInputStream(new byte[0]), HASH),
        Fault.CONTENT_SHA256_MISMATCH);
  }

  @Test
  void skippedBytesAreHashedToo() throws Exception {
    var in = new Sha256CheckingInputStream(new ByteArrayInputStream(DATA), HASH);
    assertThat(in.skip(10)).isEqualTo(10);
    assertThat(in.readAllBytes()).hasSize(DATA.length - 10);
  }
}
