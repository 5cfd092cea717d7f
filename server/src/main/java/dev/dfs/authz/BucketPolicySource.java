package dev.dfs.authz;

import java.io.IOException;

/**
 * The bucket policies as the {@link Authorizer} consults them: a {@link GrantSource} that also
 * tells whether a bucket's policy is public (for Block Public Access) and forgets a cached policy
 * when it changes. Thread-safe.
 */
public interface BucketPolicySource extends GrantSource {
  /** A source for engines and set-ups without bucket policies. */
  BucketPolicySource NONE =
      new BucketPolicySource() {
        @Override
        public Decision decide(AccessRequest request) {
          return Decision.NONE;
        }

        @Override
        public boolean isPublic(String bucket) {
          return false;
        }

        @Override
        public void invalidate(String bucket) {}
      };

  /** Whether {@code bucket} has a policy that is public in S3's sense. */
  boolean isPublic(String bucket) throws IOException;

  /** Drops what is cached about {@code bucket}'s policy (after Put/DeleteBucketPolicy). */
  void invalidate(String bucket);
}
