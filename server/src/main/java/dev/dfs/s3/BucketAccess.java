package dev.dfs.s3;

import dev.dfs.authz.BucketOwner;
import dev.dfs.authz.acl.AccessControlList;
import dev.dfs.authz.acl.AclDocuments;
import dev.dfs.authz.acl.CannedAcl;
import dev.dfs.authz.acl.ObjectOwnership;
import dev.dfs.store.ObjectStore;
import java.io.IOException;

/**
 * The access settings a CreateBucket request states: its owner (the signed user; root for
 * anonymous or root requests), {@code x-amz-object-ownership} (default BucketOwnerEnforced, as
 * S3 since April 2023) and {@code x-amz-acl} / {@code x-amz-grant-*}. Checked before the
 * bucket is created: a non-private ACL with BucketOwnerEnforced is 400
 * InvalidBucketAclWithObjectOwnership, as S3 answers it. Immutable.
 */
record BucketAccess(String owner, ObjectOwnership ownership, AccessControlList acl) {

  static BucketAccess fromRequest(S3Exchange ex) {
    AclHeaders.Requested req = AclHeaders.parse(ex::header);
    String header = ex.header("x-amz-object-ownership");
    ObjectOwnership ownership = header == null ? ObjectOwnership.DEFAULT
        : ObjectOwnership.fromWire(header).orElseThrow(() -> S3Exception.invalidArgument(
            "Invalid x-amz-object-ownership header", "x-amz-object-ownership", header));
    String owner = AclRules.writesForBucketOwner(ex.principal())
        ? BucketOwner.ROOT : ex.principal().userId();
    AccessControlList acl = req.toAcl(owner, owner);
    if (!ownership.aclsEnabled() && req.canned() != CannedAcl.BUCKET_OWNER_FULL_CONTROL
        && !acl.onlyFullControlFor(owner)) {
      throw new S3Exception(S3ErrorCode.INVALID_BUCKET_ACL_WITH_OBJECT_OWNERSHIP);
    }
    return new BucketAccess(owner, ownership, acl);
  }

  /**
   * Stores the settings of the bucket just created: the owner, the ownership document (an
   * engine without bucket configuration keeps only the default) and a non-private ACL.
   */
  void record(ObjectStore store, String bucket) throws IOException {
    BucketOwner.record(store, bucket, owner); // nothing on an engine without owner documents
    if (ownership != ObjectOwnership.DEFAULT || store.bucketConfig(AclDocuments.OWNERSHIP).isPresent()) {
      EngineCapabilities.bucketConfig(store, AclDocuments.OWNERSHIP)
          .put(bucket, ownership.wireName());
    }
    if (!acl.equals(AccessControlList.privateFor(owner))) {
      EngineCapabilities.bucketConfig(store, AclDocuments.BUCKET_ACL).put(bucket, acl.encode());
    }
  }
}
