package dev.dfs.store.local;

import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Bucket configuration as last read, so what is consulted on every request costs a map lookup
 * instead of metadata reads: the bucket records (versioning state, region) and the configuration
 * documents (default encryption, Object Lock, ownership, public access block, policies, CORS).
 * {@code V} is what is cached per bucket and name. Every change of a cached value or removal of a
 * bucket must call {@link #invalidate()} after it committed; a load that overlapped an invalidation
 * is not kept, so a stale document is never cached. Thread-safe.
 */
final class BucketConfigCache<V> {
  /**
   * Loads a value from the metadata store (a thrown error, e.g. NO_SUCH_BUCKET, is never cached).
   */
  @FunctionalInterface
  interface Loader<V> {
    Optional<V> load() throws IOException;
  }

  private static final int MAX_ENTRIES = 10_000;
  private final ConcurrentHashMap<String, Optional<V>> documents = new ConcurrentHashMap<>();
  private final AtomicLong epoch = new AtomicLong();

  Optional<V> get(String bucket, String name, Loader<V> loader) throws IOException {
    String key = bucket + '\0' + name;
    Optional<V> cached = documents.get(key);
    if (cached != null) return cached;
    long before = epoch.get();
    Optional<V> loaded = loader.load();
    if (epoch.get() == before) {
      if (documents.size() >= MAX_ENTRIES) documents.clear();
      documents.put(key, loaded);
    }
    return loaded;
  }

  /** Forgets everything; called after a cached value changed or a bucket went away. */
  void invalidate() {
    epoch.incrementAndGet();
    documents.clear();
  }
}
