package dev.dfs.s3;

import dev.dfs.auth.Principal;
import dev.dfs.authz.BucketOwner;
import dev.dfs.authz.acl.AccessControlList;
import dev.dfs.authz.acl.AclDocuments;
import dev.dfs.authz.acl.CannedAcl;
import dev.dfs.authz.acl.Grant;
import dev.dfs.authz.acl.Grantee;
import dev.dfs.authz.acl.ObjectOwnership;
import dev.dfs.store.ObjectMetadata;
import dev.dfs.store.ObjectStore;
import java.io.IOException;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The rules every ACL write obeys, in one place: Object Ownership (who owns a new object; under
 * BucketOwnerEnforced only private-equivalent ACLs are accepted, anything else is 400
 * AccessControlListNotSupported) and BlockPublicAcls (a public ACL is 403 AccessDenied).
 * Thread-safe.
 *
 * <p>Root and anonymous writers never own objects: what they write belongs to the bucket owner
 * (root acts for the owner; anonymous writers have no identity to own anything).
 */
final class AclRules {
  private final BucketContexts contexts;
  private final Predicate<String> knownUser;

  /** Rules that accept grants to any user id, reading buckets' settings from {@code store}. */
  AclRules(ObjectStore store) {
    this(new BucketContexts(store, new LifecycleConfigs(store)), id -> true);
  }

  /**
   * @param contexts where a bucket's settings are loaded outside a request
   * @param knownUser whether a user id exists; grants to others are refused
   */
  AclRules(BucketContexts contexts, Predicate<String> knownUser) {
    this.contexts = contexts;
    this.knownUser = knownUser;
  }

  /**
   * Refuses an ACL that grants to a user id no user has, as S3 refuses an unknown canonical id: 400
   * InvalidArgument "Invalid id". Groups, the owner and the bucket owner always pass.
   */
  void checkGrantees(AccessControlList acl, String bucketOwner) {
    for (Grant g : acl.grants()) {
      Grantee e = g.grantee();
      if (e.type() != Grantee.Type.CANONICAL_USER
          || e.id().equals(acl.ownerId())
          || e.id().equals(bucketOwner)
          || knownUser.test(e.id())) {
        continue;
      }
      throw S3Exception.invalidArgument("Invalid id", "CanonicalUser/ID", e.id());
    }
  }

  /**
   * The metadata of an object written by PutObject, CopyObject or CreateMultipartUpload: the ACL
   * attributes the request's headers ask for, replacing any in {@code m} (a copy never carries the
   * source's ACL). Without ACL headers a root or anonymous write reads nothing.
   */
  ObjectMetadata forNewObject(S3Exchange ex, ObjectMetadata m) throws IOException {
    return forNewObject(ex, ex.principal(), ex::header, m);
  }

  /**
   * {@link #forNewObject(S3Exchange, ObjectMetadata)} for a write whose ACL headers come from
   * elsewhere (a browser form's {@code acl} field) and whose writer {@code who} is not the
   * exchange's signer; the bucket's settings come from the exchange's {@link BucketContext}.
   *
   * @param header the value of an ACL header by lower-case name, or null
   */
  ObjectMetadata forNewObject(
      S3Exchange ex, Principal who, Function<String, String> header, ObjectMetadata m)
      throws IOException {
    return forNewObject(who, header, m, ex::bucketContext);
  }

  /**
   * {@link #forNewObject(S3Exchange, Principal, Function, ObjectMetadata)} outside a request: the
   * settings of {@code bucket} are read from the store.
   */
  ObjectMetadata forNewObject(
      String bucket, Principal who, Function<String, String> header, ObjectMetadata m)
      throws IOException {
    return forNewObject(who, header, m, () -> contexts.load(bucket, false));
  }

  /** Loads the bucket's context where a rule first needs it (never for a plain root write). */
  @FunctionalInterface
  private interface ContextSource {
    BucketContext get() throws IOException;
  }

  private ObjectMetadata forNewObject(
      Principal who, Function<String, String> header, ObjectMetadata m, ContextSource bucket)
      throws IOException {
    AclHeaders.Requested req = AclHeaders.parse(header);
    ObjectMetadata clean = AclDocuments.withoutObjectAcl(m);
    boolean ownerless = writesForBucketOwner(who);
    if (ownerless && (req.isNone() || req.canned() == CannedAcl.PRIVATE)) return clean;
    BucketContext context = bucket.get();
    ObjectOwnership ownership = context.ownership();
    String bucketOwner = context.owner();
    if (!ownership.aclsEnabled()) {
      requirePrivateEquivalent(req, bucketOwner);
      return clean;
    }
    String owner =
        ownerless
                || (ownership == ObjectOwnership.BUCKET_OWNER_PREFERRED
                    && req.canned() == CannedAcl.BUCKET_OWNER_FULL_CONTROL)
            ? bucketOwner
            : who.userId();
    AccessControlList acl = req.toAcl(owner, bucketOwner);
    checkGrantees(acl, bucketOwner);
    checkNotBlocked(context, acl);
    return AclDocuments.withObjectAcl(clean, owner, bucketOwner, acl);
  }

  /**
   * Under BucketOwnerEnforced: accepts nothing asked, {@code private}, {@code
   * bucket-owner-full-control}, or grants of FULL_CONTROL to the bucket owner only; anything else
   * is AccessControlListNotSupported.
   */
  static void requirePrivateEquivalent(AclHeaders.Requested req, String bucketOwner) {
    if (req.canned() == CannedAcl.PRIVATE || req.canned() == CannedAcl.BUCKET_OWNER_FULL_CONTROL) {
      return;
    }
    if (req.canned() == null
        && req.toAcl(bucketOwner, bucketOwner).onlyFullControlFor(bucketOwner)) {
      return;
    }
    throw aclsDisabled();
  }

  /** The same rule for an ACL given as a document (PutBucketAcl / PutObjectAcl body). */
  static void requirePrivateEquivalent(AccessControlList acl, String bucketOwner) {
    if (!acl.onlyFullControlFor(bucketOwner)) throw aclsDisabled();
  }

  /** BlockPublicAcls: 403 AccessDenied when {@code acl} is public and the bucket blocks it. */
  static void checkNotBlocked(BucketContext bucket, AccessControlList acl) {
    if (acl.isPublic() && bucket.publicAccessBlock().blockPublicAcls()) {
      throw new S3Exception(
          S3ErrorCode.ACCESS_DENIED,
          "Access Denied: the bucket's Public Access Block (BlockPublicAcls) refuses public ACLs.");
    }
  }

  /** Whether what {@code who} writes belongs to the bucket owner. */
  static boolean writesForBucketOwner(Principal who) {
    return who.anonymous() || BucketOwner.ROOT.equals(who.userId());
  }

  static S3Exception aclsDisabled() {
    return new S3Exception(S3ErrorCode.ACCESS_CONTROL_LIST_NOT_SUPPORTED);
  }
}
