package dev.dfs.s3;

import dev.dfs.authz.acl.AclDocuments;
import dev.dfs.authz.acl.ObjectOwnership;
import dev.dfs.store.ObjectStore;
import java.io.IOException;

/**
 * Get/Put/DeleteBucketOwnershipControls ({@code ?ownershipControls}). The setting is stored as
 * its wire name in the bucket configuration document {@value AclDocuments#OWNERSHIP}. New
 * buckets get BucketOwnerEnforced (or their {@code x-amz-object-ownership}); a bucket without
 * the document (created before DFS had ACLs, or after a delete) answers GET with 404
 * OwnershipControlsNotFoundError and behaves as BucketOwnerEnforced.
 */
final class OwnershipControlsHandlers {
  private final ObjectStore store;

  OwnershipControlsHandlers(ObjectStore store) {
    this.store = store;
  }

  void get(S3Exchange ex) throws IOException {
    ObjectOwnership o = AclDocuments.storedOwnership(store, ex.bucket()).orElseThrow(
        () -> new S3Exception(S3ErrorCode.OWNERSHIP_CONTROLS_NOT_FOUND)
            .with("BucketName", ex.bucket()));
    ex.sendXml(200, render(o));
  }

  /**
   * PUT: exactly one Rule with one ObjectOwnership. Enforcing ownership while the bucket's ACL
   * grants anything to anyone but the owner is 400 InvalidBucketAclWithObjectOwnership, as S3.
   */
  void put(S3Exchange ex) throws IOException {
    ObjectOwnership o = parse(ChecksumHeaders.verifiedXmlBody(ex, false));
    if (!o.aclsEnabled()) requirePrivateBucketAcl(ex.bucket());
    store.putBucketConfig(ex.bucket(), AclDocuments.OWNERSHIP, o.wireName());
    ex.sendEmpty(200);
  }

  /** DELETE: the bucket then behaves as BucketOwnerEnforced, so the same ACL rule applies. */
  void delete(S3Exchange ex) throws IOException {
    requirePrivateBucketAcl(ex.bucket());
    store.putBucketConfig(ex.bucket(), AclDocuments.OWNERSHIP, null);
    ex.sendEmpty(204);
  }

  private void requirePrivateBucketAcl(String bucket) throws IOException {
    var acl = AclDocuments.bucketAcl(store, bucket);
    if (!acl.onlyFullControlFor(acl.ownerId())) {
      throw new S3Exception(S3ErrorCode.INVALID_BUCKET_ACL_WITH_OBJECT_OWNERSHIP);
    }
  }

  static XmlOut render(ObjectOwnership o) {
    return XmlOut.document("OwnershipControls")
        .start("Rule").element("ObjectOwnership", o.wireName()).end();
  }

  /** The one ObjectOwnership of an OwnershipControls document; MalformedXML otherwise. */
  static ObjectOwnership parse(byte[] body) {
    XmlWalk walk = XmlWalk.open(body, "OwnershipControls");
    ObjectOwnership found = null;
    int rules = 0;
    while (walk.nextChild()) {
      if (!walk.name().equals("Rule")) {
        walk.skip();
        continue;
      }
      rules++;
      while (walk.nextChild()) {
        if (walk.name().equals("ObjectOwnership")) {
          if (found != null) throw XmlWalk.malformed();
          found = ObjectOwnership.fromWire(walk.text()).orElseThrow(XmlWalk::malformed);
        } else {
          walk.skip();
        }
      }
    }
    walk.finish();
    if (rules != 1 || found == null) throw XmlWalk.malformed();
    return found;
  }
}
