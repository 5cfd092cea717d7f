package dev.dfs.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dfs.util.BodyException.Fault;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class Sha256CheckingInputStreamTest {
  private static final byte[] DATA = "Welcome to Amazon S3.".getBytes(StandardCharsets.US_ASCII);
  private static final String HASH =
      "44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072";

  @Test
  void matchingBodyPasses() throws Exception {
    var in = new Sha256CheckingInputStream(new ShortReadStream(DATA, 1, 3), HASH, -1);
    assertThat(in.readAllBytes()).isEqualTo(DATA);
    assertThat(in.read()).isEqualTo(-1);
  }

  @Test
  void mismatchIsThrownAtTheEnd() throws Exception {
    byte[] other = DATA.clone();
    other[0] = 'w';
    var in = new Sha256CheckingInputStream(new ByteArrayInputStream(other), HASH, -1);
    assertThat(in.readNBytes(other.length)).isEqualTo(other);
    S3ChunkedExamplesTest.assertFault(in, Fault.CONTENT_SHA256_MISMATCH);
  }

  @Test
  void emptyBodyHash() throws Exception {
    assertThat(
            new Sha256CheckingInputStream(
                    new ByteArrayInputStream(new byte[0]), Sha256.EMPTY_HASH, -1)
                .read())
        .isEqualTo(-1);
    S3ChunkedExamplesTest.assertFault(
        new Sha256CheckingInputStream(new ByteArrayInputStream(new byte[0]), HASH, -1),
        Fault.CONTENT_SHA256_MISMATCH);
  }

  @Test
  void skippedBytesAreHashedToo() throws Exception {
    var in = new Sha256CheckingInputStream(new ByteArrayInputStream(DATA), HASH, -1);
    assertThat(in.skip(10)).isEqualTo(10);
    assertThat(in.readAllBytes()).hasSize(DATA.length - 10);
  }

  /**
   * A consumer that reads exactly the declared length (as the storage engines do) never reaches the
   * end of the stream: the read that takes the last declared byte must verify, and throw instead of
   * handing the bytes out.
   */
  @Test
  void withDeclaredLengthTheLastByteIsNotHandedOutUnverified() throws Exception {
    byte[] other = DATA.clone();
    other[DATA.length - 1] = '!';
    var in = new Sha256CheckingInputStream(new ByteArrayInputStream(other), HASH, other.length);
    assertThat(in.readNBytes(other.length - 1)).hasSize(other.length - 1);
    S3ChunkedExamplesTest.assertFault(in, Fault.CONTENT_SHA256_MISMATCH);
    var whole = new Sha256CheckingInputStream(new ByteArrayInputStream(other), HASH, other.length);
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> whole.read(new byte[other.length], 0, other.length))
        .isInstanceOfSatisfying(
            dev.dfs.util.BodyException.class,
            e -> assertThat(e.fault()).isEqualTo(Fault.CONTENT_SHA256_MISMATCH));
  }

  @Test
  void withDeclaredLengthAMatchingBodyPassesAndNothingBeyondIsRead() throws Exception {
    byte[] longer =
        (new String(DATA, StandardCharsets.US_ASCII) + "trailing")
            .getBytes(StandardCharsets.US_ASCII);
    var raw = new ByteArrayInputStream(longer);
    var in = new Sha256CheckingInputStream(new ShortReadStream(DATA, 7, 4), HASH, DATA.length);
    assertThat(in.readNBytes(DATA.length)).isEqualTo(DATA);
    assertThat(in.read()).isEqualTo(-1);
    var capped = new Sha256CheckingInputStream(raw, HASH, DATA.length);
    assertThat(capped.readAllBytes()).isEqualTo(DATA);
    assertThat(raw.available()).isEqualTo("trailing".length());
  }

  @Test
  void aBodyShorterThanDeclaredIsIncomplete() throws Exception {
    var in = new Sha256CheckingInputStream(new ByteArrayInputStream(DATA), HASH, DATA.length + 1);
    assertThat(in.readNBytes(DATA.length)).isEqualTo(DATA);
    S3ChunkedExamplesTest.assertFault(in, Fault.INCOMPLETE_BODY);
  }

  @Test
  void anEmptyDeclaredBodyIsVerifiedOnItsFirstRead() throws Exception {
    S3ChunkedExamplesTest.assertFault(
        new Sha256CheckingInputStream(new ByteArrayInputStream(DATA), HASH, 0),
        Fault.CONTENT_SHA256_MISMATCH);
    assertThat(
            new Sha256CheckingInputStream(new ByteArrayInputStream(DATA), Sha256.EMPTY_HASH, 0)
                .read())
        .isEqualTo(-1);
  }
}
