package dev.dfs.s3;

import dev.dfs.crypto.MasterKey;
import dev.dfs.lifecycle.LifecycleDay;

/**
 * Settings of the S3 protocol layer.
 *
 * @param region the region DFS reports (GetBucketLocation, default LocationConstraint) and
 *     expects in signatures' scope
 * @param domain base domain for virtual-host-style addressing, or null for path style only
 * @param lifecycleDay the length of a lifecycle day (DFS_LIFECYCLE_DAY_SECONDS), which the
 *     {@code x-amz-expiration} header and the lifecycle worker count in
 * @param masterKey seals SSE-S3 data keys; null: SSE-S3 (and bucket default encryption) is
 *     answered with NotImplemented
 */
public record S3Settings(
    String region, String domain, LifecycleDay lifecycleDay, MasterKey masterKey) {
  public S3Settings {
    if (region == null || region.isBlank()) region = "us-east-1";
    if (lifecycleDay == null) lifecycleDay = LifecycleDay.STANDARD;
  }

  /** Settings with the standard 24-hour lifecycle day and no master key (no SSE-S3). */
  public S3Settings(String region, String domain) {
    this(region, domain, LifecycleDay.STANDARD, null);
  }

  /** The same settings with another master key. */
  public S3Settings withMasterKey(MasterKey key) {
    return new S3Settings(region, domain, lifecycleDay, key);
  }
}
