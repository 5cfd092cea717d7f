package dev.dfs.s3;

import dev.dfs.authz.acl.AclDocuments;
import dev.dfs.authz.acl.ObjectOwnership;
import dev.dfs.store.ObjectStore;
import java.io.IOException;
import java.util.Optional;

/**
 * Get/Put/DeleteBucketOwnershipControls ({@code ?ownershipControls}). The setting is stored as its
 * wire name in the bucket configuration document {@value AclDocuments#OWNERSHIP}. New buckets get
 * {@link S3Settings#defaultOwnership()} (or their {@code x-amz-object-ownership}); a bucket without
 * the document (created before DFS had ACLs, or after a delete) answers GET with 404
 * OwnershipControlsNotFoundError and behaves as BucketOwnerEnforced.
 */
final class OwnershipControlsHandlers implements BucketConfigHandler.Document<ObjectOwnership> {
  @Override
  public String name() {
    return AclDocuments.OWNERSHIP;
  }

  @Override
  public S3ErrorCode notFound() {
    return S3ErrorCode.OWNERSHIP_CONTROLS_NOT_FOUND;
  }

  @Override
  public ObjectOwnership fromXml(byte[] xml) {
    return parse(xml);
  }

  @Override
  public XmlOut toXml(ObjectOwnership value) {
    return render(value);
  }

  @Override
  public String encode(ObjectOwnership value) {
    return value.wireName();
  }

  @Override
  public Optional<ObjectOwnership> load(ObjectStore store, String bucket) throws IOException {
    return AclDocuments.storedOwnership(store, bucket);
  }

  /**
   * PUT: exactly one Rule with one ObjectOwnership. Enforcing ownership while the bucket's ACL
   * grants anything to anyone but the owner is 400 InvalidBucketAclWithObjectOwnership, as S3.
   */
  @Override
  public void checkPut(ObjectStore store, S3Exchange ex, ObjectOwnership value) throws IOException {
    if (!value.aclsEnabled()) requirePrivateBucketAcl(ex);
  }

  /** DELETE: the bucket then behaves as BucketOwnerEnforced, so the same ACL rule applies. */
  @Override
  public void checkDelete(ObjectStore store, S3Exchange ex) throws IOException {
    requirePrivateBucketAcl(ex);
  }

  private static void requirePrivateBucketAcl(S3Exchange ex) throws IOException {
    var acl = ex.bucketContext().bucketAcl();
    if (!acl.onlyFullControlFor(acl.ownerId())) {
      throw new S3Exception(S3ErrorCode.INVALID_BUCKET_ACL_WITH_OBJECT_OWNERSHIP);
    }
  }

  static XmlOut render(ObjectOwnership o) {
    return XmlOut.document("OwnershipControls")
        .start("Rule")
        .element("ObjectOwnership", o.wireName())
        .end();
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
