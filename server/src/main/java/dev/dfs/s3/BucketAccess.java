package dev.dfs.s3;

import dev.dfs.authz.BucketOwner;
import dev.dfs.authz.acl.AccessControlList;
import dev.dfs.authz.acl.AclDocuments;
import dev.dfs.authz.acl.CannedAcl;
import dev.dfs.authz.acl.ObjectOwnership;
import dev.dfs.store.ObjectStore;
import java.io.IOException;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The access settings a CreateBucket request states: its owner (the signed user; root for anonymous
 * or root requests), {@code x-amz-object-ownership} (default: the server's
 * DFS_DEFAULT_OBJECT_OWNERSHIP) and {@code x-amz-acl} / {@code x-amz-grant-*}. Checked before the
 * bucket is created: a non-private ACL with BucketOwnerEnforced is 400
 * InvalidBucketAclWithObjectOwnership, as S3 answers it; a grant to an unknown user id is 400
 * InvalidArgument. Immutable.
 *
 * @param explicit whether the request named the ownership (an engine without bucket configuration
 *     then refuses anything but the default instead of ignoring it)
 */
record BucketAccess(
    String owner,
    ObjectOwnership ownership,
    AccessControlList acl,
    boolean explicit,
    AclHeaders.Requested requested) {

  /**
   * @param defaultOwnership the ownership of a bucket whose request names none
   */
  static BucketAccess fromRequest(
      S3Exchange ex, @Nullable ObjectOwnership defaultOwnership, AclRules rules) {
    AclHeaders.Requested req = AclHeaders.parse(ex::header);
    String header = ex.header("x-amz-object-ownership");
    ObjectOwnership ownership =
        header == null
            ? Objects.requireNonNullElse(defaultOwnership, ObjectOwnership.DEFAULT)
            : ObjectOwnership.fromWire(header)
                .orElseThrow(
                    () ->
                        S3Exception.invalidArgument(
                            "Invalid x-amz-object-ownership header",
                            "x-amz-object-ownership",
                            header));
    String owner =
        AclRules.writesForBucketOwner(ex.principal()) ? BucketOwner.ROOT : ex.principal().userId();
    AccessControlList acl = req.toAcl(owner, owner);
    if (!ownership.aclsEnabled()
        && req.canned() != CannedAcl.BUCKET_OWNER_FULL_CONTROL
        && !acl.onlyFullControlFor(owner)) {
      throw new S3Exception(S3ErrorCode.INVALID_BUCKET_ACL_WITH_OBJECT_OWNERSHIP);
    }
    rules.checkGrantees(acl, owner);
    return new BucketAccess(owner, ownership, acl, header != null, req);
  }

  /**
   * Whether the existing bucket already has what this request asks for: the same ACL (a request
   * without ACL headers asks for private) and, when the request names one, the same Object
   * Ownership. The legacy us-east-1 answer to re-creating one's own bucket (200) is given only
   * then; a request that would change the bucket is 409 BucketAlreadyOwnedByYou.
   */
  boolean matches(ObjectStore store, String bucket) throws IOException {
    String existingOwner = BucketOwner.of(store, bucket);
    AccessControlList wanted = requested.toAcl(existingOwner, existingOwner);
    if (!wanted.equals(AclDocuments.bucketAcl(store, bucket, existingOwner))) return false;
    return !explicit || AclDocuments.ownership(store, bucket) == ownership;
  }

  /**
   * Stores the settings of the bucket just created: the owner, the ownership document (an engine
   * without bucket configuration keeps only the default) and a non-private ACL.
   */
  void record(ObjectStore store, String bucket) throws IOException {
    BucketOwner.record(store, bucket, owner); // nothing on an engine without owner documents
    // without bucket configuration every bucket behaves as the default; only a request that
    // asked for another ownership is told so (NotImplemented)
    if (store.bucketConfig(AclDocuments.OWNERSHIP).isPresent()
        || (explicit && ownership != ObjectOwnership.DEFAULT)) {
      EngineCapabilities.bucketConfig(store, AclDocuments.OWNERSHIP)
          .put(bucket, ownership.wireName());
    }
    if (!acl.equals(AccessControlList.privateFor(owner))) {
      EngineCapabilities.bucketConfig(store, AclDocuments.BUCKET_ACL).put(bucket, acl.encode());
    }
  }
}
