package dev.dfs.auth;

import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Authenticates S3 requests in every form S3 clients send them:
 *
 * <ul>
 *   <li>{@code Authorization: AWS4-HMAC-SHA256 ...} header signatures (SigV4), with the payload as
 *       a SHA-256, {@code UNSIGNED-PAYLOAD} or an aws-chunked stream (signed chunks, signed
 *       trailers, or unsigned chunks with trailers);
 *   <li>presigned URLs ({@code X-Amz-Algorithm=AWS4-HMAC-SHA256&...}), with expiry;
 *   <li>{@code X-Api-Key} for DFS's own API keys;
 *   <li>anonymous requests: a request without any credentials passes as {@link
 *       Principal#ANONYMOUS}, for the authorizer to decide (bucket policies may grant anonymous
 *       access); a request whose credentials fail verification is refused.
 * </ul>
 *
 * Any region in the credential scope is accepted (the signature is computed with it); the service
 * must be {@code s3}. Request times more than 15 minutes from the clock are refused. Signature
 * Version 2 (header, presigned URL, browser form) is verified by {@link SigV2Verifier} when enabled
 * ({@code DFS_SIGV2}), else refused as S3 refuses it in SigV4-only regions (400 InvalidRequest "…
 * Please use AWS4-HMAC-SHA256."). Signatures are compared in constant time, and neither secrets nor
 * signatures appear in exception messages.
 *
 * <p>The body of the returned {@link AuthResult} checks the payload while it is read (see {@link
 * AuthResult}); a request is only authentic once that body has been read to its end without a
 * {@link dev.dfs.util.BodyException}.
 *
 * <p>Thread-safe: one instance serves all requests. Returned body streams are for one reader.
 */
public final class SigV4Authenticator implements RequestAuthenticator {
  /** The largest difference between a request's time and the clock. */
  static final Duration MAX_SKEW = Duration.ofMinutes(15);

  private static final String SIGV2_REFUSED =
      "The authorization mechanism you have provided is not supported. Please use"
          + " AWS4-HMAC-SHA256.";
  private static final String BAD_DATE =
      "AWS authentication requires a valid Date or x-amz-date header";

  /**
   * Headers whose value the string to sign covers even when SignedHeaders does not list them:
   * x-amz-content-sha256 is the canonical request's payload hash line, x-amz-date the string to
   * sign's timestamp. Tampering with either breaks the signature.
   */
  private static final Set<String> HEADER_AUTH_IMPLICIT =
      Set.of("x-amz-content-sha256", "x-amz-date");

  private final CredentialStore credentials;
  private final Clock clock;
  private final boolean allowAnonymous;
  private final SignatureVerifier verifier;

  /** Null when SigV2 is turned off. */
  private final @Nullable SigV2Verifier sigV2;

  /** With Signature Version 2 accepted (the default of {@code DFS_SIGV2}). */
  public SigV4Authenticator(CredentialStore credentials, Clock clock, boolean allowAnonymous) {
    this(credentials, clock, allowAnonymous, true);
  }

  /**
   * @param credentials where access keys and API keys are looked up
   * @param clock the time requests are checked against
   * @param allowAnonymous DFS_AUTH=none: access is open to everyone ({@link #openAccess()});
   *     requests with credentials are verified regardless
   * @param sigV2 DFS_SIGV2: whether Signature Version 2 is accepted
   */
  public SigV4Authenticator(
      CredentialStore credentials, Clock clock, boolean allowAnonymous, boolean sigV2) {
    this.credentials = credentials;
    this.clock = clock;
    this.allowAnonymous = allowAnonymous;
    this.verifier = new SignatureVerifier(credentials);
    this.sigV2 = sigV2 ? new SigV2Verifier(credentials, clock, MAX_SKEW) : null;
  }

  @Override
  public boolean openAccess() {
    return allowAnonymous;
  }

  @Override
  public boolean hasUser(String userId) {
    return credentials.hasUser(userId);
  }

  @Override
  public AuthResult authenticate(SignedRequest request, InputStream rawBody) {
    QueryString query = QueryString.parse(request.rawQuery());
    String authorization = request.header("authorization");
    boolean presigned = PresignedQuery.isPresigned(query);
    boolean presignedV2 = SigV2Verifier.isPresigned(query);
    if (presigned && presignedV2) throw onlyOneMechanism();
    if (authorization != null && !authorization.isBlank()) {
      if (presigned || presignedV2) throw onlyOneMechanism();
      return headerAuth(request, query, authorization.strip(), rawBody);
    }
    if (presigned) return presignedAuth(request, query, rawBody);
    if (presignedV2) {
      if (sigV2 == null) throw new AuthException(AuthError.INVALID_REQUEST, SIGV2_REFUSED);
      return sigV2.presigned(request, query, rawBody);
    }
    String apiKey = request.header("x-api-key");
    if (apiKey != null) {
      String userId =
          credentials
              .userForApiKey(apiKey.strip())
              .orElseThrow(
                  () ->
                      new AuthException(
                          AuthError.INVALID_ACCESS_KEY_ID,
                          "The API key you provided is not valid."));
      return unverifiedBody(new Principal(userId, null, false), request, rawBody);
    }
    return unverifiedBody(Principal.ANONYMOUS, request, rawBody);
  }

  private static AuthException onlyOneMechanism() {
    return new AuthException(
        AuthError.INVALID_REQUEST,
        "Only one auth mechanism allowed; only the X-Amz-Algorithm query parameter, Signature"
            + " query string parameter or the Authorization header should be specified");
  }

  private AuthResult headerAuth(
      SignedRequest request, QueryString query, String authorization, InputStream rawBody) {
    if (!authorization.startsWith(AuthorizationHeader.PREFIX)) {
      if (authorization.startsWith(SigV2Verifier.HEADER_PREFIX)) {
        if (sigV2 == null) throw new AuthException(AuthError.INVALID_REQUEST, SIGV2_REFUSED);
        return sigV2.header(request, query, authorization, rawBody);
      }
      if (authorization.startsWith("AWS4-ECDSA-P256-SHA256")) {
        throw new AuthException(
            AuthError.UNSUPPORTED,
            "Signature Version 4A (AWS4-ECDSA-P256-SHA256) is not supported.");
      }
      throw new AuthException(AuthError.INVALID_REQUEST, "Unsupported Authorization Type");
    }
    AuthorizationHeader header = AuthorizationHeader.parse(authorization);
    if (!header.signedHeaders().contains("host")) {
      throw new AuthException(
          AuthError.AUTHORIZATION_HEADER_MALFORMED,
          "The authorization header is malformed; the host header must be signed.");
    }
    String amzDate = requestDate(request);
    if (!amzDate.startsWith(header.credential().date())) {
      throw new AuthException(
          AuthError.AUTHORIZATION_HEADER_MALFORMED,
          "The authorization header is malformed; Invalid credential date. Date is not the same"
              + " as X-Amz-Date.");
    }
    checkSkew(
        java.util.Objects.requireNonNull(
            AmzDate.parseBasic(amzDate), "requestDate returns a valid date"));
    String contentSha256 = request.header("x-amz-content-sha256");
    if (contentSha256 == null) {
      throw new AuthException(
          AuthError.INVALID_REQUEST,
          "Missing required header for this request: x-amz-content-sha256");
    }
    PayloadForm form = PayloadForm.parse(contentSha256);
    UnsignedHeaders.check(request, header.signedHeaders(), HEADER_AUTH_IMPLICIT);
    SignatureVerifier.Claim claim =
        new SignatureVerifier.Claim(
            header.credential(), header.signedHeaders(), amzDate, header.signature(), null);
    SignatureVerifier.Verified verified =
        verifier.verify(request, query, claim, List.of(contentSha256));
    return PayloadBodies.build(
        verified.principal(), form, contentSha256, request, rawBody, verified.chain());
  }

  private AuthResult presignedAuth(SignedRequest request, QueryString query, InputStream rawBody) {
    PresignedQuery params = PresignedQuery.parse(query);
    if (!params.signedHeaders().contains("host")) {
      throw new AuthException(
          AuthError.AUTHORIZATION_QUERY_PARAMETERS_ERROR,
          "X-Amz-SignedHeaders must include the host header.");
    }
    if (!params.amzDate().startsWith(params.credential().date())) {
      throw new AuthException(
          AuthError.AUTHORIZATION_QUERY_PARAMETERS_ERROR,
          "Invalid credential date. Date is not the same as X-Amz-Date.");
    }
    Instant now = clock.instant();
    if (params.time().isAfter(now.plus(MAX_SKEW))) {
      throw tooSkewed();
    }
    if (now.isAfter(params.time().plusSeconds(params.expiresSeconds()))) {
      throw new AuthException(AuthError.EXPIRED, "Request has expired");
    }
    String header = request.header("x-amz-content-sha256");
    String signedHash = query.get("X-Amz-Content-Sha256");
    boolean headerSigned = params.signedHeaders().contains("x-amz-content-sha256");
    UnsignedHeaders.check(
        request,
        params.signedHeaders(),
        headerSigned || harmlessPayloadHeader(header, signedHash)
            ? Set.of("x-amz-content-sha256")
            : Set.of());
    // The hash the body is held to: the header when sent (signed, equal to the signed query
    // value, or only narrowing, see harmlessPayloadHeader), else the signed query value.
    String contentSha256 = header != null ? header : signedHash;
    PayloadForm form = contentSha256 == null ? null : PayloadForm.parse(contentSha256);
    List<String> payloadHashes;
    if (signedHash != null) {
      payloadHashes = List.of(signedHash);
    } else if (header != null && headerSigned) {
      payloadHashes = List.of(header, PayloadForm.UNSIGNED_PAYLOAD);
    } else {
      payloadHashes = List.of(PayloadForm.UNSIGNED_PAYLOAD);
    }
    SignatureVerifier.Claim claim =
        new SignatureVerifier.Claim(
            params.credential(),
            params.signedHeaders(),
            params.amzDate(),
            params.signature(),
            PresignedQuery.SIGNATURE);
    SignatureVerifier.Verified verified = verifier.verify(request, query, claim, payloadHashes);
    return PayloadBodies.build(
        verified.principal(), form, contentSha256, request, rawBody, verified.chain());
  }

  /**
   * Whether an {@code x-amz-content-sha256} header that a presigned URL's signature does not list
   * may stand. Decision: it may when it adds nothing the signer did not allow, i.e. when it only
   * narrows which bodies are accepted: a hex SHA-256 (the body is then verified against it) or
   * {@code UNSIGNED-PAYLOAD}, on a URL that left the payload open (no signed {@code
   * X-Amz-Content-Sha256}, or that one is {@code UNSIGNED-PAYLOAD}); or when it repeats the signed
   * query value. Some clients add the header to every request, presigned or not, and S3 accepts
   * them. A streaming value is refused: it would switch the body to aws-chunked framing with
   * trailers the signer never approved; so is a hash that differs from a signed one (the body would
   * be checked against the sender's hash instead of the signer's).
   */
  private static boolean harmlessPayloadHeader(
      @Nullable String header, @Nullable String signedHash) {
    if (header == null || header.equals(signedHash)) return true;
    boolean narrowing =
        header.equals(PayloadForm.UNSIGNED_PAYLOAD) || PayloadForm.isSha256Hex(header);
    return narrowing && (signedHash == null || signedHash.equals(PayloadForm.UNSIGNED_PAYLOAD));
  }

  /** X-Api-Key and anonymous requests: payload forms honoured, chunk signatures not checked. */
  private static AuthResult unverifiedBody(
      Principal principal, SignedRequest request, InputStream rawBody) {
    String contentSha256 = request.header("x-amz-content-sha256");
    PayloadForm form = contentSha256 == null ? null : PayloadForm.parse(contentSha256);
    return PayloadBodies.build(principal, form, contentSha256, request, rawBody, null);
  }

  /** The request time as signed: x-amz-date, else the Date header in the same format. */
  private static String requestDate(SignedRequest request) {
    String amzDate = request.header("x-amz-date");
    if (amzDate != null) {
      String value = amzDate.strip();
      if (AmzDate.parseBasic(value) == null)
        throw new AuthException(AuthError.ACCESS_DENIED, BAD_DATE);
      return value;
    }
    Instant date = AmzDate.parseHttpDate(request.header("date"));
    if (date == null) throw new AuthException(AuthError.ACCESS_DENIED, BAD_DATE);
    return AmzDate.formatBasic(date);
  }

  private void checkSkew(Instant requestTime) {
    Duration skew = Duration.between(requestTime, clock.instant()).abs();
    if (skew.compareTo(MAX_SKEW) > 0) throw tooSkewed();
  }

  private static AuthException tooSkewed() {
    return new AuthException(
        AuthError.REQUEST_TIME_TOO_SKEWED,
        "The difference between the request time and the current time is too large.");
  }

  @Override
  public Principal authenticatePostFormV2(
      @Nullable String policyBase64, @Nullable String accessKeyId, @Nullable String signature) {
    if (sigV2 == null) throw new AuthException(AuthError.INVALID_REQUEST, SIGV2_REFUSED);
    if (policyBase64 == null || signature == null || accessKeyId == null) {
      throw new AuthException(
          AuthError.INVALID_ARGUMENT,
          "Bucket POST must contain a field"
              + " named '"
              + (signature == null
                  ? "signature"
                  : accessKeyId == null ? "AWSAccessKeyId" : "policy")
              + "'.  If it is specified, please check the order"
              + " of the fields.");
    }
    return sigV2.postForm(accessKeyId, policyBase64, signature);
  }

  @Override
  public Principal authenticatePostForm(
      @Nullable String policyBase64,
      @Nullable String algorithm,
      @Nullable String credential,
      @Nullable String amzDate,
      @Nullable String signature) {
    if (signature == null && credential == null && algorithm == null) {
      return Principal.ANONYMOUS;
    }
    if (policyBase64 == null || signature == null || credential == null || amzDate == null) {
      throw new AuthException(
          AuthError.INVALID_REQUEST,
          "A signed form needs the fields policy,"
              + " x-amz-algorithm, x-amz-credential, x-amz-date and x-amz-signature.");
    }
    if (!"AWS4-HMAC-SHA256".equals(algorithm)) {
      throw new AuthException(
          AuthError.INVALID_REQUEST, "Unsupported x-amz-algorithm; use AWS4-HMAC-SHA256.");
    }
    CredentialScope scope;
    try {
      scope = CredentialScope.parse(credential);
    } catch (IllegalArgumentException e) {
      throw new AuthException(
          AuthError.INVALID_REQUEST, "Invalid x-amz-credential: " + e.getMessage());
    }
    if (!amzDate.startsWith(scope.date())) {
      throw new AuthException(
          AuthError.INVALID_REQUEST, "x-amz-date does not match the date of x-amz-credential.");
    }
    return verifier.verifyPolicy(scope, policyBase64, signature);
  }
}
