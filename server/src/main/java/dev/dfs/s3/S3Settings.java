package dev.dfs.s3;

import dev.dfs.authz.acl.ObjectOwnership;
import dev.dfs.crypto.MasterKey;
import dev.dfs.lifecycle.LifecycleDay;
import dev.dfs.util.NodeClock;
import java.time.Clock;
import org.jspecify.annotations.Nullable;

/**
 * Settings of the S3 protocol layer.
 *
 * @param region the region DFS reports (GetBucketLocation, default LocationConstraint) and expects
 *     in signatures' scope
 * @param domain base domain for virtual-host-style addressing, or null for path style only
 * @param lifecycleDay the length of a lifecycle day (DFS_LIFECYCLE_DAY_SECONDS), which the {@code
 *     x-amz-expiration} header and the lifecycle worker count in
 * @param masterKey seals SSE-S3 data keys; null: SSE-S3 (and bucket default encryption) is answered
 *     with NotImplemented
 * @param defaultOwnership the Object Ownership of a bucket created without {@code
 *     x-amz-object-ownership} (DFS_DEFAULT_OBJECT_OWNERSHIP); null: {@link
 *     ObjectOwnership#DEFAULT}. Buckets that have no stored setting keep behaving as {@link
 *     ObjectOwnership#DEFAULT} whatever this says
 * @param clock the server's one clock ({@link NodeClock}): what the handlers, the management API
 *     and the background workers stamp and compare times with
 */
public record S3Settings(
    String region,
    @Nullable String domain,
    LifecycleDay lifecycleDay,
    @Nullable MasterKey masterKey,
    @Nullable ObjectOwnership defaultOwnership,
    Clock clock) {
  public S3Settings {
    if (region == null || region.isBlank()) region = "us-east-1";
    if (lifecycleDay == null) lifecycleDay = LifecycleDay.STANDARD;
    if (defaultOwnership == null) defaultOwnership = ObjectOwnership.DEFAULT;
  }

  /** Settings on the system clock. */
  public S3Settings(
      String region,
      @Nullable String domain,
      LifecycleDay lifecycleDay,
      @Nullable MasterKey masterKey,
      @Nullable ObjectOwnership defaultOwnership) {
    this(region, domain, lifecycleDay, masterKey, defaultOwnership, NodeClock.system());
  }

  /** Settings whose new buckets get {@link ObjectOwnership#DEFAULT}. */
  public S3Settings(
      String region,
      @Nullable String domain,
      LifecycleDay lifecycleDay,
      @Nullable MasterKey masterKey) {
    this(region, domain, lifecycleDay, masterKey, null);
  }

  /** Settings with the standard 24-hour lifecycle day and no master key (no SSE-S3). */
  public S3Settings(String region, @Nullable String domain) {
    this(region, domain, LifecycleDay.STANDARD, null);
  }

  /** The same settings with another master key. */
  public S3Settings withMasterKey(MasterKey key) {
    return new S3Settings(region, domain, lifecycleDay, key, defaultOwnership, clock);
  }

  /** The same settings with another Object Ownership for new buckets. */
  public S3Settings withDefaultOwnership(ObjectOwnership ownership) {
    return new S3Settings(region, domain, lifecycleDay, masterKey, ownership, clock);
  }

  /** The same settings on another clock (the server's {@link NodeClock}). */
  public S3Settings withClock(Clock other) {
    return new S3Settings(region, domain, lifecycleDay, masterKey, defaultOwnership, other);
  }
}
