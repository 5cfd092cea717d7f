package dev.dfs.authz;

import dev.dfs.store.ObjectStore;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What the wiring plugs into the {@link Authorizer} besides the bucket policies: the users'
 * identity policies, further grant sources (ACLs…) and Block Public Access. Immutable.
 *
 * @param identityPolicies the users' own policies, or null when there are none
 * @param extraSources consulted in order after the policies
 * @param publicAccess Block Public Access, or null for nothing blocked
 */
public record AccessControl(
    @Nullable GrantSource identityPolicies,
    List<GrantSource> extraSources,
    @Nullable PublicAccessCheck publicAccess) {
  /** Bucket policies and ownership only. */
  public static final AccessControl NONE = new AccessControl(null, List.of(), null);

  public AccessControl {
    extraSources = List.copyOf(extraSources == null ? List.of() : extraSources);
    publicAccess = publicAccess == null ? PublicAccessCheck.NOTHING_BLOCKED : publicAccess;
  }

  /** The authorizer for {@code store} with these sources and {@code bucketPolicies}. */
  public Authorizer authorizer(ObjectStore store, boolean open, BucketPolicySource bucketPolicies) {
    return new Authorizer(
        store, open, bucketPolicies, identityPolicies, extraSources, publicAccess);
  }
}
