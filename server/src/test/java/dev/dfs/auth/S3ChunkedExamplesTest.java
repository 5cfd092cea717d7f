package dev.dfs.auth;

import static dev.dfs.auth.Fixtures.EXAMPLE_TIME;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dfs.util.BodyException;
import dev.dfs.util.ChecksumAlgorithm;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The S3 API Reference examples "Transferring Payload in Multiple Chunks" (66560 bytes of 'a' in 64
 * KiB + 1 KiB chunks, seed 4f232c43...) and "Signature calculations for trailing headers" (the same
 * data with a CRC32C trailer, seed 106e2a8a...).
 */
class S3ChunkedExamplesTest {
  static final String SEED = "4f232c4386841ef735655705268965c44a0e4690baa4adea153f7db9fa80a0a9";
  static final String[] CHUNK_SIGNATURES = {
    "ad80c730a21e5b8d04586a2213dd63b9a0e99e0e2307b0ade35a65485a288648",
    "0055627c9e194cb4542bae2aa5492e3c1575bbb81b612b7d234b86a503ef5497",
    "b6c6ea8a5354eaf15b3cb7646744f4275b71ea724fed81ceb9323e279d449df9"
  };
  static final String TRAILER_SEED =
      "106e2a8a18243abcf37539882f36619c00e2dfc72633413f02d3b74544bfeb8e";
  static final String[] TRAILER_CHUNK_SIGNATURES = {
    "b474d8862b1487a5145d686f57f013e54db672cee1c953b3010fb58501ef5aa2",
    "1c1344b170168f8e65b41376b44b20fe354e373826ccbbe2c1d40a8cae51e5c7",
    "2ca2aba2005185cf7159c6277faf83795951dd77a3a99e6e65d5c9f85863f992"
  };
  static final String TRAILER_SIGNATURE =
      "d81f82fc3505edab99d459891051a732e8730629a2e4a59689829ca17fe2e435";
  static final byte[] DATA = Fixtures.repeat('a', 66560);

