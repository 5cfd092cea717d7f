package dev.dfs.identity;

/**
 * A request the identity store refuses: a bad name or document, a user or key that does not exist,
 * or one that already exists / may not be changed. The message is safe to show to an operator (it
 * never holds a secret).
 */
public final class IdentityException extends RuntimeException {
  /** Why: maps to HTTP 400, 404, 404 and 409 in the management API. */
  public enum Reason {
    /** A bad user name, policy document or key status. */
    INVALID,
    /** No user of that name. */
    NO_SUCH_USER,
    /** No access key or API key with that id. */
    NO_SUCH_KEY,
    /** The user exists already, or the request would change root. */
    CONFLICT
  }

  private final Reason reason;

  public IdentityException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }

  static IdentityException noUser(String name) {
    return new IdentityException(Reason.NO_SUCH_USER, "No user '" + name + "'.");
  }

  static IdentityException noKey(String id) {
    return new IdentityException(Reason.NO_SUCH_KEY, "No access key '" + id + "'.");
  }

  static IdentityException noApiKey(String id) {
    return new IdentityException(Reason.NO_SUCH_KEY, "No API key '" + id + "'.");
  }

  static IdentityException root(String what) {
    return new IdentityException(
        Reason.CONFLICT,
        "The root user "
            + what
            + ": its credentials come from the configuration (DFS_ROOT_ACCESS_KEY or the data"
            + " directory's root-credentials.properties).");
  }
}
