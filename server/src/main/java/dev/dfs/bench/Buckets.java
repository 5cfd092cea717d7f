package dev.dfs.bench;

import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.s3.model.CreateBucketConfiguration;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;

/** Makes sure the benchmark bucket exists; reports whether this run created it. */
final class Buckets {
  private Buckets() {}

  static boolean ensure(S3Client s3, String bucket, String region) {
    try {
      s3.headBucket(b -> b.bucket(bucket));
      return false;
    } catch (NoSuchBucketException e) {
      // create below
    } catch (AwsServiceException e) {
      if (e.statusCode() != 404) throw e;
    }
    try {
      if ("us-east-1".equals(region)) {
        s3.createBucket(b -> b.bucket(bucket));
      } else {
        s3.createBucket(
            b ->
                b.bucket(bucket)
                    .createBucketConfiguration(
                        CreateBucketConfiguration.builder().locationConstraint(region).build()));
      }
      return true;
    } catch (BucketAlreadyOwnedByYouException raced) {
      return false;
    }
  }

  /** Deletes the bucket if it is empty; returns a reason when it could not. */
  static @Nullable String deleteIfEmpty(S3Client s3, String bucket) {
    try {
      s3.deleteBucket(b -> b.bucket(bucket));
      return null;
    } catch (AwsServiceException e) {
      return Recorders.describe(e);
    }
  }
}
