package dev.dfs.s3;

import dev.dfs.lifecycle.TieringOverrides;
import dev.dfs.store.BucketConfig;
import dev.dfs.store.ObjectMetadata;
import dev.dfs.store.ObjectStore;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * A bucket's default storage class (DFS-specific, {@link TieringOverrides#defaultStorageClass()},
 * set through {@code /api/v1/buckets/{name}/tiering}): given to objects written without {@code
 * x-amz-storage-class} by PutObject, CopyObject, CreateMultipartUpload and POST uploads; a class
 * asked for wins. The bucket's document is parsed again only when its text changed (one string
 * comparison per write otherwise). Thread-safe.
 */
final class DefaultStorageClass {
  /** A bucket's document as last parsed, and its default class. */
  private record Parsed(String document, @Nullable String storageClass) {}

  private final ObjectStore store;
  private final Map<String, Parsed> parsed = new ConcurrentHashMap<>();

  DefaultStorageClass(ObjectStore store) {
    this.store = store;
  }

  /** {@code m} with the bucket's default class when it names none; else {@code m}. */
  ObjectMetadata apply(String bucket, ObjectMetadata m) throws IOException {
    if (m.storageClass() != null) return m;
    String c = of(bucket);
    return c == null ? m : ObjectHeaders.withStorageClass(m, c);
  }

  /** The bucket's default class, or null (STANDARD). */
  @Nullable String of(String bucket) throws IOException {
    Optional<String> doc = BucketConfig.find(store, bucket, TieringOverrides.DOCUMENT);
    if (doc.isEmpty()) {
      parsed.remove(bucket);
      return null;
    }
    Parsed p = parsed.get(bucket);
    if (p == null || !p.document().equals(doc.get())) {
      p = new Parsed(doc.get(), TieringOverrides.parse(doc.get()).defaultStorageClass());
      parsed.put(bucket, p);
    }
    return p.storageClass();
  }
}
