package dev.dfs.authz;

import java.io.IOException;

/**
 * Block Public Access as the {@link Authorizer} needs it. The default blocks nothing; the
 * PublicAccessBlock feature supplies the bucket's (and account's) settings.
 */
public interface PublicAccessCheck {
  /** Nothing blocked anywhere. */
  PublicAccessCheck NOTHING_BLOCKED = bucket -> false;

  /**
   * {@code RestrictPublicBuckets}: when true and the bucket's policy is public, the policy's grants
   * reach only the bucket owner (and root), never other users or anonymous callers.
   */
  boolean restrictPublicBuckets(String bucket) throws IOException;
}
