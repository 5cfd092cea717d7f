package dev.dfs.auth;

import dev.dfs.util.Hex;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * Verifies AWS Signature Version 2 (HMAC-SHA1, base64) in its three forms: the {@code
 * Authorization: AWS AccessKeyId:Signature} header, presigned URLs ({@code AWSAccessKeyId}, {@code
 * Expires}, {@code Signature}) and browser form uploads (the {@code signature} of the base64 {@code
 * policy}). The string to sign is {@link SigV2StringToSign}.
 *
 * <p>Every {@code x-amz-*} header enters the string to sign (SigV2 has no list of signed headers),
 * so no such header can be added to a signed request or a presigned URL without breaking its
 * signature: the unsigned-header rule of SigV4 holds by construction. The body is covered only
 * through {@code Content-MD5} (checked by the handlers) or a signed {@code x-amz-content-sha256}.
 *
 * <p>Header requests must carry a {@code Date} or {@code x-amz-date} within 15 minutes of the
 * clock; presigned URLs are refused after {@code Expires} (403 AccessDenied "Request has expired").
 * A signature that does not match is 403 SignatureDoesNotMatch with the {@code StringToSign} S3
 * shows (it holds nothing secret). Signatures are compared in constant time. Thread-safe.
 */
final class SigV2Verifier {
  static final String HEADER_PREFIX = "AWS ";
  static final String ACCESS_KEY_PARAM = "AWSAccessKeyId";
  static final String EXPIRES_PARAM = "Expires";
  static final String SIGNATURE_PARAM = "Signature";

  private static final String BAD_DATE =
      "AWS authentication requires a valid Date or x-amz-date header";

  private final CredentialStore credentials;
  private final Clock clock;
  private final Duration maxSkew;

  SigV2Verifier(CredentialStore credentials, Clock clock, Duration maxSkew) {
    this.credentials = credentials;
    this.clock = clock;
    this.maxSkew = maxSkew;
  }

  /** Whether the query carries any SigV2 presign parameter. */
  static boolean isPresigned(QueryString query) {
    return query.has(ACCESS_KEY_PARAM) || query.has(SIGNATURE_PARAM);
  }

  /** {@code Authorization: AWS AKID:signature}. */
  AuthResult header(
      SignedRequest request, QueryString query, String authorization, InputStream rawBody) {
    String value = authorization.substring(HEADER_PREFIX.length()).strip();
    int colon = value.lastIndexOf(':');
    if (colon <= 0 || colon == value.length() - 1) {
      throw new AuthException(
          AuthError.INVALID_ARGUMENT,
          "AWS authorization header is invalid.  Expected AwsAccessKeyId:signature",
          Map.of("ArgumentName", "Authorization", "ArgumentValue", authorization));
    }
    String accessKey = value.substring(0, colon);
    String signature = value.substring(colon + 1);
    String amzDate = request.header("x-amz-date");
    String date = request.header("date");
    Instant time = parseDate(amzDate != null ? amzDate : date);
    if (time == null) throw new AuthException(AuthError.ACCESS_DENIED, BAD_DATE);
    if (Duration.between(time, clock.instant()).abs().compareTo(maxSkew) > 0) {
      throw new AuthException(
          AuthError.REQUEST_TIME_TOO_SKEWED,
          "The difference between the request time and the current time is too large.");
    }
    // With x-amz-date the Date line is empty (the guide); some clients still put their Date
    // header there, which is as safe: x-amz-date is signed among the amz headers either way.
    List<String> dateLines = new ArrayList<>();
    dateLines.add(amzDate != null ? "" : date);
    if (amzDate != null && date != null) dateLines.add(date);
    Credential credential = credential(accessKey);
    verify(credential, signature, request, query, dateLines);
    return body(credential, request, rawBody);
  }

  /** {@code ?AWSAccessKeyId=…&Expires=…&Signature=…}. */
  AuthResult presigned(SignedRequest request, QueryString query, InputStream rawBody) {
    String accessKey = query.get(ACCESS_KEY_PARAM);
    String expires = query.get(EXPIRES_PARAM);
    String signature = query.get(SIGNATURE_PARAM);
    if (accessKey == null || expires == null || signature == null) {
      throw new AuthException(
          AuthError.ACCESS_DENIED,
          "Query-string authentication requires"
              + " the Signature, Expires and AWSAccessKeyId parameters");
    }
    long expiresAt;
    try {
      expiresAt = Long.parseLong(expires.strip());
    } catch (NumberFormatException e) {
      throw new AuthException(
          AuthError.ACCESS_DENIED, "Invalid date (should be seconds since epoch): " + expires);
    }
    if (clock.instant().getEpochSecond() > expiresAt) {
      throw new AuthException(AuthError.EXPIRED, "Request has expired");
    }
    Credential credential = credential(accessKey);
    // a '+' of the base64 signature that was not percent-encoded arrives as a space
    verify(credential, signature.replace(' ', '+'), request, query, List.of(expires.strip()));
    return body(credential, request, rawBody);
  }

