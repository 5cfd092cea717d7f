package dev.dfs.auth;

import dev.dfs.util.BodyException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Turns a raw body into the {@link AuthResult} body for its payload form: hash-verifying stream,
 * aws-chunked decoder (verifying or not) or the raw stream, with the decoded length and the trailer
 * map. Stateless.
 */
final class PayloadBodies {
  private PayloadBodies() {}

  /**
   * @param form the payload form, or null when the request announced none
   * @param contentSha256 the {@code x-amz-content-sha256} value (used for {@code SHA256_HEX})
   * @param chain verifies chunk signatures of signed streaming forms; null decodes them without
   *     verification
   */
  static AuthResult build(
      Principal principal,
      @Nullable PayloadForm form,
      @Nullable String contentSha256,
      SignedRequest request,
      InputStream raw,
      @Nullable ChunkSignatureChain chain) {
    boolean chunked = form != null ? form.chunked() : announcesAwsChunked(request);
    if (chunked) {
      long decodedLength = decodedLength(request);
      Map<String, String> trailers = new ConcurrentHashMap<>();
      boolean verify = chain != null && form != null && form.signedChunks();
      boolean trailersAllowed = form == null || form.trailers() || !verify;
      InputStream body =
          new AwsChunkedInputStream(
              raw, verify ? chain : null, trailersAllowed, decodedLength, trailers);
      verifyIfEmpty(body, decodedLength);
      return new AuthResult(principal, body, decodedLength, Collections.unmodifiableMap(trailers));
    }
    long length = contentLength(request);
    InputStream body =
        form == PayloadForm.SHA256_HEX
            ? new Sha256CheckingInputStream(
                raw,
                PayloadForm.normaliseHex(
                    java.util.Objects.requireNonNull(contentSha256, "SHA256_HEX is a value")),
                length)
            : raw;
    verifyIfEmpty(body, length);
    return new AuthResult(principal, body, length, Map.of());
  }

  /**
   * An empty declared body is verified here, before any handler runs: a consumer that takes the
   * length 0 at its word never reads, so the checks inside the stream (the hash of the empty
   * string, the final chunk's and the trailer's signatures, a decoded length that lies) would
   * otherwise never run. The stream's first read does them all and reads at most the final chunk
   * and its trailers.
   *
   * @throws AuthException PAYLOAD_REJECTED carrying the {@link BodyException}
   */
  private static void verifyIfEmpty(InputStream body, long declaredLength) {
    if (declaredLength != 0) return;
    try {
      int n = body.read(new byte[1], 0, 1);
      if (n > 0) {
        throw new BodyException(
            BodyException.Fault.INCOMPLETE_BODY,
            "The body carries more data than its declared length 0.");
      }
    } catch (BodyException e) {
      throw AuthException.rejectedPayload(e);
    } catch (IOException e) {
      throw AuthException.rejectedPayload(
          new BodyException(
              BodyException.Fault.INCOMPLETE_BODY, "The body could not be read to its end."));
    }
  }

  private static boolean announcesAwsChunked(SignedRequest request) {
    String encoding = request.header("content-encoding");
    return encoding != null && encoding.toLowerCase(Locale.ROOT).contains("aws-chunked");
  }

  private static long decodedLength(SignedRequest request) {
    String value = request.header("x-amz-decoded-content-length");
    if (value == null) return -1;
    try {
      long n = Long.parseLong(value.strip());
      if (n >= 0) return n;
    } catch (NumberFormatException e) {
      // fall through
    }
    throw new AuthException(
        AuthError.INVALID_REQUEST, "x-amz-decoded-content-length is not a valid length.");
  }

  private static long contentLength(SignedRequest request) {
    String value = request.header("content-length");
    if (value == null) return -1;
    try {
      long n = Long.parseLong(value.strip());
      return n >= 0 ? n : -1;
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
