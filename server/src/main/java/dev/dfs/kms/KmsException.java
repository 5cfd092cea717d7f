package dev.dfs.kms;

/**
 * A request the key service refuses. The message is safe to show to a client (it names the key
 * asked for, never key material).
 */
public final class KmsException extends RuntimeException {
  /** Why: S3 answers 400 KMS.NotFoundException, 400 KMS.DisabledException, 400 InvalidArgument. */
  public enum Reason {
    /** No key with that id, ARN or alias. */
    NOT_FOUND,
    /** The key exists but is disabled: it neither encrypts nor decrypts. */
    DISABLED,
    /** A malformed alias or description, or an alias that is taken or reserved. */
    INVALID
  }

  private final Reason reason;

  public KmsException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }

  static KmsException notFound(String ref) {
    return new KmsException(
        Reason.NOT_FOUND,
        ref.startsWith("arn:") ? "Key '" + ref + "' does not exist" : "Invalid keyId " + ref);
  }

  static KmsException disabled(String arn) {
    return new KmsException(Reason.DISABLED, arn + " is disabled.");
  }
}
