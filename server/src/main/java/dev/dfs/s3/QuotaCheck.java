package dev.dfs.s3;

import dev.dfs.store.BucketQuota;

/**
 * One write's view of a bucket's quota: the limits and the usage that stays whatever the write does
 * (stored usage minus what the write replaces). Pure and immutable.
 *
 * @param bytes stored bytes the write leaves in place
 * @param objects stored objects the write leaves in place
 */
record QuotaCheck(String bucket, BucketQuota quota, long bytes, long objects) {

  /**
   * Whether the bucket stays within its quota with {@code pendingBytes} and {@code pendingObjects}
   * more.
   */
  boolean allows(long pendingBytes, long pendingObjects) {
    return (!quota.limitsBytes() || bytes + pendingBytes <= quota.maxBytes())
        && (!quota.limitsObjects() || objects + pendingObjects <= quota.maxObjects());
  }

  /** Throws QuotaExceeded, naming the limit, unless {@link #allows}. */
  void require(long pendingBytes, long pendingObjects, long writeBytes) {
    if (allows(pendingBytes, pendingObjects)) return;
    throw new S3Exception(
            S3ErrorCode.QUOTA_EXCEEDED, message(pendingBytes, pendingObjects, writeBytes))
        .with("BucketName", bucket);
  }

  /** Why a write over the quota is refused: which limit, and the figures. */
  String message(long pendingBytes, long pendingObjects, long writeBytes) {
    if (quota.limitsObjects() && objects + pendingObjects > quota.maxObjects()) {
      return "Bucket '"
          + bucket
          + "' has reached its quota of "
          + quota.maxObjects()
          + " objects (it holds "
          + objects
          + "; writes in progress add "
          + pendingObjects
          + ").";
    }
    return "Bucket '"
        + bucket
        + "' quota of "
        + quota.maxBytes()
        + " bytes would be exceeded:"
        + " it holds "
        + bytes
        + " bytes, writes in progress "
        + (pendingBytes - writeBytes)
        + " and this write "
        + writeBytes
        + ".";
  }
}
