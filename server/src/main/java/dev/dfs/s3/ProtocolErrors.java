package dev.dfs.s3;

import java.util.Locale;

/**
 * S3 error documents for requests that fail in the HTTP layer, before an S3 request exists (an
 * unparseable URI, oversized headers, a malformed request line), so that every client sees S3's XML
 * with a request id and never a web server's HTML page. Pure and thread-safe.
 */
public final class ProtocolErrors {
  private ProtocolErrors() {}

  /** The S3 error a failed HTTP exchange with this status (and Jetty's reason) becomes. */
  public static S3ErrorCode codeFor(int status, String reason) {
    String r = reason == null ? "" : reason.toLowerCase(Locale.ROOT);
    return switch (status) {
      case 400 ->
          r.contains("uri") || r.contains("path") || r.contains("encod")
              ? S3ErrorCode.INVALID_URI
              : r.contains("header")
                  ? S3ErrorCode.REQUEST_HEADER_SECTION_TOO_LARGE
                  : S3ErrorCode.INVALID_REQUEST;
      case 405 -> S3ErrorCode.METHOD_NOT_ALLOWED;
      case 411 -> S3ErrorCode.MISSING_CONTENT_LENGTH;
      case 413 -> S3ErrorCode.ENTITY_TOO_LARGE;
      case 414, 431 -> S3ErrorCode.REQUEST_HEADER_SECTION_TOO_LARGE;
      case 503 -> S3ErrorCode.SERVICE_UNAVAILABLE;
      default -> status >= 500 ? S3ErrorCode.INTERNAL_ERROR : S3ErrorCode.INVALID_REQUEST;
    };
  }

  /** The error document for {@code code}, as {@link S3Handler} would render it. */
  public static byte[] document(S3ErrorCode code, String resource, String requestId) {
    String message =
        code == S3ErrorCode.INVALID_REQUEST
            ? "The HTTP request could not be parsed (malformed request line, URI or headers)."
            : code.defaultMessage();
    return document(code, message, resource, requestId);
  }

  /** The error document for {@code code} with its own message (e.g. why a node cannot serve). */
  public static byte[] document(
      S3ErrorCode code, String message, String resource, String requestId) {
    return ErrorResponses.render(new S3Exception(code, message), resource, requestId).toBytes();
  }
}
