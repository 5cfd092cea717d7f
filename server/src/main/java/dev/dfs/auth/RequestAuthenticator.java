package dev.dfs.auth;

import java.io.InputStream;

/**
 * Verifies who sent a request and wraps its body so the payload's integrity is checked as it
 * is read. Thread-safe.
 */
public interface RequestAuthenticator {
  /**
   * @param request the request as received
   * @param rawBody the body bytes as received (may be empty, never null)
   * @throws AuthException when the request is not authentic or not allowed anonymously
   */
  AuthResult authenticate(SignedRequest request, InputStream rawBody);
}
