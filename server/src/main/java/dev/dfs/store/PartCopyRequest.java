package dev.dfs.store;

import org.jspecify.annotations.Nullable;

/**
 * One UploadPartCopy ({@link ObjectStore#uploadPartCopy}): {@code range} of {@code source} becomes
 * part {@code part.partNumber()} of an open upload.
 *
 * @param range the bytes of the source to copy, or null for all of them
 */
public record PartCopyRequest(
    PartUploadRequest part, ReadRequest source, @Nullable ByteRange range) {

  /** Copies {@code range} (null: all) of the current plaintext object {@code srcBucket/srcKey}. */
  public static PartCopyRequest of(
      PartUploadRequest part, String srcBucket, String srcKey, ByteRange range) {
    return new PartCopyRequest(part, ReadRequest.of(srcBucket, srcKey), range);
  }
}
