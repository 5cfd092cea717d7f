package dev.dfs.lifecycle;

import java.io.IOException;
import java.util.Optional;

/**
 * Where the {@link LifecycleWorker} reads a bucket's current configuration (the S3 layer parses the
 * stored document). Implementations are thread-safe.
 */
@FunctionalInterface
public interface LifecycleConfigSource {
  /**
   * The bucket's configuration as stored now, or empty when it has none. NO_SUCH_BUCKET (as a
   * {@link dev.dfs.store.StoreException}) when the bucket is gone.
   */
  Optional<LifecycleConfiguration> configuration(String bucket) throws IOException;
}
