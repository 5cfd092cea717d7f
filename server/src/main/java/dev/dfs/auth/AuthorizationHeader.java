package dev.dfs.auth;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A parsed {@code Authorization: AWS4-HMAC-SHA256 Credential=..., SignedHeaders=..., Signature=...}
 * header. Components may come in any order, separated by commas with optional spaces.
 */
record AuthorizationHeader(
    CredentialScope credential, List<String> signedHeaders, String signature) {
  static final String PREFIX = CanonicalRequest.ALGORITHM;

  /**
   * @throws AuthException AUTHORIZATION_HEADER_MALFORMED when it cannot be parsed
   */
  static AuthorizationHeader parse(String header) {
    String rest = header.substring(PREFIX.length());
    if (rest.isEmpty() || (rest.charAt(0) != ' ' && rest.charAt(0) != ',')) {
      throw malformed("the authorization header is malformed");
    }
    String credential = null;
    String signedHeaders = null;
    String signature = null;
    for (String part : rest.split(",", -1)) {
      String p = part.strip();
      if (p.isEmpty()) continue;
      int eq = p.indexOf('=');
      if (eq < 0) throw malformed("the authorization component \"" + p + "\" is malformed.");
      String name = p.substring(0, eq).strip();
      String value = p.substring(eq + 1).strip();
      switch (name) {
        case "Credential" -> credential = value;
        case "SignedHeaders" -> signedHeaders = value;
        case "Signature" -> signature = value;
        default -> throw malformed("the authorization component \"" + p + "\" is malformed.");
      }
    }
    if (credential == null || signedHeaders == null || signature == null) {
      throw malformed("the authorization header requires Credential, SignedHeaders and Signature.");
    }
    CredentialScope scope;
    try {
      scope = CredentialScope.parse(credential);
    } catch (IllegalArgumentException e) {
      throw malformed(e.getMessage());
    }
    List<String> names = CanonicalRequest.signedHeaderNames(signedHeaders);
    if (names.isEmpty()) throw malformed("the SignedHeaders component is empty or malformed.");
    return new AuthorizationHeader(scope, names, signature);
  }

  private static AuthException malformed(@Nullable String detail) {
    return new AuthException(
        AuthError.AUTHORIZATION_HEADER_MALFORMED,
        "The authorization header is malformed; " + detail);
  }

  @Override
  public String toString() {
    return "AuthorizationHeader[" + credential + ", " + signedHeaders + "]";
  }
}
