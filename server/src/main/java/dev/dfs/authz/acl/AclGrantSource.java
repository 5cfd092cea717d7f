package dev.dfs.authz.acl;

import dev.dfs.auth.Principal;
import dev.dfs.authz.AccessRequest;
import dev.dfs.authz.BucketSettings;
import dev.dfs.authz.Decision;
import dev.dfs.authz.GrantSource;
import dev.dfs.store.ObjectInfo;
import dev.dfs.store.ObjectRef;
import dev.dfs.store.ObjectStore;
import dev.dfs.store.StoreError;
import dev.dfs.store.StoreException;
import java.io.IOException;
import java.util.Optional;

/**
 * The bucket's and objects' access control lists as a source of permissions for the authorizer.
 * Answers {@link Decision#ALLOW} when the ACL of the resource the action needs ({@link
 * AclPermissions}) grants the permission to the request's principal, and {@link Decision#NONE}
 * otherwise; an ACL never denies.
 *
 * <ul>
 *   <li>Under {@link ObjectOwnership#BUCKET_OWNER_ENFORCED} (the default) ACLs are disabled: always
 *       NONE.
 *   <li>With the bucket's Public Access Block {@code IgnorePublicAcls}, grants to AllUsers and
 *       AuthenticatedUsers count for nothing.
 *   <li>The owner of an object may always read and write its ACL (READ_ACP, WRITE_ACP), as in S3,
 *       even when its own grant was removed.
 *   <li>A missing bucket or object yields NONE (the authorizer denies; the operation would have
 *       reported the absence).
 * </ul>
 *
 * The bucket owner and root are not special here: the authorizer allows them before asking.
 * Thread-safe; reads the bucket's settings from the request ({@link AccessRequest#bucketSettings},
 * loaded once per request), else from the store in one lookup, and the object's ACL (for an
 * object-level permission) with one HEAD.
 */
public final class AclGrantSource implements GrantSource {
  private final ObjectStore store;

  public AclGrantSource(ObjectStore store) {
    this.store = store;
  }

  @Override
  public Decision decide(AccessRequest request) throws IOException {
    Optional<AclPermissions.Required> required = AclPermissions.required(request.action());
    if (request.bucket() == null || required.isEmpty()) return Decision.NONE;
    try {
      return decide(request, required.get());
    } catch (StoreException e) {
      if (e.error() == StoreError.NO_SUCH_BUCKET || e.error() == StoreError.NO_SUCH_KEY) {
        return Decision.NONE;
      }
      throw e;
    }
  }

  private Decision decide(AccessRequest request, AclPermissions.Required required)
      throws IOException {
    String bucket = request.bucket();
    BucketSettings given = request.bucketSettings();
    BucketSettings settings = given != null ? given : AclDocuments.settings(store, bucket);
    if (!settings.aclsEnabled()) return Decision.NONE;
    String bucketOwner = settings.owner();
    Principal who = request.principal();
    AccessControlList acl;
    if (required.level() == AclPermissions.Level.BUCKET) {
      acl = AclDocuments.bucketAcl(settings.storedAcl(), bucketOwner);
    } else {
      if (request.key() == null) return Decision.NONE;
      Optional<ObjectInfo> object = store.head(ObjectRef.current(bucket, request.key()));
      if (object.isEmpty()) return Decision.NONE;
      String owner = AclDocuments.objectOwner(object.get().metadata(), bucketOwner);
      Permission p = required.permission();
      if (!who.anonymous()
          && owner.equals(who.userId())
          && (p == Permission.READ_ACP || p == Permission.WRITE_ACP)) {
        return Decision.ALLOW;
      }
      acl = AclDocuments.objectAcl(object.get().metadata(), bucketOwner);
    }
    if (settings.ignorePublicAcls()) acl = acl.withoutPublicGrants();
    return acl.allows(who, required.permission()) ? Decision.ALLOW : Decision.NONE;
  }
}
