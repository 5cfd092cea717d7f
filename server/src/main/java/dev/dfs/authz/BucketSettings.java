package dev.dfs.authz;

import java.util.Optional;

/**
 * What the access decision reads about the bucket a request addresses, loaded once per request by
 * the protocol layer (with the rest of the bucket's context, in one lookup) and carried by the
 * {@link AccessRequest}, so neither the {@link Authorizer} nor a {@link GrantSource} looks the
 * bucket up again. Immutable.
 *
 * @param owner the bucket owner's user id ({@link BucketOwner#ROOT} when none is recorded)
 * @param aclsEnabled whether the bucket's Object Ownership honours ACLs (not BucketOwnerEnforced)
 * @param ignorePublicAcls Block Public Access {@code IgnorePublicAcls}
 * @param restrictPublicBuckets Block Public Access {@code RestrictPublicBuckets}
 * @param storedAcl the bucket's ACL document as stored, or empty (private for the owner)
 */
public record BucketSettings(
    String owner,
    boolean aclsEnabled,
    boolean ignorePublicAcls,
    boolean restrictPublicBuckets,
    Optional<String> storedAcl) {}