  static byte[] body(String[] signatures, String trailers) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(
        ("10000;chunk-signature=" + signatures[0] + "\r\n").getBytes(StandardCharsets.US_ASCII));
    out.write(DATA, 0, 65536);
    out.writeBytes(
        ("\r\n400;chunk-signature=" + signatures[1] + "\r\n").getBytes(StandardCharsets.US_ASCII));
    out.write(DATA, 65536, 1024);
    out.writeBytes(
        ("\r\n0;chunk-signature=" + signatures[2] + "\r\n").getBytes(StandardCharsets.US_ASCII));
    out.writeBytes((trailers + "\r\n").getBytes(StandardCharsets.US_ASCII));
    return out.toByteArray();
  }

  static SignedRequest chunkedRequest() {
    return Fixtures.request("PUT", "/examplebucket/chunkObject.txt")
        .header("Host", "s3.amazonaws.com")
        .header("x-amz-date", "20130524T000000Z")
        .header("x-amz-storage-class", "REDUCED_REDUNDANCY")
        .header("x-amz-content-sha256", "STREAMING-AWS4-HMAC-SHA256-PAYLOAD")
        .header("Content-Encoding", "aws-chunked")
        .header("x-amz-decoded-content-length", "66560")
        .header("Content-Length", "66824")
        .header(
            "Authorization",
            "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,"
                + "SignedHeaders=content-encoding;content-length;host;x-amz-content-sha256;"
                + "x-amz-date;x-amz-decoded-content-length;x-amz-storage-class,Signature="
                + SEED)
        .build();
  }

  static SignedRequest trailerRequest() {
    return Fixtures.request("PUT", "/examplebucket/chunkObject.txt")
        .header("Host", "s3.amazonaws.com")
        .header("x-amz-date", "20130524T000000Z")
        .header("x-amz-storage-class", "REDUCED_REDUNDANCY")
        .header("x-amz-content-sha256", "STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER")
        .header("Content-Encoding", "aws-chunked")
        .header("x-amz-decoded-content-length", "66560")
        .header("x-amz-trailer", "x-amz-checksum-crc32c")
        .header("Content-Length", "66946")
        .header(
            "Authorization",
            "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,"
                + "SignedHeaders=content-encoding;host;x-amz-content-sha256;x-amz-date;"
                + "x-amz-decoded-content-length;x-amz-storage-class;x-amz-trailer,Signature="
                + TRAILER_SEED)
        .build();
  }

  private final SigV4Authenticator auth = Fixtures.authenticator(EXAMPLE_TIME, false);

  @Test
  void theDocumentedBodyHasTheDocumentedLength() {
    assertThat(body(CHUNK_SIGNATURES, "")).hasSize(66824);
  }

  @Test
  void chunkSignatureChainMatchesTheDocumentedSignatures() {
    byte[] key = SigningKeys.derive(Fixtures.SECRET_KEY, "20130524", "us-east-1", "s3");
    var chain =
        new ChunkSignatureChain(
            key, "20130524T000000Z", "20130524/us-east-1/s3/aws4_request", SEED);
    var digest = Sha256.newDigest();
    assertThat(chain.verifyChunk(digest.digest(Fixtures.repeat('a', 65536)), CHUNK_SIGNATURES[0]))
        .isTrue();
    assertThat(chain.verifyChunk(digest.digest(Fixtures.repeat('a', 1024)), CHUNK_SIGNATURES[1]))
        .isTrue();
    assertThat(chain.verifyChunk(digest.digest(new byte[0]), CHUNK_SIGNATURES[2])).isTrue();
  }

  @Test
  void seedSignatureStringToSign() {
    var r = chunkedRequest();
    String canonical =
        CanonicalRequest.build(
            "PUT",
            UriEncoding.canonicalPath(r.rawPath()),
            "",
            r.headers(),
            CanonicalRequest.signedHeaderNames(
                "content-encoding;content-length;host;x-amz-content-sha256;x-amz-date;"
                    + "x-amz-decoded-content-length;x-amz-storage-class"),
            "STREAMING-AWS4-HMAC-SHA256-PAYLOAD");
    assertThat(Sha256.hex(canonical))
        .isEqualTo("cee3fed04b70f867d036f722359b0b1f2f0e5dc0efadbc082b76c4c60e316455");
  }

  @Test
  void signedChunkedUploadDecodes() throws Exception {
    AuthResult result =
        auth.authenticate(chunkedRequest(), Fixtures.bytes(body(CHUNK_SIGNATURES, "")));
    assertThat(result.decodedLength()).isEqualTo(66560);
    assertThat(result.body().readAllBytes()).isEqualTo(DATA);
    assertThat(result.body().read()).isEqualTo(-1);
    assertThat(result.trailers()).isEmpty();
  }

  @Test
  void signedChunkedUploadDecodesFromShortReads() throws Exception {
    for (int seed = 0; seed < 3; seed++) {
      InputStream raw = new ShortReadStream(body(CHUNK_SIGNATURES, ""), seed, 7);
      AuthResult result = auth.authenticate(chunkedRequest(), raw);
      assertThat(readInPieces(result.body(), 5000 + seed)).isEqualTo(DATA);
    }
  }

  @Test
  void everyWrongChunkSignatureIsCaught() {
    for (int i = 0; i < 3; i++) {
      String[] sigs = CHUNK_SIGNATURES.clone();
      sigs[i] = sigs[i].substring(0, 63) + (sigs[i].endsWith("0") ? "1" : "0");
      AuthResult result = auth.authenticate(chunkedRequest(), Fixtures.bytes(body(sigs, "")));
      assertFault(result.body(), BodyException.Fault.CHUNK_SIGNATURE_MISMATCH);
    }
  }

  @Test
  void alteredDataIsCaught() {
    byte[] body = body(CHUNK_SIGNATURES, "");
    body[66_000] = (byte) 'b';
    AuthResult result = auth.authenticate(chunkedRequest(), Fixtures.bytes(body));
    assertFault(result.body(), BodyException.Fault.CHUNK_SIGNATURE_MISMATCH);
  }

  @Test
  void theTrailerExampleCarriesTheCrc32cOfTheData() {
    var crc = ChecksumAlgorithm.CRC32C.newChecksum();
    crc.update(DATA, 0, DATA.length);
    assertThat(crc.finishBase64()).isEqualTo("sOO8/Q==");
  }

  @Test
  void signedTrailerUploadDecodesAndExposesTheTrailer() throws Exception {
    String trailers =
        "x-amz-checksum-crc32c:sOO8/Q==\r\nx-amz-trailer-signature:" + TRAILER_SIGNATURE + "\r\n";
    byte[] body = body(TRAILER_CHUNK_SIGNATURES, trailers);
    AuthResult result = auth.authenticate(trailerRequest(), new ShortReadStream(body, 42, 4096));
    assertThat(result.trailers()).isEmpty();
    assertThat(result.body().readAllBytes()).isEqualTo(DATA);
    assertThat(result.trailers())
        .containsExactly(java.util.Map.entry("x-amz-checksum-crc32c", "sOO8/Q=="));
  }

  @Test
  void trailerIsVerifiedEvenWhenTheReaderStopsAtTheDecodedLength() throws Exception {
    String trailers =
        "x-amz-checksum-crc32c:sOO8/Q==\r\nx-amz-trailer-signature:" + TRAILER_SIGNATURE + "\r\n";
    AuthResult result =
        auth.authenticate(
            trailerRequest(), Fixtures.bytes(body(TRAILER_CHUNK_SIGNATURES, trailers)));
    assertThat(result.body().readNBytes(66560)).isEqualTo(DATA);
    assertThat(result.trailers()).containsEntry("x-amz-checksum-crc32c", "sOO8/Q==");
  }

  @Test
  void signedTrailerWithAnotherValueIsCaught() {
    String trailers =
        "x-amz-checksum-crc32c:AAAAAA==\r\nx-amz-trailer-signature:" + TRAILER_SIGNATURE + "\r\n";
    AuthResult result =
        auth.authenticate(
            trailerRequest(), Fixtures.bytes(body(TRAILER_CHUNK_SIGNATURES, trailers)));
    assertFault(result.body(), BodyException.Fault.CHUNK_SIGNATURE_MISMATCH);
    assertThat(result.trailers()).isEmpty();
  }

  @Test
  void signedTrailerWithoutSignatureIsCaught() {
    AuthResult result =
        auth.authenticate(
            trailerRequest(),
            Fixtures.bytes(body(TRAILER_CHUNK_SIGNATURES, "x-amz-checksum-crc32c:sOO8/Q==\r\n")));
    assertFault(result.body(), BodyException.Fault.CHUNK_SIGNATURE_MISMATCH);
  }

  static byte[] readInPieces(InputStream in, int piece) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buf = new byte[piece];
    int n;
    while ((n = in.read(buf, 0, buf.length)) >= 0) out.write(buf, 0, n);
    return out.toByteArray();
  }

  static void assertFault(InputStream body, BodyException.Fault fault) {
    assertThatThrownBy(body::readAllBytes)
        .isInstanceOfSatisfying(BodyException.class, e -> assertThat(e.fault()).isEqualTo(fault));
    // and the failure is sticky
    assertThatThrownBy(body::read)
        .isInstanceOfSatisfying(BodyException.class, e -> assertThat(e.fault()).isEqualTo(fault));
  }
}
