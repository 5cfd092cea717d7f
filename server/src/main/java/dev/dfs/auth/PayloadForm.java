package dev.dfs.auth;

import java.util.Locale;

/** The payload forms S3 clients announce in {@code x-amz-content-sha256}. */
enum PayloadForm {
  /** A 64-hex SHA-256 of the whole body: verified as the body is read. */
  SHA256_HEX(false, false, false),
  /** {@code UNSIGNED-PAYLOAD}: the body is taken as is. */
  UNSIGNED(false, false, false),
  /** {@code STREAMING-AWS4-HMAC-SHA256-PAYLOAD}: aws-chunked with chunk signatures. */
  STREAMING_SIGNED(true, true, false),
  /** {@code STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER}: signed chunks plus signed trailers. */
  STREAMING_SIGNED_TRAILER(true, true, true),
  /** {@code STREAMING-UNSIGNED-PAYLOAD-TRAILER}: aws-chunked without signatures, with trailers. */
  STREAMING_UNSIGNED_TRAILER(true, false, true);

  static final String UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD";
  static final String STREAMING_SIGNED_VALUE = "STREAMING-AWS4-HMAC-SHA256-PAYLOAD";
  static final String STREAMING_SIGNED_TRAILER_VALUE = "STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER";
  static final String STREAMING_UNSIGNED_TRAILER_VALUE = "STREAMING-UNSIGNED-PAYLOAD-TRAILER";

  private final boolean chunked;
  private final boolean signedChunks;
  private final boolean trailers;

  PayloadForm(boolean chunked, boolean signedChunks, boolean trailers) {
    this.chunked = chunked;
    this.signedChunks = signedChunks;
    this.trailers = trailers;
  }

  /** The body is aws-chunked framed. */
  boolean chunked() {
    return chunked;
  }

  /** Each chunk carries a signature chained from the request's signature. */
  boolean signedChunks() {
    return signedChunks;
  }

  /** Trailing headers follow the final chunk. */
  boolean trailers() {
    return trailers;
  }

  /**
   * The form of an {@code x-amz-content-sha256} value.
   *
   * @throws AuthException INVALID_REQUEST for anything else (UNSUPPORTED for SigV4a streaming)
   */
  static PayloadForm parse(String value) {
    switch (value) {
      case UNSIGNED_PAYLOAD:
        return UNSIGNED;
      case STREAMING_SIGNED_VALUE:
        return STREAMING_SIGNED;
      case STREAMING_SIGNED_TRAILER_VALUE:
        return STREAMING_SIGNED_TRAILER;
      case STREAMING_UNSIGNED_TRAILER_VALUE:
        return STREAMING_UNSIGNED_TRAILER;
      default:
        break;
    }
    if (isSha256Hex(value)) return SHA256_HEX;
    if (value.startsWith("STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD")) {
      throw new AuthException(
          AuthError.UNSUPPORTED, "Signature Version 4A (AWS4-ECDSA-P256-SHA256) is not supported.");
    }
    throw new AuthException(
        AuthError.INVALID_REQUEST,
        "x-amz-content-sha256 must be UNSIGNED-PAYLOAD, STREAMING-UNSIGNED-PAYLOAD-TRAILER,"
            + " STREAMING-AWS4-HMAC-SHA256-PAYLOAD, STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER"
            + " or a valid sha256 value.");
  }

  static boolean isSha256Hex(String value) {
    if (value.length() != 64) return false;
    for (int i = 0; i < 64; i++) {
      char c = value.charAt(i);
      boolean hex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
      if (!hex) return false;
    }
    return true;
  }

  static String normaliseHex(String value) {
    return value.toLowerCase(Locale.ROOT);
  }
}
