package dev.dfs.authz;

import dev.dfs.auth.Principal;
import dev.dfs.store.ObjectStore;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Decides every S3 request after authentication. Thread-safe; one instance per server.
 *
 * <p>Decision order:
 *
 * <ol>
 *   <li>Open mode ({@code DFS_AUTH=none}): everything is allowed.
 *   <li>The root user: allowed, without reading any policy (the fast path).
 *   <li>{@code s3:CreateBucket} and {@code s3:ListAllMyBuckets}: the caller acts on its own
 *       account, so any authenticated user is implicitly allowed (ListBuckets then shows only the
 *       caller's buckets); anonymous callers are not. The identity policy and the extra sources may
 *       still deny.
 *   <li>Managing a bucket's policy ({@code s3:PutBucketPolicy}, {@code s3:GetBucketPolicy}, {@code
 *       s3:DeleteBucketPolicy}, {@code s3:GetBucketPolicyStatus}): the bucket owner only, never
 *       granted to others and never denied to the owner by the bucket policy (so an owner cannot
 *       lock itself out), as S3 treats the owning account.
 *   <li>Otherwise every source is asked: the bucket policy (whose grants to anyone but the owner
 *       are ignored while {@link PublicAccessCheck#restrictPublicBuckets} holds and the policy is
 *       public), the caller's identity policy, then each extra source (ACLs…).
 *   <li>An explicit {@link Decision#DENY} from any source refuses the request, also for the bucket
 *       owner.
 *   <li>The bucket owner ({@link BucketOwner}) may do everything on its bucket and objects.
 *   <li>Else one {@link Decision#ALLOW} suffices; none means AccessDenied.
 * </ol>
 *
 * The owner and Block Public Access come from the request's {@link BucketSettings}, loaded once for
 * the request; a request without them (tests, tools) has them read from the store. A request for a
 * missing bucket fails with the store's NO_SUCH_BUCKET while they are loaded.
 */
public final class Authorizer {
  /** Actions only the bucket owner may perform (S3 grants them to no other account). */
  static final Set<String> OWNER_ONLY =
      Set.of(
          "s3:putbucketpolicy",
          "s3:getbucketpolicy",
          "s3:deletebucketpolicy",
          "s3:getbucketpolicystatus");

  private static final String CREATE_BUCKET = "s3:CreateBucket";
  private static final String LIST_ALL_MY_BUCKETS = "s3:ListAllMyBuckets";

  private final ObjectStore store;
  private final boolean open;
  private final BucketPolicySource bucketPolicies;
  private final @Nullable GrantSource identityPolicies;
  private final List<GrantSource> extraSources;
  private final PublicAccessCheck publicAccess;

  /**
   * @param store where bucket owners are looked up
   * @param open DFS_AUTH=none: allow everything
   * @param bucketPolicies the bucket policies (cached by the implementation)
   * @param identityPolicies the users' own policies, or null when there are none
   * @param extraSources further sources (ACLs…), consulted in order after the policies
   * @param publicAccess Block Public Access settings, or null for nothing blocked
   */
  public Authorizer(
      ObjectStore store,
      boolean open,
      @Nullable BucketPolicySource bucketPolicies,
      @Nullable GrantSource identityPolicies,
      List<GrantSource> extraSources,
      @Nullable PublicAccessCheck publicAccess) {
    this.store = store;
    this.open = open;
    this.bucketPolicies = bucketPolicies == null ? BucketPolicySource.NONE : bucketPolicies;
    this.identityPolicies = identityPolicies;
    this.extraSources = List.copyOf(extraSources == null ? List.of() : extraSources);
    this.publicAccess = publicAccess == null ? PublicAccessCheck.NOTHING_BLOCKED : publicAccess;
  }

  /** An authorizer that allows everything (DFS_AUTH=none), for set-ups without access control. */
  public static Authorizer allowAll(ObjectStore store) {
    return new Authorizer(store, true, null, null, List.of(), null);
  }

  /** The bucket policies this authorizer consults (for invalidation by the policy handlers). */
  public BucketPolicySource bucketPolicies() {
    return bucketPolicies;
  }

  /**
   * Whether {@code who} passes without any check (open mode or the root user); callers skip
   * building an {@link AccessRequest} then.
   */
  public boolean unrestricted(Principal who) {
    return open || isRoot(who);
  }

  /** Whether ListBuckets shows {@code who} every bucket rather than its own. */
  public boolean seesAllBuckets(Principal who) {
    return unrestricted(who);
  }

  /** Whether {@code userId} owns {@code bucket}. NO_SUCH_BUCKET propagates. */
  public boolean owns(String userId, String bucket) throws IOException {
    return BucketOwner.of(store, bucket).equals(userId);
  }

  /**
   * Whether the request may proceed (see the class comment for the order).
   *
   * @throws IOException when a document or the owner cannot be read (NO_SUCH_BUCKET included)
   */
  public boolean allowed(AccessRequest r) throws IOException {
    Principal who = r.principal();
    if (unrestricted(who)) return true;
    String action = r.action();
    boolean implicit;
    boolean owner = false;
    if (CREATE_BUCKET.equalsIgnoreCase(action) || r.bucket() == null) {
      implicit =
          !who.anonymous() && (r.bucket() != null || LIST_ALL_MY_BUCKETS.equalsIgnoreCase(action));
    } else {
      owner = !who.anonymous() && ownerOf(r).equals(who.userId());
      if (OWNER_ONLY.contains(action.toLowerCase(java.util.Locale.ROOT))) return owner;
      implicit = owner;
    }
    boolean allow = false;
    if (r.bucket() != null && !CREATE_BUCKET.equalsIgnoreCase(action)) {
      Decision d = bucketPolicies.decide(r);
      if (d == Decision.DENY) return false;
      if (d == Decision.ALLOW
          && !owner
          && restrictsPublicBuckets(r)
          && bucketPolicies.isPublic(r.bucket())) {
        d = Decision.NONE;
      }
      allow = d == Decision.ALLOW;
    }
    if (identityPolicies != null && !who.anonymous()) {
      Decision d = identityPolicies.decide(r);
      if (d == Decision.DENY) return false;
      allow |= d == Decision.ALLOW;
    }
    for (GrantSource source : extraSources) {
      Decision d = source.decide(r);
      if (d == Decision.DENY) return false;
      allow |= d == Decision.ALLOW;
    }
    return implicit || allow;
  }

  private String ownerOf(AccessRequest r) throws IOException {
    BucketSettings settings = r.bucketSettings();
    return settings != null ? settings.owner() : BucketOwner.of(store, r.bucket());
  }

  private boolean restrictsPublicBuckets(AccessRequest r) throws IOException {
    BucketSettings settings = r.bucketSettings();
    return settings != null
        ? settings.restrictPublicBuckets()
        : publicAccess.restrictPublicBuckets(r.bucket());
  }

  private static boolean isRoot(Principal who) {
    return !who.anonymous() && BucketOwner.ROOT.equals(who.userId());
  }
}
