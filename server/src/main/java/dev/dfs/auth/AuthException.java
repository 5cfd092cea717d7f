package dev.dfs.auth;

/** A request that failed authentication. Its message is safe to send to the client. */
public final class AuthException extends RuntimeException {
  private final AuthError error;

  public AuthException(AuthError error, String message) {
    super(message);
    this.error = error;
  }

  public AuthError error() {
    return error;
  }
}
