package dev.dfs.store.local;

import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Bucket configuration documents as last read, so the features that consult them on every
 * request (default encryption, Object Lock, ownership, public access block, policies, CORS)
 * cost a map lookup instead of two metadata reads each. Every change of a document or removal
 * of a bucket must call {@link #invalidate()} after it committed; a load that overlapped an
 * invalidation is not kept, so a stale document is never cached. Thread-safe.
 */
final class BucketConfigCache {
  /** Loads a document from the metadata store (throws NO_SUCH_BUCKET, which is never cached). */
  @FunctionalInterface
  interface Loader {
    Optional<String> load() throws IOException;
  }

  private static final int MAX_ENTRIES = 10_000;
  private final ConcurrentHashMap<String, Optional<String>> documents = new ConcurrentHashMap<>();
  private final AtomicLong epoch = new AtomicLong();

  Optional<String> get(String bucket, String name, Loader loader) throws IOException {
    String key = bucket + '\0' + name;
    Optional<String> cached = documents.get(key);
    if (cached != null) return cached;
    long before = epoch.get();
    Optional<String> loaded = loader.load();
    if (epoch.get() == before) {
      if (documents.size() >= MAX_ENTRIES) documents.clear();
      documents.put(key, loaded);
    }
    return loaded;
  }

  /** Forgets everything; called after a document changed or a bucket went away. */
  void invalidate() {
    epoch.incrementAndGet();
    documents.clear();
  }
}
