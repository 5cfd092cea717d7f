package dev.dfs.store;

/** Why a storage operation was refused. The protocol layer maps each to its wire error. */
public enum StoreError {
  NO_SUCH_BUCKET,
  /** CreateBucket on a bucket that already exists (single-tenant: always owned by the caller). */
  BUCKET_ALREADY_OWNED_BY_YOU,
  /** DeleteBucket on a bucket that still holds objects or open multipart uploads. */
  BUCKET_NOT_EMPTY,
  NO_SUCH_KEY,
  /** A version id that is well-formed but names no version of the key. */
  NO_SUCH_VERSION,
  /**
   * GET or HEAD of a version that is a delete marker ({@link StoreException#deleteMarker()}
   * describes it); S3 answers 405.
   */
  DELETE_MARKER,
  /** The operation is refused on this object (e.g. a retained Object Lock version). */
  ACCESS_DENIED,
  /** The request is invalid in the bucket's state (e.g. Object Lock on a bucket without it). */
  INVALID_REQUEST,
  NO_SUCH_UPLOAD,
  /** A part named in CompleteMultipartUpload does not exist or its ETag differs. */
  INVALID_PART,
  /** Parts in CompleteMultipartUpload are not in ascending order. */
  INVALID_PART_ORDER,
  /** A part other than the last is smaller than the minimum part size. */
  ENTITY_TOO_SMALL,
  /** Content-MD5 (or an x-amz-checksum-* value) does not match the bytes received. */
  BAD_DIGEST,
  /** A requested byte range does not overlap the object. */
  INVALID_RANGE,
  /** The object (or part) is larger than allowed. */
  ENTITY_TOO_LARGE,
  /** Stored data failed its integrity check while being read. */
  CORRUPT_DATA,
  /** A write's precondition ({@link WriteCondition}) did not hold. */
  PRECONDITION_FAILED,
  /** A conditional write lost against a concurrent delete of the object. */
  CONDITIONAL_CONFLICT,
  /** Any other invalid argument detected by the engine (message says which). */
  INVALID_ARGUMENT,
  /** The engine (for a gateway: its upstream) cannot do what was asked (message says what). */
  NOT_IMPLEMENTED,
  /** CreateBucket on a name that is taken by someone else (a gateway's upstream says so). */
  BUCKET_ALREADY_EXISTS,
  /** The engine is temporarily unable to serve (a gateway's upstream throttles or is down). */
  UNAVAILABLE,
  /**
   * The data volume is full (or would eat into the space kept for deletes): new data is refused
   * until space is freed; nothing was stored (message says how much is free).
   */
  INSUFFICIENT_STORAGE
}
