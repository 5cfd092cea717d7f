package dev.dfs.auth;

import dev.dfs.util.Hex;
import java.nio.charset.StandardCharsets;
import javax.crypto.Mac;
import org.jspecify.annotations.Nullable;

/**
 * The chain of signatures of a streaming-signed (aws-chunked) body. Each chunk's signature signs
 * the previous signature (the request's seed signature for the first chunk), the hash of the empty
 * string and the hash of the chunk's data:
 *
 * <pre>
 * AWS4-HMAC-SHA256-PAYLOAD \n date \n scope \n previous \n sha256("") \n sha256(chunk)
 * </pre>
 *
 * and trailing headers are signed after the final (empty) chunk:
 *
 * <pre>
 * AWS4-HMAC-SHA256-TRAILER \n date \n scope \n previous \n sha256("name:value\n"...)
 * </pre>
 *
 * Not thread-safe: one per body.
 */
final class ChunkSignatureChain {
  private final Mac mac;
  private final String dateAndScope;
  private String previous;

  /**
   * @param signingKey the derived SigV4 signing key of the request
   * @param amzDate the request timestamp as signed ({@code 20130524T000000Z})
   * @param scope {@code date/region/s3/aws4_request}
   * @param seedSignature the verified signature of the request (lower-case hex)
   */
  ChunkSignatureChain(byte[] signingKey, String amzDate, String scope, String seedSignature) {
    this.mac = Sha256.newHmac(signingKey);
    this.dateAndScope = amzDate + "\n" + scope + "\n";
    this.previous = seedSignature;
  }

  /** Whether {@code given} signs a chunk whose data hashes to {@code chunkSha256}; advances. */
  boolean verifyChunk(byte[] chunkSha256, @Nullable String given) {
    String toSign =
        "AWS4-HMAC-SHA256-PAYLOAD\n"
            + dateAndScope
            + previous
            + "\n"
            + Sha256.EMPTY_HASH
            + "\n"
            + Hex.encode(chunkSha256);
    return advance(toSign, given);
  }

  /** Whether {@code given} signs the trailing headers {@code canonicalTrailers}. */
  boolean verifyTrailer(String canonicalTrailers, @Nullable String given) {
    String toSign =
        "AWS4-HMAC-SHA256-TRAILER\n"
            + dateAndScope
            + previous
            + "\n"
            + Sha256.hex(canonicalTrailers);
    return advance(toSign, given);
  }

  private boolean advance(String toSign, @Nullable String given) {
    String expected = Hex.encode(mac.doFinal(toSign.getBytes(StandardCharsets.UTF_8)));
    if (!Sha256.sameSignature(expected, given)) return false;
    previous = expected;
    return true;
  }
}
