package dev.dfs.authz;

import dev.dfs.store.BucketConfig;
import dev.dfs.store.ObjectStore;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;

/**
 * Who owns a bucket: the user who created it, kept as the bucket configuration document {@value
 * #CONFIG_NAME} (the user id as text). Buckets without the document (created before users existed,
 * or on an engine without bucket configuration) belong to the root user.
 */
public final class BucketOwner {
  /** Name of the bucket configuration document holding the owner's user id. */
  public static final String CONFIG_NAME = "owner";

  /** The root user's id. */
  public static final String ROOT = "root";

  private BucketOwner() {}

  /** The owner's user id. NO_SUCH_BUCKET propagates. */
  public static String of(ObjectStore store, String bucket) throws IOException {
    return BucketConfig.find(store, bucket, CONFIG_NAME).map(String::strip).orElse(ROOT);
  }

  /** The owner's user id among a bucket's documents ({@link ObjectStore#bucketDocuments}). */
  public static String of(Map<String, String> documents) {
    String owner = documents.get(CONFIG_NAME);
    return owner == null ? ROOT : owner.strip();
  }

  /**
   * Records {@code userId} as the owner of a bucket just created. An engine that keeps no owner
   * documents records nothing: every bucket there stays root's.
   */
  public static void record(ObjectStore store, String bucket, String userId) throws IOException {
    if (ROOT.equals(userId)) return; // the default needs no document
    Optional<BucketConfig> owners = store.bucketConfig(CONFIG_NAME);
    if (owners.isPresent()) owners.get().put(bucket, userId);
  }
}
