package dev.dfs.store.gateway;

import dev.dfs.store.StoreError;
import dev.dfs.store.StoreException;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Maps what the upstream answered (status and S3 error code) onto the errors the local engine
 * gives: a {@link StoreException} for refusals the client caused or may retry, an {@link
 * IOException} for failures of the upstream itself (the client then sees 500 InternalError, logged
 * with the request id). Stateless.
 */
final class UpstreamErrors {
  private UpstreamErrors() {}

  /** A call to the upstream SDK client. */
  @FunctionalInterface
  interface Call<T> {
    T run();
  }

  /**
   * Runs {@code call}, translating SDK failures: refusals become {@link StoreException}s,
   * everything else an {@link IOException}. {@code notFound} is the refusal a 404 without an error
   * code means for this call (HEAD responses carry no body), or null.
   */
  static <T> T call(@Nullable StoreError notFound, Call<T> call) throws IOException {
    try {
      return call.run();
    } catch (SdkException e) {
      RuntimeException refusal = map(e, notFound);
      if (refusal instanceof UncheckedIOException u) throw u.getCause();
      throw refusal;
    }
  }

  /** The failure as an IOException (StoreExceptions are thrown as they are). */
  static @Nullable IOException asIOException(SdkException e) {
    RuntimeException mapped = map(e, null);
    if (mapped instanceof UncheckedIOException u) return u.getCause();
    throw mapped;
  }

  /** A StoreException for a refusal, or an UncheckedIOException wrapping the failure. */
  static RuntimeException map(SdkException e, @Nullable StoreError notFound) {
    if (e instanceof S3Exception s3) return mapS3(s3, notFound);
    return new UncheckedIOException(
        new IOException("upstream S3 unreachable: " + e.getMessage(), e));
  }

  private static RuntimeException mapS3(S3Exception e, @Nullable StoreError notFound) {
    String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
    String message = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorMessage();
    StoreError error = code == null ? null : byCode(code);
    if (error == null) error = byStatus(e.statusCode(), notFound);
    if (error == null) {
      return new UncheckedIOException(
          new IOException(
              "upstream S3 answered "
                  + e.statusCode()
                  + (code == null ? "" : " " + code)
                  + (message == null ? "" : ": " + message),
              e));
    }
    String text =
        error == StoreError.NOT_IMPLEMENTED || error == StoreError.INVALID_ARGUMENT
            ? "The upstream S3 refused this: " + (message == null ? code : message)
            : message;
    return new StoreException(error, text);
  }

  /** The store error for an upstream S3 error code, or null for a code not mapped. */
  private static @Nullable StoreError byCode(String code) {
    return switch (code) {
      case "NoSuchBucket" -> StoreError.NO_SUCH_BUCKET;
      case "NoSuchKey" -> StoreError.NO_SUCH_KEY;
      case "NoSuchUpload" -> StoreError.NO_SUCH_UPLOAD;
      case "BucketAlreadyOwnedByYou" -> StoreError.BUCKET_ALREADY_OWNED_BY_YOU;
      case "BucketAlreadyExists" -> StoreError.BUCKET_ALREADY_EXISTS;
      case "BucketNotEmpty" -> StoreError.BUCKET_NOT_EMPTY;
      case "InvalidPart" -> StoreError.INVALID_PART;
      case "InvalidPartOrder" -> StoreError.INVALID_PART_ORDER;
      case "EntityTooSmall" -> StoreError.ENTITY_TOO_SMALL;
      case "EntityTooLarge" -> StoreError.ENTITY_TOO_LARGE;
      case "BadDigest",
          "InvalidDigest",
          "XAmzContentChecksumMismatch",
          "XAmzContentSHA256Mismatch" ->
          StoreError.BAD_DIGEST;
      case "InvalidRange" -> StoreError.INVALID_RANGE;
      case "PreconditionFailed" -> StoreError.PRECONDITION_FAILED;
      case "ConditionalRequestConflict" -> StoreError.CONDITIONAL_CONFLICT;
      case "NotImplemented", "UnsupportedOperation", "XNotImplemented" ->
          StoreError.NOT_IMPLEMENTED;
      case "InvalidArgument",
          "InvalidRequest",
          "InvalidBucketName",
          "KeyTooLongError",
          "MetadataTooLarge",
          "InvalidStorageClass" ->
          StoreError.INVALID_ARGUMENT;
      case "SlowDown",
          "ServiceUnavailable",
          "Throttling",
          "ThrottlingException",
          "RequestLimitExceeded",
          "TooManyRequests" ->
          StoreError.UNAVAILABLE;
      default -> null;
    };
  }

  /** The store error for a status whose code was not mapped, or null for none. */
  private static @Nullable StoreError byStatus(int status, @Nullable StoreError notFound) {
    if (status == 404 && notFound != null) return notFound;
    if (status == 412) return StoreError.PRECONDITION_FAILED;
    if (status == 501) return StoreError.NOT_IMPLEMENTED;
    if (status == 503 || status == 429) return StoreError.UNAVAILABLE;
    return null;
  }
}
