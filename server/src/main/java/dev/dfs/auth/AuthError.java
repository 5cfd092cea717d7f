package dev.dfs.auth;

/** Why authentication failed. The protocol layer maps each to its wire error. */
public enum AuthError {
  /** No credentials at all and anonymous access is not open; also an expired presigned URL. */
  ACCESS_DENIED,
  INVALID_ACCESS_KEY_ID,
  SIGNATURE_DOES_NOT_MATCH,
  REQUEST_TIME_TOO_SKEWED,
  /** A presigned URL past its expiry (S3 answers 403 AccessDenied "Request has expired"). */
  EXPIRED,
  /** The Authorization header or X-Amz-Credential cannot be parsed (region, service, date). */
  AUTHORIZATION_HEADER_MALFORMED,
  /**
   * Presigned query parameters are missing or malformed (S3: AuthorizationQueryParametersError).
   */
  AUTHORIZATION_QUERY_PARAMETERS_ERROR,
  /** A required header is missing, e.g. x-amz-content-sha256 or x-amz-date. */
  MISSING_SECURITY_HEADER,
  /** Anything else about the request that S3 reports as InvalidRequest. */
  INVALID_REQUEST,
  /** A malformed argument S3 reports as InvalidArgument (e.g. a SigV2 header without ':'). */
  INVALID_ARGUMENT,
  /**
   * A signed request carries {@code x-amz-*} headers its signature does not cover (S3: 403
   * AccessDenied with a HeadersNotSigned element, see {@link AuthException#detail()}).
   */
  HEADERS_NOT_SIGNED,
  /** The body failed its checks during authentication; see {@link AuthException#bodyFailure()}. */
  PAYLOAD_REJECTED,
  /** A scheme DFS does not support (e.g. SigV2); reported as NotImplemented. */
  UNSUPPORTED
}
