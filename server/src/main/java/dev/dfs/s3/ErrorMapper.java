package dev.dfs.s3;

import dev.dfs.auth.AuthException;
import dev.dfs.store.StoreError;
import dev.dfs.store.StoreException;
import dev.dfs.util.BodyException;

/**
 * Maps the failures of lower layers onto S3 errors: the one place where a storage refusal, an
 * authentication failure or a rejected body becomes a wire error.
 */
final class ErrorMapper {
  private ErrorMapper() {}

  static S3Exception fromStore(StoreException e) {
    S3ErrorCode code =
        switch (e.error()) {
          case NO_SUCH_BUCKET -> S3ErrorCode.NO_SUCH_BUCKET;
          case BUCKET_ALREADY_OWNED_BY_YOU -> S3ErrorCode.BUCKET_ALREADY_OWNED_BY_YOU;
          case BUCKET_NOT_EMPTY -> S3ErrorCode.BUCKET_NOT_EMPTY;
          case NO_SUCH_KEY -> S3ErrorCode.NO_SUCH_KEY;
          case NO_SUCH_VERSION -> S3ErrorCode.NO_SUCH_VERSION;
          case DELETE_MARKER -> S3ErrorCode.METHOD_NOT_ALLOWED;
          case ACCESS_DENIED -> S3ErrorCode.ACCESS_DENIED;
          case INVALID_REQUEST -> S3ErrorCode.INVALID_REQUEST;
          case NO_SUCH_UPLOAD -> S3ErrorCode.NO_SUCH_UPLOAD;
          case INVALID_PART -> S3ErrorCode.INVALID_PART;
          case INVALID_PART_ORDER -> S3ErrorCode.INVALID_PART_ORDER;
          case ENTITY_TOO_SMALL -> S3ErrorCode.ENTITY_TOO_SMALL;
          case BAD_DIGEST -> S3ErrorCode.BAD_DIGEST;
          case INVALID_RANGE -> S3ErrorCode.INVALID_RANGE;
          case ENTITY_TOO_LARGE -> S3ErrorCode.ENTITY_TOO_LARGE;
          case CORRUPT_DATA -> S3ErrorCode.INTERNAL_ERROR;
          case INVALID_ARGUMENT -> S3ErrorCode.INVALID_ARGUMENT;
          case PRECONDITION_FAILED -> S3ErrorCode.PRECONDITION_FAILED;
          case CONDITIONAL_CONFLICT -> S3ErrorCode.CONDITIONAL_REQUEST_CONFLICT;
          case NOT_IMPLEMENTED -> S3ErrorCode.NOT_IMPLEMENTED;
          case BUCKET_ALREADY_EXISTS -> S3ErrorCode.BUCKET_ALREADY_EXISTS;
          case UNAVAILABLE -> S3ErrorCode.SERVICE_UNAVAILABLE;
          case INSUFFICIENT_STORAGE -> S3ErrorCode.INSUFFICIENT_STORAGE;
        };
    // corruption details (chunk ids, blocks) are for the server's log, not for clients
    String message =
        e.getMessage() == null || e.error() == StoreError.CORRUPT_DATA
            ? code.defaultMessage()
            : e.getMessage();
    S3Exception out = new S3Exception(code, message);
    if (e.deleteMarker() != null) out = withDeleteMarker(out, e.deleteMarker());
    return out;
  }

  /**
   * Adds the headers S3 sends when a request hit a delete marker: {@code x-amz-delete-marker}, its
   * {@code x-amz-version-id}, and for a marker addressed by id (405) its {@code Last-Modified}.
   */
  static S3Exception withDeleteMarker(S3Exception e, dev.dfs.store.ObjectInfo marker) {
    S3Exception out = e.withHeader("x-amz-delete-marker", "true");
    if (marker.versionId() != null) out = out.withHeader("x-amz-version-id", marker.versionId());
    if (e.code() == S3ErrorCode.METHOD_NOT_ALLOWED) {
      out = out.withHeader("Last-Modified", HttpDates.format(marker.lastModified()));
    }
    return out;
  }

  /** 405 for a version that is a delete marker, as S3 answers sub-resource requests on one. */
  static S3Exception deleteMarkerNotAllowed(dev.dfs.store.ObjectInfo marker) {
    return withDeleteMarker(new S3Exception(S3ErrorCode.METHOD_NOT_ALLOWED), marker);
  }

  static S3Exception fromAuth(AuthException e) {
    if (e.bodyFailure() != null) return fromBody(e.bodyFailure());
    S3ErrorCode code =
        switch (e.error()) {
          case ACCESS_DENIED, EXPIRED -> S3ErrorCode.ACCESS_DENIED;
          case INVALID_ACCESS_KEY_ID -> S3ErrorCode.INVALID_ACCESS_KEY_ID;
          case SIGNATURE_DOES_NOT_MATCH -> S3ErrorCode.SIGNATURE_DOES_NOT_MATCH;
          case REQUEST_TIME_TOO_SKEWED -> S3ErrorCode.REQUEST_TIME_TOO_SKEWED;
          case AUTHORIZATION_HEADER_MALFORMED -> S3ErrorCode.AUTHORIZATION_HEADER_MALFORMED;
          case AUTHORIZATION_QUERY_PARAMETERS_ERROR ->
              S3ErrorCode.AUTHORIZATION_QUERY_PARAMETERS_ERROR;
          case MISSING_SECURITY_HEADER -> S3ErrorCode.MISSING_SECURITY_HEADER;
          case INVALID_REQUEST -> S3ErrorCode.INVALID_REQUEST;
          case INVALID_ARGUMENT -> S3ErrorCode.INVALID_ARGUMENT;
          case UNSUPPORTED -> S3ErrorCode.NOT_IMPLEMENTED;
          case HEADERS_NOT_SIGNED -> S3ErrorCode.ACCESS_DENIED;
          case PAYLOAD_REJECTED -> S3ErrorCode.INVALID_REQUEST; // always carries its body failure
        };
    String message = e.getMessage() == null ? code.defaultMessage() : e.getMessage();
    S3Exception out = new S3Exception(code, message);
    if (e.error() == dev.dfs.auth.AuthError.HEADERS_NOT_SIGNED && e.detail() != null) {
      out = out.with("HeadersNotSigned", e.detail());
    }
    for (var element : e.elements().entrySet())
      out = out.with(element.getKey(), element.getValue());
    return out;
  }

  static S3Exception fromBody(BodyException e) {
    S3ErrorCode code =
        switch (e.fault()) {
          case CHUNK_SIGNATURE_MISMATCH -> S3ErrorCode.SIGNATURE_DOES_NOT_MATCH;
          case CONTENT_SHA256_MISMATCH -> S3ErrorCode.X_AMZ_CONTENT_SHA256_MISMATCH;
          case CHECKSUM_MISMATCH -> S3ErrorCode.BAD_DIGEST;
          case MALFORMED_CHUNK -> S3ErrorCode.INVALID_REQUEST;
          case INCOMPLETE_BODY -> S3ErrorCode.INCOMPLETE_BODY;
          case TOO_LARGE -> S3ErrorCode.ENTITY_TOO_LARGE;
          case TOO_SMALL -> S3ErrorCode.ENTITY_TOO_SMALL;
          case QUOTA_EXCEEDED -> S3ErrorCode.QUOTA_EXCEEDED;
        };
    String message = e.getMessage() == null ? code.defaultMessage() : e.getMessage();
    return new S3Exception(code, message);
  }
}
