package dev.dfs.authz.acl;

import dev.dfs.auth.Principal;
import dev.dfs.authz.BucketOwner;
import dev.dfs.store.ObjectStore;
import java.io.IOException;

/**
 * Answers the questions the rest of DFS asks about a bucket's Public Access Block (stored as the
 * bucket configuration document {@value AclDocuments#PUBLIC_ACCESS_BLOCK}; a bucket without one
 * blocks nothing). Thread-safe; each call is one point lookup.
 *
 * <p>Who calls what:
 *
 * <ul>
 *   <li>the ACL writes (PutBucketAcl, PutObjectAcl, x-amz-acl / x-amz-grant-* on CreateBucket,
 *       PutObject, CopyObject, CreateMultipartUpload): {@link #refusesAcl} → 403 AccessDenied;
 *   <li>PutBucketPolicy: {@link #blocksPublicPolicy} and the policy is public → 403 AccessDenied;
 *   <li>the authorizer, when an ALLOW comes from a <em>public</em> bucket policy statement
 *       (Principal {@code "*"} or AWS {@code "*"} without a narrowing condition): {@link
 *       #publicPolicyGrantApplies} decides whether that ALLOW counts;
 *   <li>{@link AclGrantSource} itself applies {@code IgnorePublicAcls}.
 * </ul>
 */
public final class PublicAccessBlockCheck implements dev.dfs.authz.PublicAccessCheck {
  private final ObjectStore store;

  public PublicAccessBlockCheck(ObjectStore store) {
    this.store = store;
  }

  /** The configuration the bucket behaves by. NO_SUCH_BUCKET propagates. */
  public PublicAccessBlock configuration(String bucket) throws IOException {
    return AclDocuments.publicAccessBlock(store, bucket);
  }

  /** BlockPublicAcls: setting a public ACL on the bucket or its objects is refused. */
  public boolean blocksPublicAcls(String bucket) throws IOException {
    return configuration(bucket).blockPublicAcls();
  }

  /** IgnorePublicAcls: public grants in the bucket's and its objects' ACLs count for nothing. */
  public boolean ignoresPublicAcls(String bucket) throws IOException {
    return configuration(bucket).ignorePublicAcls();
  }

  /** BlockPublicPolicy: PutBucketPolicy must refuse a public policy (403 AccessDenied). */
  public boolean blocksPublicPolicy(String bucket) throws IOException {
    return configuration(bucket).blockPublicPolicy();
  }

  /**
   * RestrictPublicBuckets: while the bucket's policy is public, its public statements grant nothing
   * to anyone but the bucket owner and root (and principals a statement names explicitly, which are
   * not public grants).
   */
  public boolean restrictsPublicBuckets(String bucket) throws IOException {
    return configuration(bucket).restrictPublicBuckets();
  }

  @Override
  public boolean restrictPublicBuckets(String bucket) throws IOException {
    return restrictsPublicBuckets(bucket);
  }

  /** Whether setting {@code acl} on the bucket or one of its objects must be refused (403). */
  public boolean refusesAcl(String bucket, AccessControlList acl) throws IOException {
    return acl.isPublic() && blocksPublicAcls(bucket);
  }

  /**
   * Whether an ALLOW from a public bucket-policy statement (one that grants to everyone) may count
   * for {@code principal}: false when the bucket has RestrictPublicBuckets and the principal is
   * neither root nor the bucket owner. An ALLOW from a statement naming the principal explicitly is
   * not a public grant and needs no check.
   */
  public boolean publicPolicyGrantApplies(String bucket, Principal principal) throws IOException {
    if (!restrictsPublicBuckets(bucket)) return true;
    if (principal.anonymous()) return false;
    return BucketOwner.ROOT.equals(principal.userId())
        || BucketOwner.of(store, bucket).equals(principal.userId());
  }
}
