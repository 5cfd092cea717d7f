package dev.dfs.store;

import dev.dfs.util.ChecksumAlgorithm;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * What to store under a key, besides the bytes.
 *
 * @param size the exact number of body bytes to expect, or -1 if unknown (the stream's end decides)
 * @param expectedMd5 the Content-MD5 digest (raw 16 bytes) to check, or null
 * @param checksumAlgorithm the additional checksum to compute and store, or null
 * @param expectedChecksum supplies the base64 value the client claimed for that checksum, or null
 *     if it claimed none; it is called only after the body has been read to its end (a trailer
 *     arrives after the data), and before anything is committed
 * @param condition a precondition checked atomically with the commit ({@link WriteCondition#NONE}
 *     for none)
 * @param encryption store the data encrypted with this key, or null for plaintext
 */
public record PutObjectRequest(
    String bucket,
    String key,
    long size,
    ObjectMetadata metadata,
    byte @Nullable [] expectedMd5,
    @Nullable ChecksumAlgorithm checksumAlgorithm,
    @Nullable Supplier<String> expectedChecksum,
    @Nullable WriteCondition condition,
    @Nullable DataEncryption encryption) {

  public PutObjectRequest {
    if (metadata == null) metadata = ObjectMetadata.empty();
    if (expectedChecksum == null) expectedChecksum = () -> null;
    if (condition == null) condition = WriteCondition.NONE;
  }

  /** A plaintext write. */
  public PutObjectRequest(
      String bucket,
      String key,
      long size,
      ObjectMetadata metadata,
      byte @Nullable [] expectedMd5,
      @Nullable ChecksumAlgorithm checksumAlgorithm,
      @Nullable Supplier<String> expectedChecksum,
      WriteCondition condition) {
    this(
        bucket,
        key,
        size,
        metadata,
        expectedMd5,
        checksumAlgorithm,
        expectedChecksum,
        condition,
        null);
  }

  /** An unconditional write. */
  public PutObjectRequest(
      String bucket,
      String key,
      long size,
      ObjectMetadata metadata,
      byte @Nullable [] expectedMd5,
      @Nullable ChecksumAlgorithm checksumAlgorithm,
      @Nullable Supplier<String> expectedChecksum) {
    this(
        bucket,
        key,
        size,
        metadata,
        expectedMd5,
        checksumAlgorithm,
        expectedChecksum,
        WriteCondition.NONE);
  }

  /** The same request with a precondition. */
  public PutObjectRequest withCondition(WriteCondition c) {
    return new PutObjectRequest(
        bucket,
        key,
        size,
        metadata,
        expectedMd5,
        checksumAlgorithm,
        expectedChecksum,
        c,
        encryption);
  }

  /** The same request, stored encrypted with {@code e} (null: plaintext). */
  public PutObjectRequest withEncryption(DataEncryption e) {
    return new PutObjectRequest(
        bucket,
        key,
        size,
        metadata,
        expectedMd5,
        checksumAlgorithm,
        expectedChecksum,
        condition,
        e);
  }

  public static PutObjectRequest simple(String bucket, String key, long size) {
    return new PutObjectRequest(bucket, key, size, ObjectMetadata.empty(), null, null, null);
  }
}
