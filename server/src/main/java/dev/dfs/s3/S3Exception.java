package dev.dfs.s3;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The one exception type of the S3 protocol layer: an error code, a message safe for the client,
 * and optional extra elements for the error document (e.g. {@code BucketName}, {@code Key}, {@code
 * ArgumentName}).
 */
public final class S3Exception extends RuntimeException {
  private final S3ErrorCode code;
  private final Map<String, String> extra;
  private final Map<String, String> headers;

  public S3Exception(S3ErrorCode code) {
    this(code, code.defaultMessage());
  }

  public S3Exception(S3ErrorCode code, @Nullable String message) {
    this(code, message, Map.of());
  }

  public S3Exception(S3ErrorCode code, @Nullable String message, Map<String, String> extra) {
    this(code, message, extra, Map.of());
  }

  private S3Exception(
      S3ErrorCode code,
      @Nullable String message,
      Map<String, String> extra,
      Map<String, String> headers) {
    super(message, null, false, false);
    this.code = code;
    this.extra = new LinkedHashMap<>(extra);
    this.headers = new LinkedHashMap<>(headers);
  }

  /** Response headers to send with the error (e.g. {@code x-amz-delete-marker}), in order. */
  public Map<String, String> headers() {
    return java.util.Collections.unmodifiableMap(headers);
  }

  /** Returns a copy that also sends response header {@code name}. */
  public S3Exception withHeader(String name, String value) {
    Map<String, String> more = new LinkedHashMap<>(headers);
    more.put(name, value);
    return new S3Exception(code, getMessage(), extra, more);
  }

  public S3ErrorCode code() {
    return code;
  }

  /** Additional elements for the error XML, in order. */
  public Map<String, String> extra() {
    return java.util.Collections.unmodifiableMap(extra);
  }

  /** Returns a copy with one more element in the error document. */
  public S3Exception with(String element, String value) {
    Map<String, String> more = new LinkedHashMap<>(extra);
    more.put(element, value);
    return new S3Exception(code, getMessage(), more, headers);
  }

  public static S3Exception invalidArgument(
      @Nullable String message, String argumentName, @Nullable String value) {
    Map<String, String> extra = new LinkedHashMap<>();
    extra.put("ArgumentName", argumentName);
    if (value != null) extra.put("ArgumentValue", value);
    return new S3Exception(S3ErrorCode.INVALID_ARGUMENT, message, extra);
  }
}
