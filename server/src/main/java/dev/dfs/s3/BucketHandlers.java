package dev.dfs.s3;

import dev.dfs.store.ObjectStore;
import java.io.IOException;

/** Placeholder: being written. */
final class BucketHandlers {
  private final ObjectStore store;

  private final S3Settings settings;

  BucketHandlers(ObjectStore store, S3Settings settings) {
    this.store = store;
    this.settings = settings;
  }

  void listBuckets(S3Exchange ex) throws IOException {
    throw new S3Exception(S3ErrorCode.NOT_IMPLEMENTED);
  }

  void createBucket(S3Exchange ex) throws IOException {
    throw new S3Exception(S3ErrorCode.NOT_IMPLEMENTED);
  }

  void headBucket(S3Exchange ex) throws IOException {
    throw new S3Exception(S3ErrorCode.NOT_IMPLEMENTED);
  }

  void deleteBucket(S3Exchange ex) throws IOException {
    throw new S3Exception(S3ErrorCode.NOT_IMPLEMENTED);
  }

  void getBucketLocation(S3Exchange ex) throws IOException {
    throw new S3Exception(S3ErrorCode.NOT_IMPLEMENTED);
  }

  void getBucketVersioning(S3Exchange ex) throws IOException {
    throw new S3Exception(S3ErrorCode.NOT_IMPLEMENTED);
  }
}