  /**
   * A browser form's {@code signature}: base64 HMAC-SHA1 of the base64 {@code policy} field with
   * the secret of {@code accessKey}.
   */
  Principal postForm(String accessKey, String policyBase64, String signature) {
    Credential credential = credential(accessKey);
    String expected = sign(credential.secretKey(), policyBase64);
    if (!same(expected, signature.strip())) {
      throw new AuthException(
          AuthError.SIGNATURE_DOES_NOT_MATCH,
          "The request signature we calculated does not match the signature you provided."
              + " Check your key and signing method.");
    }
    return principal(credential);
  }

  /** Base64 HMAC-SHA1 of {@code data} under {@code secret}: the SigV2 signature. */
  static String sign(String secret, String data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA1");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
      return Base64.getEncoder().encodeToString(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA1 missing from this JDK", e);
    }
  }

  private void verify(
      Credential credential,
      String signature,
      SignedRequest request,
      QueryString query,
      List<String> dateLines) {
    String first = null;
    for (String dateLine : dateLines) {
      String toSign = SigV2StringToSign.build(request, query, dateLine);
      if (first == null) first = toSign;
      if (same(sign(credential.secretKey(), toSign), signature)) return;
    }
    Map<String, String> elements = new LinkedHashMap<>();
    elements.put("AWSAccessKeyId", credential.accessKey());
    String shown = first == null ? "" : first; // dateLines is never empty
    elements.put("StringToSign", shown);
    elements.put("SignatureProvided", signature);
    elements.put("StringToSignBytes", bytes(shown));
    throw new AuthException(
        AuthError.SIGNATURE_DOES_NOT_MATCH,
        "The request signature we calculated does not match the signature you provided."
            + " Check your key and signing method.",
        elements);
  }

  private Credential credential(String accessKey) {
    return credentials
        .byAccessKey(accessKey)
        .orElseThrow(
            () ->
                new AuthException(
                    AuthError.INVALID_ACCESS_KEY_ID,
                    "The AWS Access Key Id you provided does not exist in our records."));
  }

  /**
   * The body as sent: SigV2 signs no payload hash, but a signed {@code x-amz-content-sha256} (a
   * hash or UNSIGNED-PAYLOAD) is honoured; an aws-chunked form belongs to SigV4 only.
   */
  private static AuthResult body(
      Credential credential, SignedRequest request, InputStream rawBody) {
    String contentSha256 = request.header("x-amz-content-sha256");
    PayloadForm form = contentSha256 == null ? null : PayloadForm.parse(contentSha256);
    if (form != null && form.chunked()) {
      throw new AuthException(
          AuthError.INVALID_REQUEST,
          "aws-chunked payloads need Signature Version 4 (AWS4-HMAC-SHA256).");
    }
    return PayloadBodies.build(principal(credential), form, contentSha256, request, rawBody, null);
  }

  private static Principal principal(Credential credential) {
    return new Principal(credential.userId(), credential.accessKey(), false);
  }

  /** An RFC 1123 date (also with a numeric zone), else a basic ISO 8601 timestamp; or null. */
  private static @Nullable Instant parseDate(@Nullable String value) {
    if (value == null) return null;
    Instant http = AmzDate.parseHttpDate(value);
    return http != null ? http : AmzDate.parseBasic(value.strip());
  }

  private static boolean same(String expected, String given) {
    return MessageDigest.isEqual(
        expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
  }

  /** The bytes of the string to sign as S3 lists them: two hex digits each, space-separated. */
  private static String bytes(String s) {
    String hex = Hex.encode(s.getBytes(StandardCharsets.UTF_8));
    StringBuilder out = new StringBuilder(hex.length() * 3 / 2);
    for (int i = 0; i < hex.length(); i += 2) {
      if (i > 0) out.append(' ');
      out.append(hex, i, i + 2);
    }
    return out.toString();
  }
}
