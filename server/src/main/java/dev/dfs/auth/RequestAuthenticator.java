package dev.dfs.auth;

import java.io.InputStream;
import org.jspecify.annotations.Nullable;

/**
 * Verifies who sent a request and wraps its body so the payload's integrity is checked as it is
 * read. Thread-safe.
 */
public interface RequestAuthenticator {
  /**
   * @param request the request as received
   * @param rawBody the body bytes as received (may be empty, never null) A request without any
   *     credentials passes as {@link Principal#ANONYMOUS}: whether it may do what it asks is the
   *     authorizer's decision.
   * @throws AuthException when the request carries credentials that are not authentic
   */
  AuthResult authenticate(SignedRequest request, InputStream rawBody);

  /**
   * Whether access is open to everyone ({@code DFS_AUTH=none}): the authorizer then allows every
   * request, anonymous or not.
   */
  default boolean openAccess() {
    return false;
  }

  /** Whether a user with this id exists (ACL grants name users by id); true when unknown. */
  default boolean hasUser(String userId) {
    return true;
  }

  /**
   * Verifies a browser form upload (POST Object with a policy): the SigV4 signature of the base64
   * {@code policy} field under the form's {@code x-amz-credential} and {@code x-amz-date}. A form
   * without signing fields passes as {@link Principal#ANONYMOUS} (the authorizer decides whether it
   * may upload). The policy's expiry and conditions are the caller's to check.
   *
   * @throws AuthException when the form is not authentic
   */
  default Principal authenticatePostForm(
      @Nullable String policyBase64,
      @Nullable String algorithm,
      @Nullable String credential,
      @Nullable String amzDate,
      @Nullable String signature) {
    throw new AuthException(AuthError.UNSUPPORTED, "Browser form uploads are not supported.");
  }

  /**
   * Verifies a browser form upload signed with Signature Version 2: {@code signature} is the base64
   * HMAC-SHA1 of the base64 {@code policy} field under the secret of {@code accessKeyId} (the form
   * fields {@code AWSAccessKeyId}, {@code signature}, {@code policy}). The caller calls this only
   * when the form carries one of them.
   *
   * @throws AuthException when a field is missing (InvalidArgument), the key is unknown, the
   *     signature does not match, or SigV2 is turned off (InvalidRequest)
   */
  default Principal authenticatePostFormV2(
      @Nullable String policyBase64, @Nullable String accessKeyId, @Nullable String signature) {
    throw new AuthException(AuthError.UNSUPPORTED, "Browser form uploads are not supported.");
  }
}
