package dev.dfs.s3;

import java.nio.charset.StandardCharsets;

/** The rule S3 sets on object keys: at most 1024 bytes in UTF-8. Pure and thread-safe. */
final class ObjectKeys {
  private ObjectKeys() {}

  /** Longest key S3 accepts, in UTF-8 bytes. */
  static final int MAX_KEY_BYTES = 1024;

  /** Whether {@code key} is longer than S3 accepts (counted in UTF-8 bytes). */
  static boolean tooLong(String key) {
    return key.getBytes(StandardCharsets.UTF_8).length > MAX_KEY_BYTES;
  }

  /**
   * @throws S3Exception KeyTooLongError when {@code key} is longer than S3 accepts
   */
  static void checkLength(String key) {
    if (tooLong(key)) throw new S3Exception(S3ErrorCode.KEY_TOO_LONG);
  }
}
