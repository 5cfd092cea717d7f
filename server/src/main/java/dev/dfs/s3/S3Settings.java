package dev.dfs.s3;

import dev.dfs.crypto.MasterKey;

/**
 * Settings of the S3 protocol layer.
 *
 * @param region the region DFS reports (GetBucketLocation, default LocationConstraint) and
 *     expects in signatures' scope
 * @param domain base domain for virtual-host-style addressing, or null for path style only
 * @param masterKey seals SSE-S3 data keys; null: SSE-S3 (and bucket default encryption) is
 *     answered with NotImplemented
 */
public record S3Settings(String region, String domain, MasterKey masterKey) {
  public S3Settings {
    if (region == null || region.isBlank()) region = "us-east-1";
  }

  /** Settings without a master key (no SSE-S3). */
  public S3Settings(String region, String domain) {
    this(region, domain, null);
  }
}
