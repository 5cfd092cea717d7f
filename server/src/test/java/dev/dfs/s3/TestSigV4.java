package dev.dfs.s3;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A SigV4 signer written for tests from the S3 documentation, independent of the server's code:
 * header signatures over exactly the headers a test chooses, presigned query strings, and the chunk
 * and trailer signatures of aws-chunked bodies. It lets a test sign a request and then tamper with
 * it in ways no SDK would. Region us-east-1, service s3. Stateless.
 */
public final class TestSigV4 {
  static final String UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD";
  static final String STREAMING = "STREAMING-AWS4-HMAC-SHA256-PAYLOAD";
  static final String STREAMING_TRAILER = "STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER";
  private static final DateTimeFormatter BASIC =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  private final String accessKey;
  private final String secretKey;

  public TestSigV4(String accessKey, String secretKey) {
    this.accessKey = accessKey;
    this.secretKey = secretKey;
  }

  static String amzDate(Instant t) {
    return BASIC.format(t);
  }

  static String scope(Instant t) {
    return amzDate(t).substring(0, 8) + "/us-east-1/s3/aws4_request";
  }

  /**
   * The Authorization header value for a request whose headers (lower-case names) include every
   * name in {@code signedHeaders}; {@code canonicalQuery} is already canonical.
   */
  String authorization(
      String method,
      String path,
      String canonicalQuery,
      Map<String, String> headers,
      List<String> signedHeaders,
      String payloadHash,
      Instant t) {
    String signature =
        signature(method, path, canonicalQuery, headers, signedHeaders, payloadHash, t);
    return "AWS4-HMAC-SHA256 Credential="
        + accessKey
        + "/"
        + scope(t)
        + ", SignedHeaders="
        + String.join(";", signedHeaders)
        + ", Signature="
        + signature;
  }

  String signature(
      String method,
      String path,
      String canonicalQuery,
      Map<String, String> headers,
      List<String> signedHeaders,
      String payloadHash,
      Instant t) {
    StringBuilder canonical = new StringBuilder();
    canonical
        .append(method)
        .append('\n')
        .append(path)
        .append('\n')
        .append(canonicalQuery)
        .append('\n');
    for (String name : signedHeaders) {
      canonical.append(name).append(':').append(headers.get(name).strip()).append('\n');
    }
    canonical.append('\n').append(String.join(";", signedHeaders)).append('\n').append(payloadHash);
    String toSign =
        "AWS4-HMAC-SHA256\n"
            + amzDate(t)
            + "\n"
            + scope(t)
            + "\n"
            + sha256Hex(canonical.toString().getBytes(StandardCharsets.UTF_8));
    return hex(hmac(signingKey(t), toSign));
  }

  /**
   * The query string of a presigned URL: {@code extra} parameters plus the X-Amz-* ones, signed
   * over {@code signedHeaders} (values in {@code headers}) with the payload hash of an {@code
   * X-Amz-Content-Sha256} parameter in {@code extra}, else UNSIGNED-PAYLOAD.
   */
  public String presignedQuery(
      String method,
      String path,
      Map<String, String> extra,
      Map<String, String> headers,
      List<String> signedHeaders,
      Instant t,
      long expires) {
    Map<String, String> params = new TreeMap<>(extra);
    params.put("X-Amz-Algorithm", "AWS4-HMAC-SHA256");
    params.put("X-Amz-Credential", accessKey + "/" + scope(t));
    params.put("X-Amz-Date", amzDate(t));
    params.put("X-Amz-Expires", Long.toString(expires));
    params.put("X-Amz-SignedHeaders", String.join(";", signedHeaders));
    String query = canonicalQuery(params);
    String payloadHash = extra.getOrDefault("X-Amz-Content-Sha256", UNSIGNED_PAYLOAD);
    String signature = signature(method, path, query, headers, signedHeaders, payloadHash, t);
    return query + "&X-Amz-Signature=" + signature;
  }

  /** The signature of one aws-chunked chunk, chained from {@code previous}. */
  String chunkSignature(String previous, Instant t, byte[] data) {
    String toSign =
        "AWS4-HMAC-SHA256-PAYLOAD\n"
            + amzDate(t)
            + "\n"
            + scope(t)
            + "\n"
            + previous
            + "\n"
            + sha256Hex(new byte[0])
            + "\n"
            + sha256Hex(data);
    return hex(hmac(signingKey(t), toSign));
  }

  /** The signature of the trailers ({@code name:value\n} lines), chained from {@code previous}. */
  String trailerSignature(String previous, Instant t, String canonicalTrailers) {
    String toSign =
        "AWS4-HMAC-SHA256-TRAILER\n"
            + amzDate(t)
            + "\n"
            + scope(t)
            + "\n"
            + previous
            + "\n"
            + sha256Hex(canonicalTrailers.getBytes(StandardCharsets.UTF_8));
    return hex(hmac(signingKey(t), toSign));
  }

  /** Parameters sorted by name, names and values percent-encoded as SigV4 wants. */
  static String canonicalQuery(Map<String, String> params) {
    List<String> parts = new ArrayList<>();
    new TreeMap<>(params).forEach((k, v) -> parts.add(encode(k) + "=" + encode(v)));
    return String.join("&", parts);
  }

  static String encode(String s) {
    StringBuilder b = new StringBuilder();
    for (byte x : s.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (x & 0xFF);
      if ((c >= 'A' && c <= 'Z')
          || (c >= 'a' && c <= 'z')
          || (c >= '0' && c <= '9')
          || c == '-'
          || c == '_'
          || c == '.'
          || c == '~') {
        b.append(c);
      } else {
        b.append('%').append(String.format("%02X", x & 0xFF));
      }
    }
    return b.toString();
  }

  static String sha256Hex(byte[] data) {
    try {
      return hex(MessageDigest.getInstance("SHA-256").digest(data));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private byte[] signingKey(Instant t) {
    byte[] k =
        hmac(("AWS4" + secretKey).getBytes(StandardCharsets.UTF_8), amzDate(t).substring(0, 8));
    k = hmac(k, "us-east-1");
    k = hmac(k, "s3");
    return hmac(k, "aws4_request");
  }

  private static byte[] hmac(byte[] key, String data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String hex(byte[] b) {
    return HexFormat.of().formatHex(b);
  }
}
