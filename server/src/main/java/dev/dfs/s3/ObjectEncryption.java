package dev.dfs.s3;

import dev.dfs.crypto.DataKey;
import dev.dfs.crypto.MasterKey;
import dev.dfs.s3.SseHeaders.CustomerKey;
import dev.dfs.store.DataEncryption;
import dev.dfs.store.KeyResolver;
import dev.dfs.store.ObjectAttributes;
import dev.dfs.store.ObjectMetadata;
import dev.dfs.store.ObjectStore;
import dev.dfs.store.StoreError;
import dev.dfs.store.StoreException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * Server-side encryption decisions of the protocol layer: which key a write uses (SSE-S3, SSE-KMS
 * ({@link KmsEncryption}), SSE-C or the bucket's default), what is kept in the object's attributes
 * to find it again, the {@link KeyResolver} for reads and the response headers.
 *
 * <p>Key material: SSE-S3 data keys are random per object (per upload for multipart) and kept only
 * sealed by the {@link MasterKey}, bound to {@code bucket/key} ({@link
 * ObjectAttributes#SSE_SEALED_KEY}). SSE-C keys are never stored: the data key is {@code
 * HMAC-SHA256(customerKey, "dfs sse-c data" || salt)} and a verifier {@code
 * HMAC-SHA256(customerKey, "dfs sse-c verifier" || salt)} tells a wrong key apart (salt random per
 * object or upload). Thread-safe (immutable).
 */
final class ObjectEncryption {
  /** The bucket configuration document holding the default encryption. */
  static final String BUCKET_DOCUMENT = "encryption";

  static final String SSE_C = "SSE-C";
  private static final SecureRandom RANDOM = new SecureRandom();

  private final ObjectStore store;
  private final @Nullable MasterKey masterKey;
  private final KmsEncryption kms;

  /**
   * @param masterKey null when none is configured: SSE-S3 is then NotImplemented
   */
  ObjectEncryption(ObjectStore store, @Nullable MasterKey masterKey) {
    this(store, masterKey, null);
  }

  /**
   * @param masterKey null when none is configured: SSE-S3 is then NotImplemented
   * @param kms null when this server has no key service: SSE-KMS is then NotImplemented
   */
  ObjectEncryption(
      ObjectStore store, @Nullable MasterKey masterKey, dev.dfs.kms.@Nullable KeyService kms) {
    this.store = store;
    this.masterKey = masterKey;
    this.kms = new KmsEncryption(kms);
  }

  /**
   * How one write is encrypted: the attributes to keep with the object, the key for the engine
   * (null: plaintext) and the response headers.
   */
  record Plan(
      Map<String, String> attributes,
      @Nullable DataEncryption encryption,
      Map<String, String> responseHeaders) {
    static final Plan NONE = new Plan(Map.of(), null, Map.of());

    /** {@code md} without any earlier encryption attributes, plus this plan's. */
    ObjectMetadata apply(ObjectMetadata md) {
      Map<String, String> attrs = new HashMap<>(withoutSse(md.attributes()));
      attrs.putAll(attributes);
      return md.withAttributes(attrs);
    }
  }

  private static Map<String, String> withoutSse(Map<String, String> attributes) {
    Map<String, String> out = new HashMap<>(attributes);
    out.remove(ObjectAttributes.CIPHER);
    out.remove(ObjectAttributes.SSE);
    out.remove(ObjectAttributes.SSE_SEALED_KEY);
    out.remove(ObjectAttributes.SSE_C_SALT);
    out.remove(ObjectAttributes.SSE_C_VERIFIER);
    out.remove(ObjectAttributes.SSE_KMS_KEY);
    out.remove(ObjectAttributes.SSE_KMS_VERSION);
    out.remove(ObjectAttributes.SSE_KMS_CONTEXT);
    out.remove(ObjectAttributes.SSE_BUCKET_KEY);
    return out;
  }

  /**
   * The plan for a PutObject, CopyObject target or CreateMultipartUpload of {@code bucket/key}:
   * SSE-C when its headers are present, SSE-S3 or SSE-KMS when asked for or when the bucket's
   * default encryption says so, else none. NotImplemented on an engine without encryption at rest.
   */
  Plan forWrite(S3Exchange ex, String bucket, String key) throws IOException {
    return forWrite(ex::header, ex, bucket, key);
  }

  /**
   * {@link #forWrite(S3Exchange, String, String)} with the encryption values read elsewhere (a
   * browser form's {@code x-amz-server-side-encryption*} fields); the bucket's default comes from
   * {@code ex}'s {@link BucketContext}.
   */
  Plan forWrite(
      java.util.function.Function<String, String> header, S3Exchange ex, String bucket, String key)
      throws IOException {
    boolean confidential = ex.confidential();
    SseHeaders.Requested sse = SseHeaders.serverSide(header);
    CustomerKey customer = SseHeaders.customerKey(header, confidential, SseHeaders.CUSTOMER);
    if (sse != null && customer != null) {
      throw S3Exception.invalidArgument(
          "Server Side Encryption with Customer provided key is"
              + " incompatible with the encryption method specified",
          SseHeaders.SSE,
          sse.algorithm());
    }
    if ((sse != null || customer != null) && !store.supportsEncryption()) {
      throw new S3Exception(
          S3ErrorCode.NOT_IMPLEMENTED,
          "The " + store.engineName() + " engine does not implement server-side encryption.");
    }
    if (customer != null) return customerPlan(customer);
    if (sse != null && !sse.kms()) return s3Plan(bucket, key);
    Optional<EncryptionConfig> byDefault = ex.bucketContext().defaultEncryption();
    if (sse != null) return kms.plan(bucket, key, withBucketKey(sse, byDefault));
    if (byDefault.isEmpty()) return Plan.NONE;
    EncryptionConfig d = byDefault.get();
    if (!d.kms()) return s3Plan(bucket, key);
    return kms.plan(
        bucket,
        key,
        new SseHeaders.Requested(d.algorithm(), d.kmsKeyId(), null, d.bucketKeyEnabled()));
  }

  /** A KMS request without the bucket-key header takes the flag of a KMS bucket default. */
  private static SseHeaders.Requested withBucketKey(
      SseHeaders.Requested sse, Optional<EncryptionConfig> byDefault) {
    if (sse.bucketKey() != null || byDefault.isEmpty() || !byDefault.get().kms()) return sse;
    return new SseHeaders.Requested(
        sse.algorithm(), sse.kmsKeyId(), sse.context(), byDefault.get().bucketKeyEnabled());
  }

  /** True when {@link #forWrite} would encrypt because of headers the request carries. */
  static boolean asksForEncryption(S3Exchange ex) {
    return ex.header(SseHeaders.SSE) != null
        || ex.header(SseHeaders.KMS_KEY_ID) != null
        || ex.header(SseHeaders.CUSTOMER + "algorithm") != null;
  }

  private Plan s3Plan(String bucket, String key) {
    if (masterKey == null) {
      throw new S3Exception(
          S3ErrorCode.NOT_IMPLEMENTED,
          "SSE-S3 needs a master key (DFS_MASTER_KEY or the data directory's key file).");
    }
    DataKey dataKey = DataKey.random();
    byte[] sealed = masterKey.seal(dataKey.raw(), s3Context(bucket, key));
    Map<String, String> attrs =
        Map.of(
            ObjectAttributes.CIPHER, ObjectAttributes.CIPHER_FORMAT,
            ObjectAttributes.SSE, SseHeaders.AES256,
            ObjectAttributes.SSE_SEALED_KEY, Base64.getEncoder().encodeToString(sealed));
    return new Plan(
        attrs, new DataEncryption(dataKey, true), Map.of(SseHeaders.SSE, SseHeaders.AES256));
  }

  private static Plan customerPlan(CustomerKey customer) {
    byte[] salt = new byte[16];
    RANDOM.nextBytes(salt);
    Map<String, String> attrs =
        Map.of(
            ObjectAttributes.CIPHER,
            ObjectAttributes.CIPHER_FORMAT,
            ObjectAttributes.SSE,
            SSE_C,
            ObjectAttributes.SSE_C_SALT,
            Base64.getEncoder().encodeToString(salt),
            ObjectAttributes.SSE_C_VERIFIER,
            Base64.getEncoder().encodeToString(hmac(customer.key(), "dfs sse-c verifier", salt)));
    return new Plan(
        attrs,
        new DataEncryption(DataKey.of(hmac(customer.key(), "dfs sse-c data", salt)), false),
        customerHeaders(customer));
  }

  /** The authenticated data an SSE-S3 data key of {@code bucket/key} is sealed with. */
  static String s3Context(String bucket, String key) {
    return "dfs sse-s3 v1\u0000" + bucket + "\u0000" + key;
  }

  /**
   * Resolves keys for reading an object with the SSE-C key {@code customer} (null: none) under
   * header prefix {@code prefix} (for error messages): SSE-S3 objects open with their sealed key;
   * SSE-C objects need the right customer key (none: 400 InvalidRequest; wrong: 403 AccessDenied);
   * a customer key on any other object is 400 InvalidRequest.
   */
  KeyResolver reader(@Nullable CustomerKey customer) {
    requireEngineSupport(customer);
    return info -> keyFor(info.bucket(), info.key(), info.metadata(), customer, false);
  }

  /**
   * The key for one part of an upload of {@code bucket/key} whose metadata is {@code upload}: null
   * for a plaintext upload (a customer key there is InvalidRequest); the SSE-C key must match the
   * one the upload was created with.
   */
  @Nullable DataEncryption forPart(
      String bucket, String key, ObjectMetadata upload, @Nullable CustomerKey customer)
      throws IOException {
    requireEngineSupport(customer);
    DataKey k = keyFor(bucket, key, upload, customer, true);
    return k == null
        ? null
        : new DataEncryption(k, SseHeaders.AES256.equals(upload.attribute(ObjectAttributes.SSE)));
  }

  /** NotImplemented for an SSE-C key on an engine without encryption at rest. */
  private void requireEngineSupport(@Nullable CustomerKey customer) {
    if (customer != null && !store.supportsEncryption()) {
      throw new S3Exception(
          S3ErrorCode.NOT_IMPLEMENTED,
          "The " + store.engineName() + " engine does not implement server-side encryption.");
    }
  }

  private @Nullable DataKey keyFor(
      String bucket, String key, ObjectMetadata md, @Nullable CustomerKey customer, boolean part)
      throws IOException {
    String mode = md.attribute(ObjectAttributes.SSE);
    if (md.attribute(ObjectAttributes.CIPHER) == null) {
      if (customer != null) {
        throw new S3Exception(
            S3ErrorCode.INVALID_REQUEST,
            part
                ? "The multipart upload initiate did not request encryption; parts must not carry"
                    + " encryption parameters."
                : "The encryption parameters are not applicable to this object.");
      }
      return null;
    }
    if (SseHeaders.AES256.equals(mode)) {
      if (customer != null) {
        throw new S3Exception(
            S3ErrorCode.INVALID_REQUEST,
            "The encryption parameters are not applicable to this object.");
      }
      if (masterKey == null) {
        throw new S3Exception(
            S3ErrorCode.NOT_IMPLEMENTED,
            "SSE-S3 needs a master key (DFS_MASTER_KEY or the data directory's key file).");
      }
      byte[] sealed = Base64.getDecoder().decode(md.attribute(ObjectAttributes.SSE_SEALED_KEY));
      return DataKey.of(masterKey.open(sealed, s3Context(bucket, key)));
    }
    if (KmsEncryption.isKms(mode)) {
      if (customer != null) {
        throw new S3Exception(
            S3ErrorCode.INVALID_REQUEST,
            "The encryption parameters are not applicable to this object.");
      }
      return kms.open(bucket, key, md);
    }
    if (SSE_C.equals(mode)) return customerKey(md, customer, part);
    throw new StoreException(
        StoreError.CORRUPT_DATA, bucket + "/" + key + " is encrypted in an unknown mode: " + mode);
  }

  /**
   * The data key of an SSE-C object: the client's key must be given and match the stored verifier
   * (a mismatch is 403 on a read, 400 on an upload part).
   */
  private static DataKey customerKey(
      ObjectMetadata md, @Nullable CustomerKey customer, boolean part) {
    if (customer == null) {
      throw new S3Exception(
          S3ErrorCode.INVALID_REQUEST,
          part
              ? "The multipart upload initiate requested encryption. Subsequent part requests"
                  + " must include the appropriate encryption parameters."
              : "The object was stored using a form of Server Side Encryption. The correct"
                  + " parameters must be provided to retrieve the object.");
    }
    byte[] salt = Base64.getDecoder().decode(md.attribute(ObjectAttributes.SSE_C_SALT));
    byte[] verifier = Base64.getDecoder().decode(md.attribute(ObjectAttributes.SSE_C_VERIFIER));
    if (!MessageDigest.isEqual(verifier, hmac(customer.key(), "dfs sse-c verifier", salt))) {
      if (part) {
        throw S3Exception.invalidArgument(
            "The provided encryption parameters did not match" + " the ones used originally.",
            SseHeaders.CUSTOMER + "key",
            null);
      }
      throw new S3Exception(S3ErrorCode.ACCESS_DENIED);
    }
    return DataKey.of(hmac(customer.key(), "dfs sse-c data", salt));
  }

  /**
   * Response headers describing how an object (or upload) with metadata {@code md} is encrypted.
   */
  static Map<String, String> responseHeaders(ObjectMetadata md, @Nullable CustomerKey customer) {
    String mode = md.attribute(ObjectAttributes.SSE);
    if (SseHeaders.AES256.equals(mode)) return Map.of(SseHeaders.SSE, SseHeaders.AES256);
    if (KmsEncryption.isKms(mode)) return KmsEncryption.headers(md::attribute);
    if (SSE_C.equals(mode)) {
      Map<String, String> h = new LinkedHashMap<>();
      h.put(SseHeaders.CUSTOMER + "algorithm", SseHeaders.AES256);
      if (customer != null) h.put(SseHeaders.CUSTOMER + "key-MD5", customer.keyMd5());
      return h;
    }
    return Map.of();
  }

  private static Map<String, String> customerHeaders(CustomerKey customer) {
    Map<String, String> h = new LinkedHashMap<>();
    h.put(SseHeaders.CUSTOMER + "algorithm", SseHeaders.AES256);
    h.put(SseHeaders.CUSTOMER + "key-MD5", customer.keyMd5());
    return h;
  }

  private static byte[] hmac(byte[] key, String label, byte[] salt) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      mac.update(label.getBytes(StandardCharsets.US_ASCII));
      mac.update((byte) 0);
      return mac.doFinal(salt);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }
}
