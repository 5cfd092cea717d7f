package dev.dfs.policy;

/**
 * A policy document that S3 would refuse with {@code MalformedPolicy}; the message names the
 * problem in S3's words where S3 has them (e.g. {@code Policy has invalid resource}).
 */
public final class MalformedPolicyException extends RuntimeException {
  public MalformedPolicyException(String message) {
    super(message, null, false, false);
  }
}
