package dev.dfs.s3;

import dev.dfs.store.ObjectStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Bucket default encryption: Get/Put/DeleteBucketEncryption ({@code ?encryption}). The
 * configuration is stored as its XML document under {@value ObjectEncryption#BUCKET_DOCUMENT};
 * objects written without encryption headers into such a bucket are encrypted with SSE-S3
 * ({@link ObjectEncryption#forWrite}). Thread-safe.
 */
final class EncryptionHandlers {
  private final ObjectStore store;

  EncryptionHandlers(ObjectStore store) {
    this.store = store;
  }

  void getBucketEncryption(S3Exchange ex) throws IOException {
    String doc = store.bucketConfig(ex.bucket(), ObjectEncryption.BUCKET_DOCUMENT)
        .orElseThrow(() -> new S3Exception(S3ErrorCode.SSE_CONFIGURATION_NOT_FOUND)
            .with("BucketName", ex.bucket()));
    ex.sendXml(200, EncryptionConfig.parse(doc.getBytes(StandardCharsets.UTF_8)).toXml());
  }

  void putBucketEncryption(S3Exchange ex) throws IOException {
    byte[] body = ChecksumHeaders.verifiedXmlBody(ex, false);
    EncryptionConfig config = EncryptionConfig.parse(body);
    if (!store.supportsEncryption()) {
      throw new S3Exception(S3ErrorCode.NOT_IMPLEMENTED, "The " + store.engineName()
          + " engine does not implement server-side encryption.");
    }
    store.putBucketConfig(ex.bucket(), ObjectEncryption.BUCKET_DOCUMENT,
        new String(config.toXml().toBytes(), StandardCharsets.UTF_8));
    ex.sendEmpty(200);
  }

  void deleteBucketEncryption(S3Exchange ex) throws IOException {
    store.putBucketConfig(ex.bucket(), ObjectEncryption.BUCKET_DOCUMENT, null);
    ex.sendEmpty(204);
  }
}
