package dev.dfs.authz.acl;

import dev.dfs.authz.BucketOwner;
import dev.dfs.store.ObjectAttributes;
import dev.dfs.store.ObjectMetadata;
import dev.dfs.store.ObjectStore;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Where the access-control settings live and how they are read back, in one place.
 *
 * <ul>
 *   <li>bucket ACL: bucket configuration document {@value #BUCKET_ACL} (absent: private for
 *       the bucket owner);
 *   <li>Object Ownership: document {@value #OWNERSHIP}, the wire name (absent:
 *       {@link ObjectOwnership#DEFAULT});
 *   <li>Public Access Block: document {@value #PUBLIC_ACCESS_BLOCK} (absent: nothing blocked);
 *   <li>object ACL and owner: the object's system attributes {@link ObjectAttributes#ACL} and
 *       {@link ObjectAttributes#OWNER} (absent: private, owned by the bucket owner).
 * </ul>
 *
 * Readers treat an engine that keeps no such documents (the gateway: no capability) as
 * having none of the documents; NO_SUCH_BUCKET propagates. Thread-safe (stateless).
 */
public final class AclDocuments {
  public static final String BUCKET_ACL = "acl";
  public static final String OWNERSHIP = "ownershipControls";
  public static final String PUBLIC_ACCESS_BLOCK = "publicAccessBlock";

  private AclDocuments() {}

  /** The stored Object Ownership setting, or empty when the bucket has none. */
  public static Optional<ObjectOwnership> storedOwnership(ObjectStore store, String bucket)
      throws IOException {
    return document(store, bucket, OWNERSHIP).map(v -> ObjectOwnership.fromWire(v)
        .orElseThrow(() -> new IllegalStateException("bad stored ownership " + v)));
  }

  /** The Object Ownership the bucket behaves by (the default when none is stored). */
  public static ObjectOwnership ownership(ObjectStore store, String bucket) throws IOException {
    return storedOwnership(store, bucket).orElse(ObjectOwnership.DEFAULT);
  }

  /** The stored Public Access Block, or empty when the bucket has none. */
  public static Optional<PublicAccessBlock> storedPublicAccessBlock(
      ObjectStore store, String bucket) throws IOException {
    return document(store, bucket, PUBLIC_ACCESS_BLOCK).map(PublicAccessBlock::decode);
  }

  /** The Public Access Block the bucket behaves by ({@link PublicAccessBlock#NONE} if none). */
  public static PublicAccessBlock publicAccessBlock(ObjectStore store, String bucket)
      throws IOException {
    return storedPublicAccessBlock(store, bucket).orElse(PublicAccessBlock.NONE);
  }

  /** The bucket's ACL: the stored one, else private for {@code bucketOwner}. */
  public static AccessControlList bucketAcl(ObjectStore store, String bucket, String bucketOwner)
      throws IOException {
    return document(store, bucket, BUCKET_ACL).map(AccessControlList::decode)
        .orElseGet(() -> AccessControlList.privateFor(bucketOwner));
  }

  /** The bucket's ACL, with its owner looked up. */
  public static AccessControlList bucketAcl(ObjectStore store, String bucket) throws IOException {
    return bucketAcl(store, bucket, BucketOwner.of(store, bucket));
  }

  /** The owner of an object with metadata {@code m} in a bucket owned by {@code bucketOwner}. */
  public static String objectOwner(ObjectMetadata m, String bucketOwner) {
    String owner = m.attribute(ObjectAttributes.OWNER);
    return owner == null ? bucketOwner : owner;
  }

  /** The object's ACL as stored in {@code m}, else private for its owner. */
  public static AccessControlList objectAcl(ObjectMetadata m, String bucketOwner) {
    String stored = m.attribute(ObjectAttributes.ACL);
    String owner = objectOwner(m, bucketOwner);
    return stored == null ? AccessControlList.privateFor(owner) : AccessControlList.decode(stored);
  }

  /**
   * {@code m} with the ACL attributes of an object owned by {@code owner} with {@code acl}:
   * each attribute is written only when it differs from the default (the owner when it is not
   * the bucket owner, the ACL when it is not private for the owner) and removed otherwise.
   * Other attributes are kept.
   */
  public static ObjectMetadata withObjectAcl(
      ObjectMetadata m, String owner, String bucketOwner, AccessControlList acl) {
    Map<String, String> attributes = new HashMap<>(m.attributes());
    attributes.remove(ObjectAttributes.ACL);
    attributes.remove(ObjectAttributes.OWNER);
    if (!owner.equals(bucketOwner)) attributes.put(ObjectAttributes.OWNER, owner);
    if (!acl.withOwner(owner).equals(AccessControlList.privateFor(owner))) {
      attributes.put(ObjectAttributes.ACL, acl.withOwner(owner).encode());
    }
    return m.withAttributes(attributes);
  }

  /** {@code m} without ACL attributes: private, owned by the bucket owner. */
  public static ObjectMetadata withoutObjectAcl(ObjectMetadata m) {
    if (m.attribute(ObjectAttributes.ACL) == null && m.attribute(ObjectAttributes.OWNER) == null) {
      return m;
    }
    Map<String, String> attributes = new HashMap<>(m.attributes());
    attributes.remove(ObjectAttributes.ACL);
    attributes.remove(ObjectAttributes.OWNER);
    return m.withAttributes(attributes);
  }

  private static Optional<String> document(ObjectStore store, String bucket, String name)
      throws IOException {
    return dev.dfs.store.BucketConfig.find(store, bucket, name);
  }
}
