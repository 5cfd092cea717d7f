package dev.dfs.authz.acl;

import java.util.Optional;

/**
 * A bucket's Object Ownership setting (S3 "bucket ownership controls").
 *
 * <ul>
 *   <li>{@link #BUCKET_OWNER_ENFORCED}: ACLs are disabled; the bucket owner owns every object and
 *       only the owner's policies decide. What a bucket without the setting behaves as ({@link
 *       #DEFAULT}); new buckets get the server's DFS_DEFAULT_OBJECT_OWNERSHIP (S3's default since
 *       April 2023 is this one).
 *   <li>{@link #BUCKET_OWNER_PREFERRED}: ACLs apply; an object written with the canned ACL {@code
 *       bucket-owner-full-control} is owned by the bucket owner, others by the writer.
 *   <li>{@link #OBJECT_WRITER}: ACLs apply; the writer owns the object.
 * </ul>
 */
public enum ObjectOwnership {
  BUCKET_OWNER_ENFORCED("BucketOwnerEnforced"),
  BUCKET_OWNER_PREFERRED("BucketOwnerPreferred"),
  OBJECT_WRITER("ObjectWriter");

  /** What a bucket without the setting behaves as. */
  public static final ObjectOwnership DEFAULT = BUCKET_OWNER_ENFORCED;

  private final String wireName;

  ObjectOwnership(String wireName) {
    this.wireName = wireName;
  }

  /** The value in XML and in {@code x-amz-object-ownership}. */
  public String wireName() {
    return wireName;
  }

  /** Whether ACLs are honoured under this setting. */
  public boolean aclsEnabled() {
    return this != BUCKET_OWNER_ENFORCED;
  }

  /** The setting with that wire name (exact), or empty. */
  public static Optional<ObjectOwnership> fromWire(String value) {
    if (value == null) return Optional.empty();
    for (ObjectOwnership o : values()) {
      if (o.wireName.equals(value.strip())) return Optional.of(o);
    }
    return Optional.empty();
  }
}
