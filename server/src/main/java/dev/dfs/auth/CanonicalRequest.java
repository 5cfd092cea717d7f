package dev.dfs.auth;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Builds the SigV4 canonical request and string to sign, as S3 defines them:
 *
 * <pre>
 * METHOD \n CanonicalURI \n CanonicalQuery \n CanonicalHeaders \n SignedHeaders \n PayloadHash
 * </pre>
 *
 * Stateless, thread-safe.
 */
final class CanonicalRequest {
  static final String ALGORITHM = "AWS4-HMAC-SHA256";

  private CanonicalRequest() {}

  static String build(
      String method,
      String canonicalUri,
      String canonicalQuery,
      Map<String, List<String>> headers,
      List<String> signedHeaders,
      String payloadHash) {
    StringBuilder sb = new StringBuilder(512);
    sb.append(method).append('\n');
    sb.append(canonicalUri).append('\n');
    sb.append(canonicalQuery).append('\n');
    for (String name : signedHeaders) {
      sb.append(name).append(':');
      appendValues(headers.get(name), sb);
      sb.append('\n');
    }
    sb.append('\n');
    sb.append(String.join(";", signedHeaders)).append('\n');
    sb.append(payloadHash);
    return sb.toString();
  }

  /** Values trimmed, inner runs of spaces collapsed to one, several values joined by ','. */
  static void appendValues(@Nullable List<String> values, StringBuilder sb) {
    if (values == null) return;
    for (int i = 0; i < values.size(); i++) {
      if (i > 0) sb.append(',');
      appendTrimmed(values.get(i), sb);
    }
  }

  private static void appendTrimmed(String value, StringBuilder sb) {
    String v = value.strip();
    boolean space = false;
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (c == ' ') {
        if (!space) sb.append(' ');
        space = true;
      } else {
        sb.append(c);
        space = false;
      }
    }
  }

  static String stringToSign(String amzDate, String scope, String canonicalRequest) {
    return ALGORITHM + "\n" + amzDate + "\n" + scope + "\n" + Sha256.hex(canonicalRequest);
  }

  /** Splits a SignedHeaders value ({@code host;x-amz-date}) into lower-case names. */
  static List<String> signedHeaderNames(String value) {
    if (value == null || value.isBlank()) return List.of();
    String[] parts = value.strip().toLowerCase(Locale.ROOT).split(";", -1);
    for (int i = 0; i < parts.length; i++) {
      parts[i] = parts[i].strip();
      if (parts[i].isEmpty()) return List.of();
    }
    return List.of(parts);
  }
}
