package dev.dfs.s3;

import dev.dfs.authz.acl.AclDocuments;
import dev.dfs.store.BucketConfig;
import dev.dfs.store.ObjectStore;
import dev.dfs.store.StoreError;
import dev.dfs.store.StoreException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code DFS_DEFAULT_BUCKETS}: buckets that must exist once the server is up, so that a fresh
 * container is usable at once (as {@code weed mini} and Garage's default bucket are). Each missing
 * one is created as root's bucket with the server's default Object Ownership, exactly as a root
 * CreateBucket without headers would; an existing one is left as it is. Names are checked against
 * S3's naming rules before anything is created. Not thread-safe; called once at start.
 */
public final class DefaultBuckets {
  private DefaultBuckets() {}

  /**
   * Checks every name in {@code names}.
   *
   * @throws IllegalArgumentException naming the first invalid bucket name and the rule it breaks
   */
  public static void validate(List<String> names) {
    for (String name : names) {
      try {
        BucketNames.validate(name);
      } catch (S3Exception e) {
        throw new IllegalArgumentException(
            "'" + name + "' is not a valid bucket name: " + e.getMessage());
      }
    }
  }

  /**
   * Creates the buckets of {@code names} that do not exist yet.
   *
   * @return the names created now (those that already existed are not in it)
   * @throws IllegalArgumentException for an invalid name (nothing created)
   * @throws IOException if the store fails; buckets created before stay
   */
  public static List<String> ensure(
      ObjectStore store,
      String region,
      dev.dfs.authz.acl.ObjectOwnership ownership,
      List<String> names)
      throws IOException {
    validate(names);
    List<String> created = new ArrayList<>();
    for (String name : names) {
      if (store.bucket(name).isPresent()) continue;
      try {
        store.createBucket(name, region);
      } catch (StoreException e) {
        if (e.error() == StoreError.BUCKET_ALREADY_OWNED_BY_YOU) continue; // another node won
        throw e;
      }
      // root owns it without an owner document; the ownership as BucketAccess.record keeps it
      Optional<BucketConfig> documents = store.bucketConfig(AclDocuments.OWNERSHIP);
      if (documents.isPresent()) documents.get().put(name, ownership.wireName());
      created.add(name);
    }
    return List.copyOf(created);
  }
}
