package dev.dfs.store;

import java.io.IOException;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One kind of bucket configuration document (e.g. {@code cors}, {@code policy}) as an engine keeps
 * it ({@link ObjectStore#bucketConfig(String)}). Documents are opaque text the protocol layer
 * wrote; deleting a bucket removes its documents. Thread-safe as its engine is.
 */
public interface BucketConfig {

  /**
   * The bucket's {@code name} document, or empty when it has none or the engine keeps no such
   * documents (for readers to whom a missing capability means the default: no policy, root owner,
   * no lock). NO_SUCH_BUCKET when the engine keeps them and the bucket does not exist.
   */
  static Optional<String> find(ObjectStore store, String bucket, String name) throws IOException {
    Optional<BucketConfig> config = store.bucketConfig(name);
    return config.isEmpty() ? Optional.empty() : config.get().get(bucket);
  }

  /** Reads one bucket's document (for {@link #of}). */
  @FunctionalInterface
  interface Getter {
    Optional<String> get(String bucket) throws IOException;
  }

  /** Stores or removes one bucket's document (for {@link #of}). */
  @FunctionalInterface
  interface Putter {
    void put(String bucket, @Nullable String document) throws IOException;
  }

  /** A view made of an engine's read and write of one kind of document. */
  static BucketConfig of(Getter getter, Putter putter) {
    return new BucketConfig() {
      @Override
      public Optional<String> get(String bucket) throws IOException {
        return getter.get(bucket);
      }

      @Override
      public void put(String bucket, @Nullable String document) throws IOException {
        putter.put(bucket, document);
      }
    };
  }

  /** The bucket's document as stored, or empty. NO_SUCH_BUCKET. */
  Optional<String> get(String bucket) throws IOException;

  /**
   * Stores ({@code document} not null) or removes ({@code null}) the bucket's document; durable on
   * return. NO_SUCH_BUCKET.
   */
  void put(String bucket, @Nullable String document) throws IOException;
}
