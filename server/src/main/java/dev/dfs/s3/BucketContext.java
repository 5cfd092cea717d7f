package dev.dfs.s3;

import dev.dfs.authz.BucketSettings;
import dev.dfs.authz.acl.AccessControlList;
import dev.dfs.authz.acl.AclDocuments;
import dev.dfs.authz.acl.ObjectOwnership;
import dev.dfs.authz.acl.PublicAccessBlock;
import dev.dfs.lifecycle.LifecycleConfiguration;
import dev.dfs.store.BucketQuota;
import java.util.Optional;

/**
 * The configuration of the bucket one S3 request addresses, loaded once for the request ({@link
 * BucketContexts}: one lookup of the bucket's documents) and read by everything that decides the
 * request, in this order: the authorizer ({@link #access()}), the rules (ACLs and Object Ownership,
 * Block Public Access, Object Lock, default encryption, quota) and the handler (lifecycle expiry
 * headers, CORS headers). Nothing on the request path looks the bucket's configuration up again, so
 * they all see one state. Immutable.
 *
 * <p>The bucket's versioning state is not here: the engine applies it inside each write, and the S3
 * layer reads it only for a quota of an unversioned bucket and the versioning operations. Its
 * policy is not either: the authorizer's policy source keeps each bucket's parsed policy.
 *
 * @param name the bucket's name
 * @param owner the owner's user id (root when none is recorded)
 * @param ownership the Object Ownership the bucket behaves by
 * @param publicAccessBlock the Block Public Access settings it behaves by
 * @param storedAcl its ACL document as stored, or empty (private for the owner)
 * @param objectLock its Object Lock configuration, or empty when it has no Object Lock
 * @param defaultEncryption its default encryption, or empty (also on engines without encryption at
 *     rest)
 * @param quota its quota, or empty
 * @param lifecycle its lifecycle configuration as recently seen ({@link LifecycleConfigs#cached}),
 *     or empty
 * @param cors its CORS configuration, read only for a request that carries an {@code Origin} header
 *     (browsers' requests and preflights); empty otherwise
 */
record BucketContext(
    String name,
    String owner,
    ObjectOwnership ownership,
    PublicAccessBlock publicAccessBlock,
    Optional<String> storedAcl,
    Optional<ObjectLockXml.Config> objectLock,
    Optional<EncryptionConfig> defaultEncryption,
    Optional<BucketQuota> quota,
    Optional<LifecycleConfiguration> lifecycle,
    Optional<CorsConfig> cors) {

  /** What the authorizer and its grant sources read of this bucket. */
  BucketSettings access() {
    return new BucketSettings(
        owner,
        ownership.aclsEnabled(),
        publicAccessBlock.ignorePublicAcls(),
        publicAccessBlock.restrictPublicBuckets(),
        storedAcl);
  }

  /** The bucket's ACL: the stored one, else private for the owner. */
  AccessControlList bucketAcl() {
    return AclDocuments.bucketAcl(storedAcl, owner);
  }

  /** Whether the bucket has Object Lock. */
  boolean objectLockEnabled() {
    return objectLock.isPresent();
  }
}
