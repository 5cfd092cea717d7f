package dev.dfs.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dfs.util.BodyException;
import dev.dfs.util.BodyException.Fault;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class AwsChunkedInputStreamTest {
  private final Map<String, String> trailers = new HashMap<>();

  private InputStream unsigned(byte[] body, long declared) {
    return new AwsChunkedInputStream(
        new ByteArrayInputStream(body), null, true, declared, trailers);
  }

  private InputStream signed(InputStream raw, boolean trailersAllowed, long declared) {
    return new AwsChunkedInputStream(
        raw, ChunkedEncoder.chain(), trailersAllowed, declared, trailers);
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  private static byte[] data(int n, long seed) {
    byte[] b = new byte[n];
    new Random(seed).nextBytes(b);
    return b;
  }

  private static void assertFault(InputStream in, Fault fault) {
    S3ChunkedExamplesTest.assertFault(in, fault);
  }

  @Test
  void unsignedBodyWithTrailer() throws Exception {
    InputStream in = unsigned(ascii("3\r\nabc\r\n0\r\nx-amz-checksum-crc32:NSRBwg==\r\n\r\n"), 3);
    assertThat(in.readAllBytes()).isEqualTo(ascii("abc"));
    assertThat(trailers).containsExactly(Map.entry("x-amz-checksum-crc32", "NSRBwg=="));
  }

  @Test
  void trailerNamesAreLowerCasedAndValuesTrimmedAndTheSignatureLeftOut() throws Exception {
    InputStream in =
        unsigned(
            ascii(
                "3\r\nabc\r\n0\r\nX-Amz-Checksum-SHA256: abc= \r\nx-amz-trailer-signature:00\r\n\r\n"),
            -1);
    assertThat(in.readAllBytes()).isEqualTo(ascii("abc"));
    assertThat(trailers).containsExactly(Map.entry("x-amz-checksum-sha256", "abc="));
  }

  @Test
  void emptyBody() throws Exception {
    assertThat(unsigned(ascii("0\r\n\r\n"), 0).read()).isEqualTo(-1);
    assertThat(unsigned(ascii("0\r\n\r\n"), -1).readAllBytes()).isEmpty();
  }

  @Test
  void missingFinalEmptyLineIsTolerated() throws Exception {
    assertThat(
            unsigned(ascii("3\r\nabc\r\n0\r\nx-amz-checksum-crc32:NSRBwg==\r\n"), 3).readAllBytes())
        .isEqualTo(ascii("abc"));
    assertThat(trailers).containsKey("x-amz-checksum-crc32");
  }

  @Test
  void signedChunksOfManySizesDecode() throws Exception {
    byte[] data = data(3 * 1024 * 1024 + 17, 1);
    for (int chunk : new int[] {8 * 1024, 64 * 1024, 1024 * 1024, 5 * 1024 * 1024}) {
      byte[] body = ChunkedEncoder.signed().encode(data, chunk);
      InputStream in = signed(new ByteArrayInputStream(body), false, data.length);
      assertThat(S3ChunkedExamplesTest.readInPieces(in, 100_000))
          .as("chunk %d", chunk)
          .isEqualTo(data);
    }
  }

  @Test
  void signedChunksWithSignedTrailersDecodeFromShortReads() throws Exception {
    byte[] data = data(40_000, 2);
    byte[] body =
        ChunkedEncoder.signed()
            .trailer("x-amz-checksum-crc32", "AAAAAA==")
            .signTrailers()
            .encode(data, 8192);
    for (long seed = 0; seed < 4; seed++) {
      trailers.clear();
      InputStream in = signed(new ShortReadStream(body, seed, 7), true, data.length);
      assertThat(S3ChunkedExamplesTest.readInPieces(in, 1 + (int) seed * 3000)).isEqualTo(data);
      assertThat(trailers).containsExactly(Map.entry("x-amz-checksum-crc32", "AAAAAA=="));
    }
  }

  @Test
  void singleByteReadsDecode() throws Exception {
    byte[] data = data(20_000, 3);
    InputStream in =
        signed(new ShortReadStream(ChunkedEncoder.signed().encode(data, 8192), 9, 3), false, -1);
    byte[] out = new byte[data.length];
    for (int i = 0; i < out.length; i++) out[i] = (byte) in.read();
    assertThat(in.read()).isEqualTo(-1);
    assertThat(out).isEqualTo(data);
  }

  @Property(tries = 60, seed = "20130524")
  void anyChunkingAndAnyReadPatternDecodes(
      @ForAll @IntRange(min = 0, max = 70_000) int size,
      @ForAll @IntRange(min = 1, max = 20_000) int chunk,
      @ForAll @IntRange(min = 1, max = 9_000) int maxRead,
      @ForAll boolean signedBody)
      throws Exception {
    byte[] data = data(size, size);
    byte[] body =
        (signedBody ? ChunkedEncoder.signed() : ChunkedEncoder.unsigned())
            .trailer("x-amz-checksum-crc32c", "xyz=")
            .signTrailers()
            .encode(data, chunk);
    trailers.clear();
    InputStream raw = new ShortReadStream(body, chunk, maxRead);
    InputStream in =
        signedBody
            ? signed(raw, true, size)
            : new AwsChunkedInputStream(raw, null, true, size, trailers);
    assertThat(S3ChunkedExamplesTest.readInPieces(in, maxRead)).isEqualTo(data);
    assertThat(trailers).containsEntry("x-amz-checksum-crc32c", "xyz=");
  }

  @Test
  void badHexSize() {
    assertFault(unsigned(ascii("x3\r\nabc\r\n0\r\n\r\n"), -1), Fault.MALFORMED_CHUNK);
    assertFault(unsigned(ascii("\r\nabc\r\n0\r\n\r\n"), -1), Fault.MALFORMED_CHUNK);
    assertFault(unsigned(ascii("-3\r\nabc\r\n0\r\n\r\n"), -1), Fault.MALFORMED_CHUNK);
    assertFault(
        unsigned(ascii("ffffffffffffffffff\r\nabc\r\n0\r\n\r\n"), -1), Fault.MALFORMED_CHUNK);
  }

  @Test
  void chunkExtensionGarbage() {
    assertFault(unsigned(ascii("3;\r\nabc\r\n0\r\n\r\n"), -1), Fault.MALFORMED_CHUNK);
    assertFault(unsigned(ascii("3 junk\r\nabc\r\n0\r\n\r\n"), -1), Fault.MALFORMED_CHUNK);
    assertFault(
        unsigned(ascii("3;chunk-signature=a b\r\nabc\r\n0\r\n\r\n"), -1), Fault.MALFORMED_CHUNK);
  }

  @Test
  void missingCrlf() {
    assertFault(unsigned(ascii("3\r\nabcX\n0\r\n\r\n"), -1), Fault.MALFORMED_CHUNK);
    assertFault(unsigned(ascii("3\nabc\r\n0\r\n\r\n"), -1), Fault.MALFORMED_CHUNK);
    assertFault(unsigned(ascii("3\r\nabcd\r\n0\r\n\r\n"), -1), Fault.MALFORMED_CHUNK);
  }

  @Test
  void overlongChunkLine() {
    String longExt = ";x=" + "a".repeat(10_000);
    assertFault(unsigned(ascii("3" + longExt + "\r\nabc\r\n0\r\n\r\n"), -1), Fault.MALFORMED_CHUNK);
  }

  @Test
  void truncatedBody() {
    byte[] body = ChunkedEncoder.signed().encode(data(30_000, 4), 8192);
    for (int cut : new int[] {0, 10, 100, 9000, body.length - 90, body.length - 3}) {
      byte[] truncated = java.util.Arrays.copyOf(body, cut);
      assertFault(signed(new ByteArrayInputStream(truncated), false, -1), Fault.INCOMPLETE_BODY);
    }
  }

  @Test
  void decodedLengthMustMatch() {
    byte[] body = ascii("3\r\nabc\r\n0\r\n\r\n");
    assertFault(unsigned(body, 4), Fault.INCOMPLETE_BODY);
    assertFault(unsigned(body, 2), Fault.INCOMPLETE_BODY);
  }

  @Test
  void wrongChunkSignature() {
    byte[] data = data(20_000, 5);
    byte[] body = ChunkedEncoder.signed().encode(data, 8192);
    String text = new String(body, StandardCharsets.ISO_8859_1);
    int at = text.indexOf("chunk-signature=", 9000) + "chunk-signature=".length();
    body[at] = (byte) (body[at] == 'a' ? 'b' : 'a');
    assertFault(
        signed(new ByteArrayInputStream(body), false, data.length), Fault.CHUNK_SIGNATURE_MISMATCH);
  }

  @Test
  void missingChunkSignatureInSignedBody() {
    byte[] body = ChunkedEncoder.unsigned().encode(data(100, 6), 8192);
    assertFault(signed(new ByteArrayInputStream(body), false, 100), Fault.CHUNK_SIGNATURE_MISMATCH);
  }

  @Test
  void chunksReorderedAreCaught() {
    // Same data in both chunks, so only the chain (not the data hash) tells them apart.
    byte[] data = Fixtures.repeat('z', 16384);
    byte[] body = ChunkedEncoder.signed().encode(data, 8192);
    String text = new String(body, StandardCharsets.ISO_8859_1);
    int first = text.indexOf("2000;");
    int second = text.indexOf("2000;", first + 1);
    String header1 = text.substring(first, text.indexOf("\r\n", first));
    String header2 = text.substring(second, text.indexOf("\r\n", second));
    String swapped =
        text.substring(0, first)
            + header2
            + text.substring(first + header1.length(), second)
            + header1
            + text.substring(second + header2.length());
    assertFault(
        signed(new ByteArrayInputStream(ascii(swapped)), false, data.length),
        Fault.CHUNK_SIGNATURE_MISMATCH);
  }

  @Test
  void signedTrailerWithWrongSignature() {
    byte[] body =
        ChunkedEncoder.signed()
            .trailer("x-amz-checksum-crc32", "AAAAAA==")
            .signTrailers()
            .encode(data(100, 7), 8192);
    String tampered = new String(body, StandardCharsets.ISO_8859_1).replace("AAAAAA==", "AAAAAB==");
    assertFault(
        signed(new ByteArrayInputStream(ascii(tampered)), true, 100),
        Fault.CHUNK_SIGNATURE_MISMATCH);
    assertThat(trailers).isEmpty();
  }

  @Test
  void trailersAreRefusedWhereNoneWereAnnounced() {
    byte[] body =
        ChunkedEncoder.signed()
            .trailer("x-amz-checksum-crc32", "AAAAAA==")
            .encode(data(100, 8), 8192);
    assertFault(signed(new ByteArrayInputStream(body), false, 100), Fault.MALFORMED_CHUNK);
  }

  @Test
  void malformedTrailerLine() {
    assertFault(
        unsigned(ascii("3\r\nabc\r\n0\r\nno-colon-here\r\n\r\n"), 3), Fault.MALFORMED_CHUNK);
    assertFault(unsigned(ascii("3\r\nabc\r\n0\r\n:value\r\n\r\n"), 3), Fault.MALFORMED_CHUNK);
  }

  @Test
  void zeroLengthReadsReturnZero() throws Exception {
    InputStream in = unsigned(ascii("3\r\nabc\r\n0\r\n\r\n"), 3);
    assertThat(in.read(new byte[4], 0, 0)).isZero();
    assertThat(in.readAllBytes()).isEqualTo(ascii("abc"));
  }

  @Test
  void failuresAreBodyExceptions() {
    assertThatThrownBy(() -> unsigned(ascii("zz\r\n"), -1).read())
        .isInstanceOf(BodyException.class)
        .isInstanceOf(java.io.IOException.class);
  }
}
