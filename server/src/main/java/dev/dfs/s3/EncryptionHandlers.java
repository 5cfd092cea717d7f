package dev.dfs.s3;

import dev.dfs.store.ObjectStore;

/**
 * Bucket default encryption: Get/Put/DeleteBucketEncryption ({@code ?encryption}). The
 * configuration is stored as its XML document under {@value ObjectEncryption#BUCKET_DOCUMENT};
 * objects written without encryption headers into such a bucket are encrypted with SSE-S3 ({@link
 * ObjectEncryption#forWrite}). Thread-safe.
 */
final class EncryptionHandlers implements BucketConfigHandler.Document<EncryptionConfig> {
  @Override
  public String name() {
    return ObjectEncryption.BUCKET_DOCUMENT;
  }

  @Override
  public S3ErrorCode notFound() {
    return S3ErrorCode.SSE_CONFIGURATION_NOT_FOUND;
  }

  @Override
  public EncryptionConfig fromXml(byte[] xml) {
    return EncryptionConfig.parse(xml);
  }

  @Override
  public XmlOut toXml(EncryptionConfig value) {
    return value.toXml();
  }

  @Override
  public void checkPut(ObjectStore store, S3Exchange ex, EncryptionConfig value) {
    if (!store.supportsEncryption()) {
      throw new S3Exception(
          S3ErrorCode.NOT_IMPLEMENTED,
          "The " + store.engineName() + " engine does not implement server-side encryption.");
    }
  }
}
