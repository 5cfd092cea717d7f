package dev.dfs.s3;

import dev.dfs.store.ObjectStore;
import dev.dfs.store.StoreError;
import dev.dfs.store.StoreException;
import java.io.IOException;
import java.util.Optional;

/**
 * Where a bucket's Object Lock configuration lives: the bucket configuration document
 * {@link #DOCUMENT}, present exactly when the bucket was created with Object Lock. Thread-safe.
 */
final class ObjectLockRules {
  /** Name of the bucket configuration document holding the ObjectLockConfiguration. */
  static final String DOCUMENT = "object-lock";

  private final ObjectStore store;

  ObjectLockRules(ObjectStore store) {
    this.store = store;
  }

  /** The stored configuration document, or empty (also for engines without bucket documents). */
  Optional<String> document(String bucket) throws IOException {
    try {
      return store.bucketConfig(bucket, DOCUMENT);
    } catch (StoreException e) {
      if (e.error() == StoreError.NOT_IMPLEMENTED) return Optional.empty();
      throw e;
    }
  }

  /** Whether the bucket has Object Lock enabled. */
  boolean enabled(String bucket) throws IOException {
    return document(bucket).isPresent();
  }
}
