package dev.dfs.util;

import java.io.IOException;

/**
 * Thrown by a request-body stream when the bytes it carried turn out to be invalid: a chunk
 * signature, payload hash or trailer checksum that does not match, a malformed chunk, or a body
 * shorter than announced. It is an {@link IOException} so it can travel through any code that reads
 * the stream; whoever consumes a body (the storage engine) must not commit anything after such a
 * failure and must rethrow it unchanged, so the protocol layer can map the {@link Fault} to its
 * error code.
 */
public final class BodyException extends IOException {
  /** What was wrong with the body. */
  public enum Fault {
    /** A chunk signature of a streaming-signed body did not verify. */
    CHUNK_SIGNATURE_MISMATCH,
    /** The SHA-256 of the payload differs from {@code x-amz-content-sha256}. */
    CONTENT_SHA256_MISMATCH,
    /** A trailing or header checksum ({@code x-amz-checksum-*}) differs from the bytes. */
    CHECKSUM_MISMATCH,
    /** The aws-chunked framing could not be parsed. */
    MALFORMED_CHUNK,
    /** Fewer bytes arrived than Content-Length or x-amz-decoded-content-length announced. */
    INCOMPLETE_BODY,
    /** More bytes than allowed for this request. */
    TOO_LARGE,
    /** Fewer bytes than this request requires (e.g. a POST policy's content-length-range). */
    TOO_SMALL,
    /** More bytes than the bucket's quota leaves room for (the message names the limit). */
    QUOTA_EXCEEDED
  }

  private final Fault fault;

  public BodyException(Fault fault, String message) {
    super(message);
    this.fault = fault;
  }

  public Fault fault() {
    return fault;
  }
}
