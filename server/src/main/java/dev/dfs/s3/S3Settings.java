package dev.dfs.s3;

import dev.dfs.lifecycle.LifecycleDay;

/**
 * Settings of the S3 protocol layer.
 *
 * @param region the region DFS reports (GetBucketLocation, default LocationConstraint) and
 *     expects in signatures' scope
 * @param domain base domain for virtual-host-style addressing, or null for path style only
 * @param lifecycleDay the length of a lifecycle day (DFS_LIFECYCLE_DAY_SECONDS), which the
 *     {@code x-amz-expiration} header and the lifecycle worker count in
 */
public record S3Settings(String region, String domain, LifecycleDay lifecycleDay) {
  public S3Settings {
    if (region == null || region.isBlank()) region = "us-east-1";
    if (lifecycleDay == null) lifecycleDay = LifecycleDay.STANDARD;
  }

  /** Settings with the standard 24-hour lifecycle day. */
  public S3Settings(String region, String domain) {
    this(region, domain, LifecycleDay.STANDARD);
  }
}
