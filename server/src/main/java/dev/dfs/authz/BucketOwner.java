package dev.dfs.authz;

import dev.dfs.store.ObjectStore;
import dev.dfs.store.StoreError;
import dev.dfs.store.StoreException;
import java.io.IOException;

/**
 * Who owns a bucket: the user who created it, kept as the bucket configuration document
 * {@value #CONFIG_NAME} (the user id as text). Buckets without the document (created before
 * users existed, or on an engine without bucket configuration) belong to the root user.
 */
public final class BucketOwner {
  /** Name of the bucket configuration document holding the owner's user id. */
  public static final String CONFIG_NAME = "owner";
  /** The root user's id. */
  public static final String ROOT = "root";

  private BucketOwner() {}

  /** The owner's user id. NO_SUCH_BUCKET propagates. */
  public static String of(ObjectStore store, String bucket) throws IOException {
    try {
      return store.bucketConfig(bucket, CONFIG_NAME).map(String::strip).orElse(ROOT);
    } catch (StoreException e) {
      if (e.error() == StoreError.NOT_IMPLEMENTED) return ROOT;
      throw e;
    }
  }

  /** Records {@code userId} as the owner of a bucket just created. */
  public static void record(ObjectStore store, String bucket, String userId) throws IOException {
    if (ROOT.equals(userId)) return; // the default needs no document
    store.putBucketConfig(bucket, CONFIG_NAME, userId);
  }
}
