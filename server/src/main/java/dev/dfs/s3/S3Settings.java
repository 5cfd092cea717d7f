package dev.dfs.s3;

/**
 * Settings of the S3 protocol layer.
 *
 * @param region the region DFS reports (GetBucketLocation, default LocationConstraint) and
 *     expects in signatures' scope
 * @param domain base domain for virtual-host-style addressing, or null for path style only
 */
public record S3Settings(String region, String domain) {
  public S3Settings {
    if (region == null || region.isBlank()) region = "us-east-1";
  }
}
