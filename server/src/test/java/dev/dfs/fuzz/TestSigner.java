package dev.dfs.fuzz;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A small, independent SigV4 header signer for raw requests (S3 rules: each path segment decoded
 * once and UriEncoded, query names and values decoded, encoded and sorted). It signs exactly the
 * request-target it is given, so hostile paths and queries get past authentication and reach the
 * handlers. Stateless and thread-safe.
 */
final class TestSigner {
  private static final DateTimeFormatter AMZ_DATE =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");
  private final String accessKey;
  private final String secretKey;
  private final String region;

  TestSigner(String accessKey, String secretKey, String region) {
    this.accessKey = accessKey;
    this.secretKey = secretKey;
    this.region = region;
  }

  /**
   * Returns the headers to add: {@code x-amz-date}, {@code x-amz-content-sha256} and {@code
   * Authorization}. {@code signed} are further headers (lower-case names) included in the
   * signature; their values must already be in canonical form (trimmed, no double spaces).
   */
  Map<String, String> sign(
      String method,
      String host,
      String rawPath,
      String rawQuery,
      Map<String, String> signed,
      String payloadHash) {
    String amzDate = ZonedDateTime.now(ZoneOffset.UTC).format(AMZ_DATE);
    String date = amzDate.substring(0, 8);
    TreeMap<String, String> headers = new TreeMap<>(signed);
    headers.put("host", host);
    headers.put("x-amz-date", amzDate);
    headers.put("x-amz-content-sha256", payloadHash);
    StringBuilder canonical =
        new StringBuilder()
            .append(method)
            .append('\n')
            .append(canonicalPath(rawPath))
            .append('\n')
            .append(canonicalQuery(rawQuery))
            .append('\n');
    headers.forEach((n, v) -> canonical.append(n).append(':').append(v).append('\n'));
    String signedNames = String.join(";", headers.keySet());
    canonical.append('\n').append(signedNames).append('\n').append(payloadHash);
    String scope = date + "/" + region + "/s3/aws4_request";
    String toSign =
        "AWS4-HMAC-SHA256\n"
            + amzDate
            + "\n"
            + scope
            + "\n"
            + sha256Hex(canonical.toString().getBytes(StandardCharsets.UTF_8));
    byte[] key = hmac(("AWS4" + secretKey).getBytes(StandardCharsets.UTF_8), date);
    key = hmac(key, region);
    key = hmac(key, "s3");
    key = hmac(key, "aws4_request");
    String signature = HexFormat.of().formatHex(hmac(key, toSign));
    Map<String, String> out = new TreeMap<>();
    out.put("x-amz-date", amzDate);
    out.put("x-amz-content-sha256", payloadHash);
    out.put(
        "Authorization",
        "AWS4-HMAC-SHA256 Credential="
            + accessKey
            + "/"
            + scope
            + ", SignedHeaders="
            + signedNames
            + ", Signature="
            + signature);
    return out;
  }

  /** The form fields of a signed browser upload: x-amz-credential, x-amz-date, x-amz-signature. */
  Map<String, String> signPolicy(String policyBase64) {
    String amzDate = ZonedDateTime.now(ZoneOffset.UTC).format(AMZ_DATE);
    String date = amzDate.substring(0, 8);
    byte[] key = hmac(("AWS4" + secretKey).getBytes(StandardCharsets.UTF_8), date);
    key = hmac(hmac(hmac(key, region), "s3"), "aws4_request");
    Map<String, String> fields = new TreeMap<>();
    fields.put("x-amz-algorithm", "AWS4-HMAC-SHA256");
    fields.put("x-amz-credential", accessKey + "/" + date + "/" + region + "/s3/aws4_request");
    fields.put("x-amz-date", amzDate);
    fields.put("x-amz-signature", HexFormat.of().formatHex(hmac(key, policyBase64)));
    return fields;
  }

  static String canonicalPath(String rawPath) {
    StringBuilder out = new StringBuilder();
    String[] segments = rawPath.split("/", -1);
    for (int i = 0; i < segments.length; i++) {
      if (i > 0) out.append('/');
      out.append(encode(decode(segments[i])));
    }
    return out.length() == 0 ? "/" : out.toString();
  }

  static String canonicalQuery(String rawQuery) {
    if (rawQuery == null || rawQuery.isEmpty()) return "";
    List<String[]> params = new ArrayList<>();
    for (String part : rawQuery.split("&", -1)) {
      if (part.isEmpty()) continue;
      int eq = part.indexOf('=');
      String n = eq < 0 ? part : part.substring(0, eq);
      String v = eq < 0 ? "" : part.substring(eq + 1);
      params.add(new String[] {encode(decode(n)), encode(decode(v))});
    }
    params.sort((a, b) -> a[0].equals(b[0]) ? a[1].compareTo(b[1]) : a[0].compareTo(b[0]));
    StringBuilder out = new StringBuilder();
    for (String[] p : params) {
      if (out.length() > 0) out.append('&');
      out.append(p[0]).append('=').append(p[1]);
    }
    return out.toString();
  }

  /** Percent-decodes an ASCII string to bytes; an invalid escape stays literal. */
  static byte[] decode(String s) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '%' && i + 2 < s.length()) {
        int hi = Character.digit(s.charAt(i + 1), 16);
        int lo = Character.digit(s.charAt(i + 2), 16);
        if (hi >= 0 && lo >= 0) {
          out.write(hi << 4 | lo);
          i += 2;
          continue;
        }
      }
      out.write(c);
    }
    return out.toByteArray();
  }

  static String encode(byte[] bytes) {
    StringBuilder out = new StringBuilder();
    for (byte b : bytes) {
      int c = b & 0xFF;
      boolean unreserved =
          (c >= 'A' && c <= 'Z')
              || (c >= 'a' && c <= 'z')
              || (c >= '0' && c <= '9')
              || c == '-'
              || c == '_'
              || c == '.'
              || c == '~';
      if (unreserved) out.append((char) c);
      else out.append('%').append(String.format("%02X", c));
    }
    return out.toString();
  }

  static String sha256Hex(byte[] data) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] hmac(byte[] key, String data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
