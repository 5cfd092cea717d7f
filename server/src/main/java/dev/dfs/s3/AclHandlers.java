package dev.dfs.s3;

import dev.dfs.authz.acl.AccessControlList;
import dev.dfs.authz.acl.AclDocuments;
import dev.dfs.authz.acl.ObjectOwnership;
import dev.dfs.store.ObjectInfo;
import dev.dfs.store.ObjectRef;
import dev.dfs.store.ObjectStore;
import java.io.IOException;

/**
 * Get/PutBucketAcl ({@code ?acl} on a bucket) and Get/PutObjectAcl ({@code ?acl} on a key). A PUT
 * states the ACL either in headers ({@code x-amz-acl} or {@code x-amz-grant-*}) or as an {@code
 * AccessControlPolicy} body, not both. The {@code Owner} of a body is not checked: ownership never
 * changes through an ACL. Under BucketOwnerEnforced a PUT is accepted (and changes nothing) only
 * when private-equivalent, else AccessControlListNotSupported; a GET of an object's ACL then shows
 * the bucket owner with FULL_CONTROL. DFS has no versioning yet: {@code versionId} must be absent
 * or {@code null}, as for tagging.
 */
final class AclHandlers {
  private final ObjectStore store;
  private final AclRules rules;

  AclHandlers(ObjectStore store, AclRules rules) {
    this.store = store;
    this.rules = rules;
  }

  void getBucketAcl(S3Exchange ex) throws IOException {
    ex.sendXml(200, AclXml.render(ex.bucketContext().bucketAcl()));
  }

  void putBucketAcl(S3Exchange ex) throws IOException {
    String bucket = ex.bucket();
    Desired desired = desired(ex);
    BucketContext context = ex.bucketContext();
    String owner = context.owner();
    AccessControlList acl = desired.of(owner, owner);
    if (!context.ownership().aclsEnabled()) {
      // the stored ACL is already private: enforcing ownership requires it
      AclRules.requirePrivateEquivalent(acl, owner);
      ex.sendEmpty(200);
      return;
    }
    rules.checkGrantees(acl, owner);
    AclRules.checkNotBlocked(context, acl);
    EngineCapabilities.bucketConfig(store, AclDocuments.BUCKET_ACL)
        .put(bucket, acl.equals(AccessControlList.privateFor(owner)) ? null : acl.encode());
    ex.sendEmpty(200);
  }

  void getObjectAcl(S3Exchange ex) throws IOException {
    ObjectHeaders.checkVersionId(ex.param("versionId"));
    ObjectInfo object = existing(ex);
    BucketContext context = ex.bucketContext();
    String bucketOwner = context.owner();
    AccessControlList acl =
        context.ownership().aclsEnabled()
            ? AclDocuments.objectAcl(object.metadata(), bucketOwner)
            : AccessControlList.privateFor(bucketOwner);
    ex.sendXml(200, AclXml.render(acl));
  }

  void putObjectAcl(S3Exchange ex) throws IOException {
    ObjectHeaders.checkVersionId(ex.param("versionId"));
    String bucket = ex.bucket();
    Desired desired = desired(ex);
    ObjectInfo object = existing(ex);
    BucketContext context = ex.bucketContext();
    String bucketOwner = context.owner();
    ObjectOwnership ownership = context.ownership();
    String owner = AclDocuments.objectOwner(object.metadata(), bucketOwner);
    AccessControlList acl = desired.of(owner, bucketOwner);
    if (!ownership.aclsEnabled()) {
      AclRules.requirePrivateEquivalent(desired.of(bucketOwner, bucketOwner), bucketOwner);
      ex.sendEmpty(200);
      return;
    }
    rules.checkGrantees(acl, bucketOwner);
    AclRules.checkNotBlocked(context, acl);
    EngineCapabilities.metadataUpdates(store)
        .update(
            ObjectRef.current(bucket, ex.objectKey()),
            m -> {
              String currentOwner = AclDocuments.objectOwner(m, bucketOwner);
              return AclDocuments.withObjectAcl(
                  m, currentOwner, bucketOwner, desired.of(currentOwner, bucketOwner));
            });
    ex.sendEmpty(200);
  }

  /** The ACL a PUT asks for, given the resource's owner and the bucket's owner. */
  @FunctionalInterface
  private interface Desired {
    AccessControlList of(String owner, String bucketOwner);
  }

  /**
   * The ACL the request asks for, as a function of the resource's owner (canned ACLs and an empty
   * request depend on it). Reads and checks the body.
   */
  private static Desired desired(S3Exchange ex) throws IOException {
    boolean headers = AclHeaders.present(ex::header);
    byte[] body = ChecksumHeaders.verifiedXmlBody(ex, false);
    boolean hasBody = !new String(body, java.nio.charset.StandardCharsets.UTF_8).isBlank();
    if (headers && hasBody) {
      throw new S3Exception(
          S3ErrorCode.INVALID_REQUEST,
          "Specifying both an AccessControlPolicy body and ACL headers is not allowed");
    }
    if (headers) {
      AclHeaders.Requested req = AclHeaders.parse(ex::header);
      return req::toAcl;
    }
    if (!hasBody) {
      throw new S3Exception(S3ErrorCode.MISSING_SECURITY_HEADER)
          .with("MissingHeaderName", "x-amz-acl");
    }
    AclXml.Policy policy = AclXml.parse(body);
    return (owner, bucketOwner) -> new AccessControlList(owner, owner, policy.grants());
  }

  private ObjectInfo existing(S3Exchange ex) throws IOException {
    return store
        .head(ObjectRef.current(ex.bucket(), ex.objectKey()))
        .orElseThrow(() -> new S3Exception(S3ErrorCode.NO_SUCH_KEY).with("Key", ex.objectKey()));
  }
}
