package dev.dfs.store;

import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * One UploadPart (or UploadPartCopy) call.
 *
 * @param size exact body size, or -1 if unknown
 * @param expectedMd5 Content-MD5 to check (16 raw bytes) or null
 * @param expectedChecksum the part's claimed checksum (base64) in the upload's algorithm, read only
 *     after the body ended; may return null
 * @param encryption store the part encrypted with this key (required exactly when the upload was
 *     created with {@link ObjectAttributes#CIPHER}), or null
 */
public record PartUploadRequest(
    String bucket,
    String key,
    String uploadId,
    int partNumber,
    long size,
    byte @Nullable [] expectedMd5,
    @Nullable Supplier<String> expectedChecksum,
    @Nullable DataEncryption encryption) {
  public PartUploadRequest {
    if (expectedChecksum == null) expectedChecksum = () -> null;
  }

  /** A plaintext part. */
  public PartUploadRequest(
      String bucket,
      String key,
      String uploadId,
      int partNumber,
      long size,
      byte[] expectedMd5,
      Supplier<String> expectedChecksum) {
    this(bucket, key, uploadId, partNumber, size, expectedMd5, expectedChecksum, null);
  }
}
