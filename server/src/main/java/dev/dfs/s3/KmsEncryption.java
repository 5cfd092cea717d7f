package dev.dfs.s3;

import dev.dfs.crypto.DataKey;
import dev.dfs.kms.KeyService;
import dev.dfs.kms.KmsException;
import dev.dfs.store.DataEncryption;
import dev.dfs.store.ObjectAttributes;
import dev.dfs.store.ObjectMetadata;
import java.io.IOException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * SSE-KMS for {@link ObjectEncryption}: each object (or multipart upload) gets a random data key,
 * sealed by the {@link KeyService} under the named key (or the default {@code aws/s3}) and bound to
 * {@code bucket/key} and the client's encryption context. What is kept in the object's attributes:
 * the key's ARN and version, the sealed data key, the context as sent and the bucket-key flag. The
 * key service's refusals become S3's errors: 400 KMS.NotFoundException, 400 KMS.DisabledException.
 * Thread-safe (immutable).
 */
final class KmsEncryption {
  private final @Nullable KeyService kms;

  /**
   * @param kms null when this server has no key service: SSE-KMS is then NotImplemented
   */
  KmsEncryption(@Nullable KeyService kms) {
    this.kms = kms;
  }

  /** The plan for a write of {@code bucket/key} that {@code sse} asks to encrypt with KMS. */
  ObjectEncryption.Plan plan(String bucket, String key, SseHeaders.Requested sse)
      throws IOException {
    KeyService service = service();
    DataKey dataKey = DataKey.random();
    KeyService.SealedDataKey sealed =
        call(
            () ->
                service.seal(
                    sse.kmsKeyId() != null ? sse.kmsKeyId() : service.defaultKey().keyId(),
                    dataKey,
                    context(bucket, key, sse.context())));
    Map<String, String> attrs = new LinkedHashMap<>();
    attrs.put(ObjectAttributes.CIPHER, ObjectAttributes.CIPHER_FORMAT);
    attrs.put(ObjectAttributes.SSE, sse.algorithm());
    attrs.put(ObjectAttributes.SSE_SEALED_KEY, Base64.getEncoder().encodeToString(sealed.sealed()));
    attrs.put(ObjectAttributes.SSE_KMS_KEY, sealed.key().arn());
    attrs.put(ObjectAttributes.SSE_KMS_VERSION, Integer.toString(sealed.version()));
    if (sse.context() != null) attrs.put(ObjectAttributes.SSE_KMS_CONTEXT, sse.context());
    if (Boolean.TRUE.equals(sse.bucketKey())) attrs.put(ObjectAttributes.SSE_BUCKET_KEY, "true");
    Map<String, String> headers = new LinkedHashMap<>(headers(attrs::get));
    // S3 echoes the encryption context on the writes (PUT, copy, multipart), not on reads
    if (sse.context() != null) headers.put(SseHeaders.CONTEXT, sse.context());
    return new ObjectEncryption.Plan(attrs, new DataEncryption(dataKey, false), headers);
  }

  /** The data key of {@code bucket/key}, whose metadata {@code md} says it is SSE-KMS. */
  DataKey open(String bucket, String key, ObjectMetadata md) throws IOException {
    KeyService service = service();
    // plan() writes the key's ARN with every SSE-KMS object's sealed data key
    String arn =
        Objects.requireNonNull(md.attribute(ObjectAttributes.SSE_KMS_KEY), "SSE-KMS names its key");
    int version = Integer.parseInt(md.attribute(ObjectAttributes.SSE_KMS_VERSION));
    byte[] sealed = Base64.getDecoder().decode(md.attribute(ObjectAttributes.SSE_SEALED_KEY));
    String keyId = arn.substring(arn.lastIndexOf('/') + 1);
    String context = context(bucket, key, md.attribute(ObjectAttributes.SSE_KMS_CONTEXT));
    return call(() -> service.open(keyId, version, sealed, context));
  }

  /** The response headers of an SSE-KMS object whose attributes {@code attribute} reads. */
  static Map<String, String> headers(java.util.function.Function<String, String> attribute) {
    Map<String, String> h = new LinkedHashMap<>();
    h.put(SseHeaders.SSE, attribute.apply(ObjectAttributes.SSE));
    h.put(SseHeaders.KMS_KEY_ID, attribute.apply(ObjectAttributes.SSE_KMS_KEY));
    if ("true".equals(attribute.apply(ObjectAttributes.SSE_BUCKET_KEY))) {
      h.put(SseHeaders.BUCKET_KEY, "true");
    }
    return h;
  }

  /** Whether {@code mode} (the {@link ObjectAttributes#SSE} attribute) is SSE-KMS. */
  static boolean isKms(@Nullable String mode) {
    return SseHeaders.KMS.equals(mode) || SseHeaders.KMS_DSSE.equals(mode);
  }

  private KeyService service() {
    if (kms == null) {
      throw new S3Exception(
          S3ErrorCode.NOT_IMPLEMENTED,
          "SSE-KMS needs DFS's key service,"
              + " which needs a master key, an identity store and an engine with encryption at rest.");
    }
    return kms;
  }

  @FunctionalInterface
  private interface KmsCall<T> {
    T run() throws IOException;
  }

  private static <T> T call(KmsCall<T> work) throws IOException {
    try {
      return work.run();
    } catch (KmsException e) {
      throw switch (e.reason()) {
        case NOT_FOUND -> new S3Exception(S3ErrorCode.KMS_NOT_FOUND, e.getMessage());
        case DISABLED -> new S3Exception(S3ErrorCode.KMS_DISABLED, e.getMessage());
        case INVALID -> S3Exception.invalidArgument(e.getMessage(), SseHeaders.KMS_KEY_ID, null);
      };
    }
  }

  private static String context(String bucket, String key, @Nullable String encryptionContext) {
    return "dfs sse-kms v1\u0000"
        + bucket
        + "\u0000"
        + key
        + "\u0000"
        + (encryptionContext == null ? "" : encryptionContext);
  }
}
