package dev.dfs.auth;

import dev.dfs.util.Hex;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** Encodes test bodies as aws-chunked, signed (with the S3 example key) or not. */
final class ChunkedEncoder {
  static final String AMZ_DATE = "20130524T000000Z";
  static final String SCOPE = "20130524/us-east-1/s3/aws4_request";
  static final String SEED = "00000000000000000000000000000000000000000000000000000000000000aa";

  private final boolean signed;
  private final Map<String, String> trailers = new LinkedHashMap<>();
  private boolean signTrailers;

  private ChunkedEncoder(boolean signed) {
    this.signed = signed;
  }

  static ChunkedEncoder unsigned() {
    return new ChunkedEncoder(false);
  }

  static ChunkedEncoder signed() {
    return new ChunkedEncoder(true);
  }

  static byte[] signingKey() {
    return SigningKeys.derive(Fixtures.SECRET_KEY, "20130524", "us-east-1", "s3");
  }

  /** A chain that verifies what this encoder signs. */
  static ChunkSignatureChain chain() {
    return new ChunkSignatureChain(signingKey(), AMZ_DATE, SCOPE, SEED);
  }

  ChunkedEncoder trailer(String name, String value) {
    trailers.put(name, value);
    return this;
  }

  ChunkedEncoder signTrailers() {
    this.signTrailers = true;
    return this;
  }

  byte[] encode(byte[] data, int chunkSize) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(data.length + 1024);
    var mac = Sha256.newHmac(signingKey());
    String previous = SEED;
    int off = 0;
    while (true) {
      int n = Math.min(chunkSize, data.length - off);
      StringBuilder header = new StringBuilder(Integer.toHexString(n));
      if (signed) {
        String toSign =
            "AWS4-HMAC-SHA256-PAYLOAD\n"
                + AMZ_DATE
                + "\n"
                + SCOPE
                + "\n"
                + previous
                + "\n"
                + Sha256.EMPTY_HASH
                + "\n"
                + Hex.encode(digest(data, off, n));
        previous = Hex.encode(mac.doFinal(toSign.getBytes(StandardCharsets.UTF_8)));
        header.append(";chunk-signature=").append(previous);
      }
      out.writeBytes((header + "\r\n").getBytes(StandardCharsets.US_ASCII));
      if (n == 0) break;
      out.write(data, off, n);
      out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
      off += n;
    }
    StringBuilder canonical = new StringBuilder();
    StringBuilder tail = new StringBuilder();
    trailers.forEach(
        (k, v) -> {
          canonical.append(k).append(':').append(v).append('\n');
          tail.append(k).append(':').append(v).append("\r\n");
        });
    if (signTrailers) {
      String toSign =
          "AWS4-HMAC-SHA256-TRAILER\n"
              + AMZ_DATE
              + "\n"
              + SCOPE
              + "\n"
              + previous
              + "\n"
              + Sha256.hex(canonical.toString());
      tail.append("x-amz-trailer-signature:")
          .append(Hex.encode(mac.doFinal(toSign.getBytes(StandardCharsets.UTF_8))))
          .append("\r\n");
    }
    tail.append("\r\n");
    out.writeBytes(tail.toString().getBytes(StandardCharsets.US_ASCII));
    return out.toByteArray();
  }

  private static byte[] digest(byte[] data, int off, int len) {
    var d = Sha256.newDigest();
    d.update(data, off, len);
    return d.digest();
  }
}
