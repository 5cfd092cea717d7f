package dev.dfs.s3;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Reads the server-side encryption headers of a request, as the S3 API Reference defines them and
 * with its errors: {@code x-amz-server-side-encryption} (AES256, aws:kms, aws:kms:dsse) with the
 * KMS key id, encryption context and bucket-key flag, and the SSE-C triples {@code
 * x-amz-server-side-encryption-customer-*} and {@code
 * x-amz-copy-source-server-side-encryption-customer-*}. Pure and thread-safe.
 */
final class SseHeaders {
  private SseHeaders() {}

  static final String SSE = "x-amz-server-side-encryption";
  static final String CUSTOMER = "x-amz-server-side-encryption-customer-";
  static final String COPY_SOURCE_CUSTOMER = "x-amz-copy-source-server-side-encryption-customer-";
  static final String AES256 = "AES256";
  static final String KMS = "aws:kms";
  static final String KMS_DSSE = "aws:kms:dsse";
  static final String KMS_KEY_ID = SSE + "-aws-kms-key-id";
  static final String CONTEXT = SSE + "-context";
  static final String BUCKET_KEY = SSE + "-bucket-key-enabled";

  /**
   * A customer-provided key (SSE-C), checked against its MD5. Held only for the request.
   *
   * @param keyMd5 the base64 MD5 of the key as the client sent it (echoed in responses)
   */
  record CustomerKey(byte[] key, String keyMd5) {
    CustomerKey {
      key = key.clone();
    }

    @Override
    public byte[] key() {
      return key.clone();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof CustomerKey c && MessageDigest.isEqual(key, c.key);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(key);
    }

    @Override
    public String toString() {
      return "CustomerKey[md5=" + keyMd5 + "]";
    }
  }

  /**
   * What {@code x-amz-server-side-encryption} and its KMS companions ask for.
   *
   * @param algorithm {@link #AES256}, {@link #KMS} or {@link #KMS_DSSE}
   * @param kmsKeyId {@code -aws-kms-key-id} (id, ARN or alias) or null (the default key)
   * @param context {@code -context} as sent (base64 of a JSON string map), or null
   * @param bucketKey {@code -bucket-key-enabled}, or null when not sent
   */
  record Requested(
      String algorithm,
      @Nullable String kmsKeyId,
      @Nullable String context,
      @Nullable Boolean bucketKey) {
    boolean kms() {
      return algorithm.startsWith(KMS);
    }
  }

  /**
   * {@code x-amz-server-side-encryption} and its KMS companions: null when none is present.
   * InvalidArgument for an unknown algorithm, for a KMS key id, context or bucket-key flag without
   * {@code aws:kms}, and for a context that is not base64 of a JSON string map.
   */
  static @Nullable Requested serverSide(S3Exchange ex) {
    return serverSide(ex::header);
  }

  /** {@link #serverSide(S3Exchange)} for values read elsewhere (a browser form's fields). */
  static @Nullable Requested serverSide(java.util.function.Function<String, String> header) {
    String keyId = header.apply(KMS_KEY_ID);
    String context = header.apply(CONTEXT);
    String bucketKey = header.apply(BUCKET_KEY);
    String value = header.apply(SSE);
    String v = value == null ? null : value.trim();
    boolean kms = KMS.equals(v) || KMS_DSSE.equals(v);
    if (!kms && (keyId != null || context != null)) {
      throw S3Exception.invalidArgument(
          "Server Side Encryption with AWS KMS managed key requires"
              + " HTTP header x-amz-server-side-encryption : aws:kms",
          keyId != null ? KMS_KEY_ID : CONTEXT,
          keyId != null ? keyId : context);
    }
    if (v == null) return null;
    if (!kms && !v.equals(AES256)) {
      throw S3Exception.invalidArgument(
          "The encryption method specified is not supported", SSE, value);
    }
    if (keyId != null && keyId.isBlank()) {
      throw S3Exception.invalidArgument("KMS key ID is empty", KMS_KEY_ID, keyId);
    }
    if (context != null) checkContext(context);
    return new Requested(
        v,
        keyId == null ? null : keyId.trim(),
        context == null ? null : context.trim(),
        bucketKey(bucketKey));
  }

