package dev.dfs.store;

/**
 * Names of the system attributes kept in {@link ObjectMetadata#attributes()}. One place lists them
 * so features cannot collide; each name belongs to the feature that documents it here. Engines
 * store attributes opaquely; only the protocol layer interprets them.
 */
public final class ObjectAttributes {
  /**
   * The object's access control list in the ACL feature's stored form ({@code
   * dev.dfs.authz.acl.AccessControlList#encode}). Absent: the default private ACL (the object's
   * owner has FULL_CONTROL).
   */
  public static final String ACL = "acl";

  /**
   * The user id of the object's owner (the writer, under the ObjectWriter and BucketOwnerPreferred
   * ownership settings). Absent: the bucket owner owns the object.
   */
  public static final String OWNER = "owner";

  /**
   * Encryption at rest: present on every object (and multipart upload) whose data is stored
   * encrypted ({@link DataEncryption}); its value names the at-rest format ({@link
   * #CIPHER_FORMAT}). Engines set it on objects they write encrypted and check it on uploads (whose
   * creator sets it) so plaintext and ciphertext parts never mix.
   */
  public static final String CIPHER = "cipher";

  /** The value of {@link #CIPHER} for {@link dev.dfs.crypto.BlockLayout} v1. */
  public static final String CIPHER_FORMAT = "aes256-gcm-64k/1";

  /**
   * Server-side encryption mode as S3 names it: {@code AES256} (SSE-S3), {@code aws:kms} or {@code
   * aws:kms:dsse} (SSE-KMS) or {@code SSE-C}.
   */
  public static final String SSE = "sse";

  /** SSE-S3: the object's data key sealed by the master key (base64). */
  public static final String SSE_SEALED_KEY = "sse.sealed-key";

  /** SSE-KMS: the ARN of the KMS key whose material sealed {@link #SSE_SEALED_KEY}. */
  public static final String SSE_KMS_KEY = "sse-kms.key";

  /** SSE-KMS: the version of that key's material (decimal). */
  public static final String SSE_KMS_VERSION = "sse-kms.version";

  /** SSE-KMS: the encryption context as the client sent it (base64 JSON), bound to the key. */
  public static final String SSE_KMS_CONTEXT = "sse-kms.context";

  /** SSE-KMS: {@code true} when the write asked for an S3 Bucket Key (echoed in responses). */
  public static final String SSE_BUCKET_KEY = "sse.bucket-key";

  /** SSE-C: the random salt (base64) from which the data key and verifier are derived. */
  public static final String SSE_C_SALT = "sse-c.salt";

  /** SSE-C: HMAC of the salt under the customer's key (base64), to tell a wrong key apart. */
  public static final String SSE_C_VERIFIER = "sse-c.verifier";

  /**
   * Object Lock retention mode of a version: {@code GOVERNANCE} or {@code COMPLIANCE}; absent when
   * the version has no retention. Always set together with {@link #LOCK_RETAIN_UNTIL}.
   */
  public static final String LOCK_MODE = "object-lock-mode";

  /** Object Lock retain-until date of a version, ISO-8601 UTC ({@code Instant.toString()}). */
  public static final String LOCK_RETAIN_UNTIL = "object-lock-retain-until";

  /** Object Lock legal hold of a version: {@code ON} or {@code OFF}; absent when never set. */
  public static final String LOCK_LEGAL_HOLD = "object-lock-legal-hold";

  /**
   * The upload id of the multipart upload a version was completed from, set by the engine on
   * completion, so a retried CompleteMultipartUpload (after a lost response) finds its result
   * ({@link ObjectStore#completedUpload}). Absent on single-PUT and copied objects.
   */
  public static final String COMPLETED_UPLOAD = "multipart.upload-id";

  /**
   * The additional checksum of each part of a multipart object, in part order, base64 and
   * comma-separated ({@code ,} is not a base64 character), in the algorithm of the object's {@link
   * ObjectInfo#checksum()}. Set by the engine on completion when every part has one, so
   * GetObjectAttributes can list them; absent otherwise. Meaningful only while the object's part
   * count equals the number of values (a copy of the object is not multipart).
   */
  public static final String PART_CHECKSUMS = "multipart.part-checksums";

  /**
   * Storage tiers: the name of the tier that holds the version's bytes (absent: the engine's own
   * storage). Set by the engine only, in the same commit that drops its local copy.
   */
  public static final String TIER = "tier";

  /** Storage tiers: the key of the version's bytes in its {@link #TIER}. */
  public static final String TIER_KEY = "tier.key";

  /** Storage tiers: how many bytes the tier copy holds (decimal; ciphertext when encrypted). */
  public static final String TIER_STORED_SIZE = "tier.stored-size";

  /**
   * RestoreObject of an archived version: {@code ongoing}, or the epoch milliseconds at which the
   * restored copy expires. Absent: never restored (or the restored copy expired).
   */
  public static final String TIER_RESTORE = "tier.restore";

  /**
   * Intelligent-Tiering: the access tier ({@link dev.dfs.store.tier.AccessTier} name) of an {@code
   * INTELLIGENT_TIERING} version whose bytes live in a {@link #TIER}. Absent with a tier:
   * INFREQUENT; absent without one: FREQUENT (local disk). Set by the engine in the commit that
   * moves the bytes.
   */
  public static final String TIER_ACCESS = "tier.access";

  /**
   * Access tracking: the epoch milliseconds of the version's last read, written in batches by the
   * engine's access log (the last few seconds of reads may be lost in a crash). Absent: never read
   * since tracking began (the last write counts).
   */
  public static final String LAST_ACCESS = "access.last";

  private ObjectAttributes() {}
}
