package dev.dfs.auth;

import java.time.Instant;
import java.util.List;

/**
 * The SigV4 query parameters of a presigned URL ({@code X-Amz-Algorithm}, {@code X-Amz-Credential},
 * {@code X-Amz-Date}, {@code X-Amz-Expires}, {@code X-Amz-SignedHeaders}, {@code X-Amz-Signature}),
 * parsed and checked for form.
 */
record PresignedQuery(
    CredentialScope credential,
    String amzDate,
    Instant time,
    long expiresSeconds,
    List<String> signedHeaders,
    String signature) {
  static final String ALGORITHM = "X-Amz-Algorithm";
  static final String SIGNATURE = "X-Amz-Signature";
  static final long MAX_EXPIRES = 604_800;

  static boolean isPresigned(QueryString query) {
    return query.has(ALGORITHM);
  }

  /**
   * @throws AuthException AUTHORIZATION_QUERY_PARAMETERS_ERROR when a parameter is missing or
   *     malformed
   */
  static PresignedQuery parse(QueryString query) {
    String algorithm = query.get(ALGORITHM);
    if (!CanonicalRequest.ALGORITHM.equals(algorithm)) {
      throw error("X-Amz-Algorithm only supports \"AWS4-HMAC-SHA256\"");
    }
    String credential = query.get("X-Amz-Credential");
    String date = query.get("X-Amz-Date");
    String expires = query.get("X-Amz-Expires");
    String signedHeaders = query.get("X-Amz-SignedHeaders");
    String signature = query.get(SIGNATURE);
    if (credential == null
        || date == null
        || expires == null
        || signedHeaders == null
        || signature == null) {
      throw error(
          "Query-string authentication version 4 requires the X-Amz-Algorithm, X-Amz-Credential,"
              + " X-Amz-Signature, X-Amz-Date, X-Amz-SignedHeaders, and X-Amz-Expires parameters.");
    }
    CredentialScope scope;
    try {
      scope = CredentialScope.parse(credential);
    } catch (IllegalArgumentException e) {
      throw error("Error parsing the X-Amz-Credential parameter; " + e.getMessage());
    }
    Instant time = AmzDate.parseBasic(date);
    if (time == null) {
      throw error("X-Amz-Date must be in the ISO8601 Long Format \"yyyyMMdd'T'HHmmss'Z'\"");
    }
    long seconds;
    try {
      seconds = Long.parseLong(expires);
    } catch (NumberFormatException e) {
      throw error("X-Amz-Expires should be a number");
    }
    if (seconds < 0) throw error("X-Amz-Expires must be non-negative");
    if (seconds == 0) throw error("X-Amz-Expires must be greater than 0");
    if (seconds > MAX_EXPIRES) {
      throw error("X-Amz-Expires must be less than a week (in seconds) that is 604800");
    }
    List<String> names = CanonicalRequest.signedHeaderNames(signedHeaders);
    if (names.isEmpty()) throw error("X-Amz-SignedHeaders is empty or malformed");
    return new PresignedQuery(scope, date, time, seconds, names, signature);
  }

  private static AuthException error(String message) {
    return new AuthException(AuthError.AUTHORIZATION_QUERY_PARAMETERS_ERROR, message);
  }

  @Override
  public String toString() {
    return "PresignedQuery[" + credential + ", " + amzDate + ", " + expiresSeconds + "]";
  }
}