  private static @Nullable Boolean bucketKey(String value) {
    if (value == null) return null;
    return switch (value.trim().toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default -> throw S3Exception.invalidArgument("Invalid value for header", BUCKET_KEY, value);
    };
  }

  /** The encryption context must be base64 of a JSON object whose values are strings. */
  private static void checkContext(String context) {
    byte[] json = CanonicalBase64.decode(context.trim());
    boolean ok = json != null;
    if (ok) {
      try {
        var node = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json);
        ok = node != null && node.isObject();
        if (ok) for (var f : node) ok &= f.isTextual();
      } catch (java.io.IOException e) {
        ok = false;
      }
    }
    if (!ok) {
      throw S3Exception.invalidArgument(
          "The header 'x-amz-server-side-encryption-context' shall"
              + " be Base64-encoded UTF-8 string holding JSON which represents a string-string map",
          CONTEXT,
          context);
    }
  }

  /**
   * The SSE-C key under header prefix {@code prefix} ({@link #CUSTOMER} or {@link
   * #COPY_SOURCE_CUSTOMER}), or null when none of its three headers is present. InvalidArgument
   * when one is missing, the key is not 256 bits or its MD5 differs;
   * InvalidEncryptionAlgorithmError for an algorithm other than AES256; InvalidRequest over plain
   * HTTP from another host (see {@link S3Exchange#confidential}).
   */
  static @Nullable CustomerKey customerKey(S3Exchange ex, String prefix) {
    return customerKey(ex::header, ex.confidential(), prefix);
  }

  /**
   * {@link #customerKey(S3Exchange, String)} for values read elsewhere (a browser form's fields);
   * {@code confidential} as {@link S3Exchange#confidential}.
   */
  static @Nullable CustomerKey customerKey(
      java.util.function.Function<String, String> header, boolean confidential, String prefix) {
    String algorithm = header.apply(prefix + "algorithm");
    String key = header.apply(prefix + "key");
    String md5 = header.apply(prefix + "key-MD5");
    if (md5 == null) md5 = header.apply(prefix + "key-md5");
    if (algorithm == null && key == null && md5 == null) return null;
    if (!confidential) {
      throw new S3Exception(
          S3ErrorCode.INVALID_REQUEST,
          "Requests specifying Server Side"
              + " Encryption with Customer provided keys must be made over a secure connection.");
    }
    if (algorithm == null) {
      throw S3Exception.invalidArgument(
          "Requests specifying Server Side Encryption with"
              + " Customer provided keys must provide a valid encryption algorithm.",
          prefix + "algorithm",
          null);
    }
    if (!algorithm.trim().equals(AES256)) {
      throw new S3Exception(S3ErrorCode.INVALID_ENCRYPTION_ALGORITHM)
          .with("ArgumentName", prefix + "algorithm")
          .with("ArgumentValue", algorithm);
    }
    if (key == null) {
      throw S3Exception.invalidArgument(
          "Requests specifying Server Side Encryption with"
              + " Customer provided keys must provide an appropriate secret key.",
          prefix + "key",
          null);
    }
    if (md5 == null) {
      throw S3Exception.invalidArgument(
          "Requests specifying Server Side Encryption with"
              + " Customer provided keys must provide the client calculated MD5 of the secret key.",
          prefix + "key-MD5",
          null);
    }
    byte[] raw = CanonicalBase64.decode(key.trim());
    if (raw == null || raw.length != 32) {
      throw S3Exception.invalidArgument(
          "The secret key was invalid for the specified algorithm.", prefix + "key", null);
    }
    // only the canonical encoding matches (as S3): the value is echoed back as sent
    byte[] claimed = CanonicalBase64.decode(md5.trim());
    if (claimed == null || !MessageDigest.isEqual(claimed, md5(raw))) {
      throw S3Exception.invalidArgument(
          "The calculated MD5 hash of the key did not match the" + " hash that was provided.",
          prefix + "key-MD5",
          null);
    }
    return new CustomerKey(raw, md5.trim());
  }

  private static byte[] md5(byte[] data) {
    try {
      return MessageDigest.getInstance("MD5").digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
