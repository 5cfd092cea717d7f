package dev.dfs.authz.acl;

import dev.dfs.authz.BucketOwner;
import dev.dfs.authz.BucketSettings;
import dev.dfs.store.ObjectAttributes;
import dev.dfs.store.ObjectMetadata;
import dev.dfs.store.ObjectStore;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where the access-control settings live and how they are read back, in one place.
 *
 * <ul>
 *   <li>bucket ACL: bucket configuration document {@value #BUCKET_ACL} (absent: private for the
 *       bucket owner);
 *   <li>Object Ownership: document {@value #OWNERSHIP}, the wire name (absent: {@link
 *       ObjectOwnership#DEFAULT});
 *   <li>Public Access Block: document {@value #PUBLIC_ACCESS_BLOCK} (absent: nothing blocked);
 *   <li>object ACL and owner: the object's system attributes {@link ObjectAttributes#ACL} and
 *       {@link ObjectAttributes#OWNER} (absent: private, owned by the bucket owner).
 * </ul>
 *
 * Readers treat an engine that keeps no such documents (the gateway: no capability) as having none
 * of the documents; NO_SUCH_BUCKET propagates. Thread-safe (stateless).
 */
public final class AclDocuments {
  public static final String BUCKET_ACL = "acl";
  public static final String OWNERSHIP = "ownershipControls";
  public static final String PUBLIC_ACCESS_BLOCK = "publicAccessBlock";

  /** The documents {@link #settings} reads: the owner, ownership, Public Access Block, ACL. */
  public static final List<String> ACCESS_DOCUMENTS =
      List.of(BucketOwner.CONFIG_NAME, OWNERSHIP, PUBLIC_ACCESS_BLOCK, BUCKET_ACL);

  private AclDocuments() {}

  /** The bucket's access settings, read in one lookup ({@link ObjectStore#bucketDocuments}). */
  public static BucketSettings settings(ObjectStore store, String bucket) throws IOException {
    Map<String, String> documents = store.bucketDocuments(bucket, ACCESS_DOCUMENTS);
    PublicAccessBlock block = publicAccessBlock(documents);
    return new BucketSettings(
        BucketOwner.of(documents),
        ownership(documents).aclsEnabled(),
        block.ignorePublicAcls(),
        block.restrictPublicBuckets(),
        Optional.ofNullable(documents.get(BUCKET_ACL)));
  }

  /** The Object Ownership among a bucket's documents (the default when none is stored). */
  public static ObjectOwnership ownership(Map<String, String> documents) {
    String stored = documents.get(OWNERSHIP);
    return stored == null ? ObjectOwnership.DEFAULT : decodeOwnership(stored);
  }

  /**
   * The Public Access Block among a bucket's documents ({@link PublicAccessBlock#NONE} if none).
   */
  public static PublicAccessBlock publicAccessBlock(Map<String, String> documents) {
    String stored = documents.get(PUBLIC_ACCESS_BLOCK);
    return stored == null ? PublicAccessBlock.NONE : PublicAccessBlock.decode(stored);
  }

  /** The bucket's ACL from its stored document, else private for {@code bucketOwner}. */
  public static AccessControlList bucketAcl(Optional<String> stored, String bucketOwner) {
    return stored
        .map(AccessControlList::decode)
        .orElseGet(() -> AccessControlList.privateFor(bucketOwner));
  }

  private static ObjectOwnership decodeOwnership(String stored) {
    return ObjectOwnership.fromWire(stored)
        .orElseThrow(() -> new IllegalStateException("bad stored ownership " + stored));
  }

  /** The stored Object Ownership setting, or empty when the bucket has none. */
  public static Optional<ObjectOwnership> storedOwnership(ObjectStore store, String bucket)
      throws IOException {
    return document(store, bucket, OWNERSHIP).map(AclDocuments::decodeOwnership);
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
    return bucketAcl(document(store, bucket, BUCKET_ACL), bucketOwner);
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
   * {@code m} with the ACL attributes of an object owned by {@code owner} with {@code acl}: each
   * attribute is written only when it differs from the default (the owner when it is not the bucket
   * owner, the ACL when it is not private for the owner) and removed otherwise. Other attributes
   * are kept.
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
