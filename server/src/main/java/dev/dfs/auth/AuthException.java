package dev.dfs.auth;

import org.jspecify.annotations.Nullable;

/** A request that failed authentication. Its message is safe to send to the client. */
public final class AuthException extends RuntimeException {
  private final AuthError error;
  private final @Nullable String detail;
  private final java.util.Map<String, String> elements;

  public AuthException(AuthError error, @Nullable String message) {
    this(error, message, (String) null);
  }

  /**
   * @param elements further elements of the error document, in order (e.g. the StringToSign of a
   *     SigV2 SignatureDoesNotMatch); never secrets
   */
  public AuthException(AuthError error, String message, java.util.Map<String, String> elements) {
    super(message);
    this.error = error;
    this.detail = null;
    this.elements = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(elements));
  }

  /**
   * @param detail what the error document names besides the message (for HEADERS_NOT_SIGNED the
   *     unsigned header names, comma-separated), or null
   */
  public AuthException(AuthError error, @Nullable String message, @Nullable String detail) {
    super(message);
    this.error = error;
    this.detail = detail;
    this.elements = java.util.Map.of();
  }

  /**
   * A body that failed its checks while authentication read it (an empty declared body is verified
   * at once); the {@link BodyException} is the cause, and its fault decides the wire error as for a
   * failure during a later read.
   */
  static AuthException rejectedPayload(dev.dfs.util.BodyException cause) {
    AuthException e = new AuthException(AuthError.PAYLOAD_REJECTED, cause.getMessage());
    e.initCause(cause);
    return e;
  }

  /** The body failure behind a PAYLOAD_REJECTED error, else null. */
  public dev.dfs.util.@Nullable BodyException bodyFailure() {
    return getCause() instanceof dev.dfs.util.BodyException b ? b : null;
  }

  /** See {@link #AuthException(AuthError, String, String)}; null when there is none. */
  public @Nullable String detail() {
    return detail;
  }

  /** Further elements of the error document, in order; empty when none. */
  public java.util.Map<String, String> elements() {
    return elements;
  }

  public AuthError error() {
    return error;
  }
}
