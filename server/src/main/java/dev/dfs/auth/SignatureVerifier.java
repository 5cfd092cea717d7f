package dev.dfs.auth;

import dev.dfs.util.Hex;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Recomputes the SigV4 signature of a request with the secret of the access key it names and
 * compares it, in constant time, with the one the client sent. Thread-safe.
 */
final class SignatureVerifier {
  /** A request whose signature verified, with what a signed aws-chunked body needs next. */
  record Verified(
      Credential credential, byte[] signingKey, String amzDate, String scope, String signature) {
    ChunkSignatureChain chain() {
      return new ChunkSignatureChain(signingKey, amzDate, scope, signature);
    }

    Principal principal() {
      return new Principal(credential.userId(), credential.accessKey(), false);
    }

    @Override
    public String toString() {
      return "Verified[" + credential.accessKey() + ", " + scope + "]";
    }
  }

  /** What the client signed, as parsed from the Authorization header or the presign query. */
  record Claim(
      CredentialScope credential,
      List<String> signedHeaders,
      String amzDate,
      String signature,
      @Nullable String excludedQueryParam) {
    @Override
    public String toString() {
      return "Claim[" + credential + ", " + signedHeaders + ", " + amzDate + "]";
    }
  }

  private final CredentialStore credentials;
  private final SigningKeys keys = new SigningKeys();

  SignatureVerifier(CredentialStore credentials) {
    this.credentials = credentials;
  }

  /**
   * @param payloadHashes the payload hashes the client may have signed, most likely first
   * @throws AuthException INVALID_ACCESS_KEY_ID or SIGNATURE_DOES_NOT_MATCH
   */
  Verified verify(
      SignedRequest request, QueryString query, Claim claim, List<String> payloadHashes) {
    CredentialScope scope = claim.credential();
    Credential credential =
        credentials
            .byAccessKey(scope.accessKey())
            .orElseThrow(
                () ->
                    new AuthException(
                        AuthError.INVALID_ACCESS_KEY_ID,
                        "The AWS Access Key Id you provided does not exist in our records."));
    byte[] key =
        keys.signingKey(credential.secretKey(), scope.date(), scope.region(), scope.service());
    // The AWS SDK for Java sends "//" in a key as "/%2F" (so HTTP clients cannot collapse it)
    // but signs the path with the slashes; S3 accepts both, so an escaped slash is tried both
    // ways.
    List<String> uris = UriEncoding.canonicalPathCandidates(request.rawPath());
    // '+' in a query is a literal plus for the SDKs, a space for form-encoding clients.
    boolean[] plusModes =
        query.containsPlus() ? new boolean[] {false, true} : new boolean[] {false};
    for (String uri : uris) {
      for (boolean plusIsSpace : plusModes) {
        String canonicalQuery = query.canonical(claim.excludedQueryParam(), plusIsSpace);
        for (String payloadHash : payloadHashes) {
          String canonical =
              CanonicalRequest.build(
                  request.method(),
                  uri,
                  canonicalQuery,
                  request.headers(),
                  claim.signedHeaders(),
                  payloadHash);
          String toSign = CanonicalRequest.stringToSign(claim.amzDate(), scope.scope(), canonical);
          String expected = Hex.encode(Sha256.hmac(key, toSign));
          if (Sha256.sameSignature(expected, claim.signature())) {
            return new Verified(credential, key, claim.amzDate(), scope.scope(), expected);
          }
        }
      }
    }
    throw new AuthException(
        AuthError.SIGNATURE_DOES_NOT_MATCH,
        "The request signature we calculated does not match the signature you provided."
            + " Check your key and signing method.");
  }

  /**
   * Verifies a browser form upload's signature: HMAC of the base64 policy document with the signing
   * key of {@code scope}, hex. INVALID_ACCESS_KEY_ID or SIGNATURE_DOES_NOT_MATCH.
   */
  Principal verifyPolicy(CredentialScope scope, String policyBase64, String signature) {
    Credential credential =
        credentials
            .byAccessKey(scope.accessKey())
            .orElseThrow(
                () ->
                    new AuthException(
                        AuthError.INVALID_ACCESS_KEY_ID,
                        "The AWS Access Key Id you provided does not exist in our records."));
    byte[] key =
        keys.signingKey(credential.secretKey(), scope.date(), scope.region(), scope.service());
    String expected = Hex.encode(Sha256.hmac(key, policyBase64));
    if (!Sha256.sameSignature(expected, signature)) {
      throw new AuthException(
          AuthError.SIGNATURE_DOES_NOT_MATCH,
          "The request signature we calculated does not match the signature you provided."
              + " Check your key and signing method.");
    }
    return new Principal(credential.userId(), credential.accessKey(), false);
  }
}
