package dev.dfs.s3;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;

/**
 * Continuation tokens of ListObjectsV2 (and ListBuckets): opaque to clients, they carry the last
 * key or common prefix a page returned. Format: unpadded base64url of one version byte ({@code 1})
 * followed by the UTF-8 bytes of that key. The token is stateless, so it survives restarts and
 * works on any node; it is not a secret (keys are visible to the lister anyway). Pure and
 * thread-safe.
 */
public final class ContinuationTokens {
  private static final byte VERSION = 1;

  private ContinuationTokens() {}

  /** The token that resumes a listing strictly after {@code after}. */
  public static String encode(String after) {
    byte[] key = after.getBytes(StandardCharsets.UTF_8);
    byte[] raw = new byte[key.length + 1];
    raw[0] = VERSION;
    System.arraycopy(key, 0, raw, 1, key.length);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
  }

  /**
   * The key a token resumes after.
   *
   * @param parameter the query parameter it came in, named in the error
   * @throws S3Exception InvalidArgument ("The continuation token provided is incorrect") for
   *     anything {@link #encode} did not produce
   */
  public static String decode(String token, String parameter) {
    byte[] raw;
    try {
      raw = Base64.getUrlDecoder().decode(token);
    } catch (IllegalArgumentException e) {
      throw invalid(token, parameter);
    }
    if (raw.length < 1 || raw[0] != VERSION) throw invalid(token, parameter);
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(Arrays.copyOfRange(raw, 1, raw.length)))
          .toString();
    } catch (CharacterCodingException e) {
      throw invalid(token, parameter);
    }
  }

  private static S3Exception invalid(String token, String parameter) {
    return S3Exception.invalidArgument(
        "The continuation token provided is incorrect", parameter, token);
  }
}
